#!/bin/sh
# Sanity-check the corpus under CPython: each program finishes within 1 s,
# gives identical stdout twice, and ends as its "# expect:" line (line 2) says:
#   "# expect: exit N"            -> exit status N
#   "# expect: uncaught ExcName"  -> exit status 1, last stderr line starts with "ExcName"
# Usage: sh tests/corpus/lang/check.sh [python3]
PY="${1:-python3}"
DIR="$(cd "$(dirname "$0")" && pwd)"
TMP="$(mktemp -d)"
fail=0
n=0
for f in "$DIR"/[0-9]*.py; do
    n=$((n + 1))
    name="$(basename "$f")"
    expect="$(sed -n 2p "$f")"
    timeout 1 "$PY" "$f" >"$TMP/out1" 2>"$TMP/err1"; rc=$?
    timeout 1 "$PY" "$f" >"$TMP/out2" 2>"$TMP/err2"; rc2=$?
    if [ "$rc" = 124 ] || [ "$rc2" = 124 ]; then echo "FAIL $name: timeout"; fail=1; continue; fi
    if ! cmp -s "$TMP/out1" "$TMP/out2"; then echo "FAIL $name: stdout differs between runs"; fail=1; fi
    if ! cmp -s "$TMP/err1" "$TMP/err2"; then echo "FAIL $name: stderr differs between runs"; fail=1; fi
    case "$expect" in
        "# expect: exit "*)
            want="${expect#\# expect: exit }"
            if [ "$rc" != "$want" ]; then echo "FAIL $name: exit $rc, want $want"; sed 's/^/    /' "$TMP/err1" | tail -5; fail=1; fi
            if [ "$want" = 0 ] && grep -q '^Traceback' "$TMP/err1"; then echo "FAIL $name: traceback on stderr"; fail=1; fi
            if grep -q 'Warning' "$TMP/err1"; then echo "FAIL $name: warning on stderr"; fail=1; fi ;;
        "# expect: uncaught "*)
            want="${expect#\# expect: uncaught }"
            last="$(tail -n 1 "$TMP/err1")"
            if [ "$rc" != 1 ]; then echo "FAIL $name: exit $rc, want 1"; fail=1; fi
            case "$last" in
                "$want"|"$want: "*) ;;
                *) echo "FAIL $name: last stderr line '$last', want $want"; fail=1 ;;
            esac
            if ! head -n 1 "$TMP/err1" | grep -q '^Traceback (most recent call last):$' \
               && ! grep -q '^Traceback (most recent call last):$' "$TMP/err1"; then
                echo "FAIL $name: no traceback"; fail=1
            fi ;;
        *) echo "FAIL $name: line 2 is not a '# expect:' line"; fail=1 ;;
    esac
    lines="$(wc -l <"$f")"
    if [ "$lines" -gt 70 ]; then echo "WARN $name: $lines lines"; fi
done
rm -rf "$TMP"
echo "checked $n programs"
[ "$fail" = 0 ] && echo "all OK"
exit "$fail"

# Text processing: word frequencies, formatting a report.
# expect: exit 0
from collections import Counter
text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity."""
words = []
for line in text.splitlines():
    for raw in line.split():
        w = raw.strip(",.").lower()
        if w:
            words.append(w)
print(len(words), len(set(words)))
freq = Counter(words)
for word, n in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6]:
    print(f"{word:<12}{n:>3} {'*' * n}")
longest = max(words, key=len)
print(longest, len(longest))
by_first = {}
for w in sorted(set(words)):
    by_first.setdefault(w[0], []).append(w)
print(by_first)
caps = " ".join(w.capitalize() for w in text.split()[:6])
print(caps)
lines = text.split("\n")
print([len(l) for l in lines], sum(l.count("was") for l in lines))

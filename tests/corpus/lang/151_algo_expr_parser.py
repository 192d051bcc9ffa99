# Recursive-descent expression evaluator using closures and nonlocal.
# expect: exit 0
class LexError(Exception):
    pass
def tokenize(src):
    out = []
    word = ""
    for ch in src + " ":
        if ch.isalnum():
            word += ch
            continue
        if word:
            out.append(word)
            word = ""
        if ch in "+-*/()":
            out.append(ch)
        elif not ch.isspace():
            raise LexError(f"bad char {ch!r}")
    return out
def evaluate(src, env):
    toks = list(tokenize(src))
    pos = 0
    peek = lambda: toks[pos] if pos < len(toks) else None
    def take():
        nonlocal pos
        t = toks[pos]
        pos += 1
        return t
    def atom():
        t = take()
        if t.isdigit():
            return int(t)
        if t.isalpha():
            return env[t]
        if t == "(":
            v = expr()
            take()
            return v
    def term():
        v = atom()
        while peek() is not None and peek() in "*/":
            op = take()
            r = atom()
            v = v * r if op == "*" else v // r
        return v
    def expr():
        v = term()
        while peek() is not None and peek() in "+-":
            op = take()
            r = term()
            v = v + r if op == "+" else v - r
        return v
    return expr()
env = {"y": 8, "z": -3}
for s in ["1 + 2 * 3", "(1 + 2) * 3", "y * (z + 10) - 4 / 2", "100 / 7 / 2"]:
    print(s, "=>", evaluate(s, env))
for bad in ["2 $ 3", "q + 1"]:
    try:
        evaluate(bad, env)
    except LexError as e:
        print("LexError:", e)
    except KeyError as e:
        print("undefined", e)

# A small tokenizer built from a generator, a user exception and a token class.
# expect: exit 0
class LexError(Exception):
    pass
class Token:
    def __init__(self, kind, text):
        self.kind = kind
        self.text = text
    def __repr__(self):
        return f"{self.kind}({self.text!r})"
    def __eq__(self, other):
        return (self.kind, self.text) == (other.kind, other.text)
def tokenize(src):
    i = 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            j = i
            while j < len(src) and src[j].isdigit():
                j += 1
            yield Token("NUM", src[i:j])
            i = j
        elif ch.isalpha() or ch == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            yield Token("NAME", src[i:j])
            i = j
        elif ch in "+-*/()=":
            yield Token("OP", ch)
            i += 1
        else:
            raise LexError(f"bad char {ch!r} at {i}")
toks = list(tokenize("x_1 = (42 + y) * 7"))
print(toks)
print([t.kind for t in toks].count("OP"), toks[0] == Token("NAME", "x_1"))
for s in ["a+b", "  12*(3)  ", "", "f(x_2)"]:
    print(repr(s), [t.text for t in tokenize(s)])
try:
    list(tokenize("2 $ 3"))
except LexError as e:
    print("LexError:", e)

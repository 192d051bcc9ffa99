# Ends with an uncaught ValueError from int().
# expect: uncaught ValueError
def parse_all(tokens):
    out = []
    for t in tokens:
        out.append(int(t))
        print("parsed", t)
    return out
parse_all(["1", "22", "3x3", "4"])

# Stack-based bracket matching and RPN evaluation.
# expect: exit 0
def balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for i, ch in enumerate(s):
        if ch in "([{":
            stack.append((ch, i))
        elif ch in pairs:
            if not stack or stack[-1][0] != pairs[ch]:
                return f"mismatch at {i}"
            stack.pop()
    if stack:
        return f"unclosed at {stack[-1][1]}"
    return "ok"
for s in ["()", "([]{})", "(]", "((", "{[()()]}", "", "a(b)c]", "x{y"]:
    print(repr(s), balanced(s))
def rpn(expr):
    st = []
    for tok in expr.split():
        if tok in "+-*/":
            b = st.pop()
            a = st.pop()
            if tok == "+":
                st.append(a + b)
            elif tok == "-":
                st.append(a - b)
            elif tok == "*":
                st.append(a * b)
            else:
                st.append(a / b)
        else:
            st.append(int(tok))
    return st[0]
for e in ["3 4 +", "5 1 2 + 4 * + 3 -", "2 3 4 * +", "10 4 /", "1 0 /"]:
    try:
        print(e, "=", rpn(e))
    except ZeroDivisionError as ex:
        print(e, "->", type(ex).__name__)

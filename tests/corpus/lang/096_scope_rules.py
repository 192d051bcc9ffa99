# Name resolution: local, enclosing, global, builtin; shadowing.
# expect: exit 0
x = "global x"
def f():
    return x
def g():
    x = "local x"
    return x
def h():
    x = "enclosing x"
    def inner():
        return x
    return inner()
print(f(), g(), h(), x)
def shadow_builtin():
    len = lambda s: "shadowed"
    return len("abc")
print(shadow_builtin(), len("abc"))
max_ = max
def uses_alias(xs):
    return max_(xs)
print(uses_alias([3, 9, 2]))
i = "module i"
squares = [i * i for i in range(4)]
print(squares, i)
total = sum(j for j in range(5))
print(total)
def loop_var_leak():
    for k in range(3):
        pass
    return k
print(loop_var_leak())
def conditional_def(flag):
    if flag:
        def pick():
            return "first"
    else:
        def pick():
            return "second"
    return pick()
print(conditional_def(True), conditional_def(False))
class Scope:
    attr = "class attr"
    def method(self):
        return x
    def method2(self):
        return self.attr
print(Scope().method(), Scope().method2())
def rebinding():
    results = []
    v = 1
    results.append(v)
    v = "now a string"
    results.append(v)
    v = [v]
    results.append(v)
    return results
print(rebinding())

# and/or/not return values and short-circuiting.
# expect: exit 0
log = []
def t(name, val):
    log.append(name)
    return val
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, "" or "default", None or 0 or [] or "last")
print([] and "x", [1] and "x", not 1, not 0, not not "a")
print(t("a", False) and t("b", True))
print(log)
log.clear()
print(t("a", True) or t("b", True))
print(log)
log.clear()
print(t("a", 0) or t("b", "") or t("c", "found"))
print(log)
log.clear()
print(t("a", 1) and t("b", 2) and t("c", 3))
print(log)
x = None
print(x is not None and x.attr)
d = {}
print(d.get("k") or "missing")
print(True and not False, not (True or False), (not True) == False)
print(1 < 2 and 2 < 3, 1 < 2 or 1 / 0)
name = ""
display = name or "anonymous"
print(display)
print(0 or 0.0, 0.0 or 0, [] or {}, () and 1)

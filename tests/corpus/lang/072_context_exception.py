# __exit__ receives exception details; propagate vs suppress.
# expect: exit 0
class Catcher:
    def __init__(self, *types):
        self.types = types
        self.caught = None
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            self.caught = ev
            return True
        return False
with Catcher(ZeroDivisionError) as c:
    x = 1 / 0
print("caught:", type(c.caught).__name__, c.caught)
with Catcher(LookupError) as c:
    {}["missing"]
print("caught:", type(c.caught).__name__, c.caught)
try:
    with Catcher(KeyError) as c:
        int("x")
except ValueError as e:
    print("propagated ValueError:", e, c.caught)
with Catcher(Exception) as c:
    pass
print("no exception:", c.caught)
class Transaction:
    def __init__(self, store):
        self.store = store
    def __enter__(self):
        self.backup = dict(self.store)
        return self.store
    def __exit__(self, et, ev, tb):
        if et is not None:
            self.store.clear()
            self.store.update(self.backup)
            print("rolled back due to", et.__name__)
        else:
            print("committed")
        return True
db = {"a": 1}
with Transaction(db) as s:
    s["b"] = 2
print(db)
with Transaction(db) as s:
    s["c"] = 3
    raise RuntimeError("fail mid-transaction")
print(db)

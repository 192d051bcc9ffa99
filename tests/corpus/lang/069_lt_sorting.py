# __lt__ used by sorted, min, max, list.sort.
# expect: exit 0
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
        self.s = s
    def __lt__(self, other):
        return self.parts < other.parts
    def __eq__(self, other):
        return self.parts == other.parts
    def __repr__(self):
        return "v" + self.s
vs = [Version(s) for s in ["1.10.0", "1.2.3", "1.2.10", "0.9", "1.2.3"]]
print(sorted(vs))
print(sorted(vs, reverse=True))
print(min(vs), max(vs))
vs.sort()
print(vs)
print(Version("1.0") < Version("1.1"), Version("2.0") > Version("1.9"), Version("1.0") == Version("1.0"))
class Task:
    def __init__(self, prio, name):
        self.prio = prio
        self.name = name
    def __lt__(self, other):
        return self.prio < other.prio
    def __repr__(self):
        return f"{self.name}:{self.prio}"
tasks = [Task(3, "c"), Task(1, "a"), Task(2, "b"), Task(1, "a2")]
print(sorted(tasks), max(tasks), min(tasks))
print(sorted([(t.prio, t.name) for t in tasks]))

# print(file=obj) calls obj.write with each piece; `import a.b as c` binds the submodule.
import concurrent.futures as cf
import sys


class Collector:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


c = Collector()
print("a", 1, [2, 3], sep="-", end="!\n", file=c)
print(file=c)
print(c.parts)
print("to stdout", file=sys.stdout)
print("to None", file=None)
with cf.ThreadPoolExecutor(max_workers=2) as ex:
    print(sorted(f.result() for f in [ex.submit(pow, 2, k) for k in range(4)]))
print(cf.ThreadPoolExecutor.__name__)


class NoWrite:
    pass


try:
    print("x", file=NoWrite())
except AttributeError as e:
    print("AttributeError:", e)

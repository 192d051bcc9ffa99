# dataclasses: order, frozen, inheritance, field options, __post_init__, asdict/astuple/replace,
# the generated __init__'s argument errors, and a missing argument that ends the program.
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError
import dataclasses


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0


@dataclass(frozen=True)
class Key:
    name: str
    n: int = 1


@dataclass
class Base:
    ident: int
    tags: list = field(default_factory=list)


@dataclass
class Job(Base):
    priority: int = 5
    done: bool = field(default=False, repr=False)
    cost: int = field(init=False, default=0)
    seen: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        self.cost = self.priority * 10


@dataclass(kw_only=True)
class Options:
    retries: int
    verbose: bool = False


print(sorted([Version(2, 1), Version(1, 5), Version(2)]))
print(Version(1) < Version(1, 1), Version(3) >= Version(2, 9), Version(1) == Version(1, 0))
k = Key("a")
print(k, hash(k) == hash(Key("a", 1)), {k: 1}[Key("a")])
try:
    k.n = 2
except FrozenInstanceError as e:
    print("frozen:", e, isinstance(e, AttributeError))
j = Job(7, ["x"], priority=2)
print(j, j.cost, j.done)
print(Job(7, ["x"], 2) == Job(7, ["x"], 2, seen={"y": 1}))
print([f.name for f in fields(Job)])
print(asdict(j))
print(astuple(Version(4, 2)))
print(replace(j, priority=9))
print(Options(retries=3), dataclasses.is_dataclass(j), dataclasses.is_dataclass(7))
for bad in [lambda: Version(), lambda: Version(1, 2, 3), lambda: Version(1, major=2),
            lambda: Version(1, patch=2), lambda: Options(), lambda: Key()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    @dataclass
    class Bad:
        x: int = 0
        y: int
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass
    class Shared:
        items: list = []
except ValueError as e:
    print("ValueError:", e)
try:
    hash(Version(1))
except TypeError as e:
    print("TypeError:", e)
print(Job(1))
Job()

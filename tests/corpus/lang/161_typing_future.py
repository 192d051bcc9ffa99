# from __future__ import annotations, typing names in annotations, Generic[T], dataclass fields with typing
from __future__ import annotations
from typing import List, Optional, Dict, TypeVar, Generic, ClassVar
import typing
from dataclasses import dataclass, field
T = TypeVar("T")
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
@dataclass
class Inventory:
    items: List[str] = field(default_factory=list)
    limit: Optional[int] = None
    count: ClassVar[int] = 0
def f(x: List[int], y: Optional[int] = None) -> Dict[str, int]:
    return {"n": len(x)}
print(f([1, 2]), typing.Any, Box(3).item, T, Inventory(), Inventory.count, typing.cast(int, "s"))
print(Box[int](5).item, sorted(typing.get_type_hints(Inventory)), sorted(Inventory.__annotations__))

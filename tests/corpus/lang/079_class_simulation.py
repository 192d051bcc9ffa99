# Classes cooperating: inventory and orders.
# expect: exit 0
class Item:
    def __init__(self, name, price, qty=0):
        self.name = name
        self.price = price
        self.qty = qty
    def __repr__(self):
        return f"Item({self.name!r}, {self.price}, qty={self.qty})"
class OutOfStock(Exception):
    pass
class Inventory:
    def __init__(self):
        self.items = {}
    def add(self, item):
        self.items[item.name] = item
        return self
    def take(self, name, n):
        item = self.items[name]
        if item.qty < n:
            raise OutOfStock(f"{name}: want {n}, have {item.qty}")
        item.qty -= n
        return item.price * n
    def value(self):
        return sum(i.price * i.qty for i in self.items.values())
inv = Inventory().add(Item("bolt", 2, 100)).add(Item("nut", 1, 50)).add(Item("gear", 15, 3))
print(inv.value())
orders = [("bolt", 10), ("gear", 5), ("nut", 50), ("cog", 1), ("gear", 3)]
revenue = 0
for name, n in orders:
    try:
        revenue += inv.take(name, n)
        print("sold", n, name)
    except OutOfStock as e:
        print("out of stock:", e)
    except KeyError as e:
        print("unknown item:", e)
print(revenue, inv.value())
print(sorted(inv.items.values(), key=lambda i: i.qty))

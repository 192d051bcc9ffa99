# __len__, __getitem__, __contains__, __iter__.
# expect: exit 0
class Deck:
    def __init__(self):
        self.cards = [r + s for s in "SH" for r in "A23"]
    def __len__(self):
        return len(self.cards)
    def __getitem__(self, i):
        return self.cards[i]
    def __contains__(self, card):
        print("contains called for", card)
        return card in self.cards
    def __iter__(self):
        return iter(self.cards)
d = Deck()
print(len(d), d[0], d[-1], d[1:3])
print("2H" in d, "KS" in d, "KS" not in d)
print(list(d), [c for c in d if c[1] == "S"])
print(bool(d), sorted(d)[:2])
class Squares:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i < 0:
            i += self.n
        if i < 0 or i >= self.n:
            raise IndexError("out of range")
        return i * i
sq = Squares(5)
print(len(sq), sq[2], sq[-1])
print(list(sq), 9 in sq, 10 in sq)
for v in sq:
    print("iter via getitem", v)
try:
    sq[5]
except IndexError as e:
    print("IndexError:", e)
class Empty:
    def __len__(self):
        return 0
print(bool(Empty()), "falsy" if not Empty() else "truthy")
class Grid:
    def __init__(self):
        self.data = {}
    def __getitem__(self, key):
        return self.data.get(key, ".")
    def __setitem__(self, key, value):
        self.data[key] = value
g = Grid()
g[0, 1] = "#"
print("".join(g[0, c] for c in range(3)))

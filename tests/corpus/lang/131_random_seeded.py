# random: seeded, but only properties (never values) are printed.
# expect: exit 0
import random
random.seed(12345)
rolls = [random.randint(1, 6) for _ in range(100)]
print(len(rolls), all(1 <= r <= 6 for r in rolls))
xs = [random.random() for _ in range(50)]
print(all(0.0 <= x < 1.0 for x in xs))
deck = list(range(20))
random.shuffle(deck)
print(sorted(deck) == list(range(20)), len(deck))
pick = random.choice(["a", "b", "c"])
print(pick in ("a", "b", "c"))
u = random.uniform(2.0, 3.0)
print(2.0 <= u <= 3.0)
r = random.randrange(0, 10, 2)
print(r % 2 == 0 and 0 <= r < 10)
sample = random.sample(range(100), 5)
print(len(sample), len(set(sample)), all(0 <= s < 100 for s in sample))

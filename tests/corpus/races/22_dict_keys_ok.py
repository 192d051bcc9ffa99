# Container elements are separate locations: two threads write different keys that already
# exist in a shared dict (no key is added, so the dict's structure does not change). No race.
import threading

totals = {"a": 0, "b": 0}


def add(key, n):
    totals[key] = totals[key] + n


threads = [threading.Thread(target=add, args=("a", 1)), threading.Thread(target=add, args=("b", 2))]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert totals == {"a": 1, "b": 2}
print(totals)

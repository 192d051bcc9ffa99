# Both threads now update the same key: its read-modify-writes are unordered.
# race: totals['a'] 9 9
import threading

totals = {"a": 0, "b": 0}


def add(key, n):
    totals[key] = totals[key] + n


threads = [threading.Thread(target=add, args=("a", 1)), threading.Thread(target=add, args=("a", 2))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(totals)

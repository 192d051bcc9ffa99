# Builtin container methods are atomic: two threads append to one list, a third asks its length
# with len(); calls of builtin methods do not race with each other. No race.
import threading

events = []


def log(msg):
    events.append(msg)


def count():
    print(len(events) <= 2)


threads = [threading.Thread(target=log, args=("a",)), threading.Thread(target=log, args=("b",)), threading.Thread(target=count)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert sorted(events) == ["a", "b"]

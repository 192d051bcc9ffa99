# Each thread stores its result under its own new key of a shared dict: the keys are different
# elements, and adding a key changes the dict's key set atomically (as dict.setdefault does), so
# the stores do not race; the main thread reads the dict after join(). No race.
import threading

results = {}


def work(name):
    results[name] = len(name)


threads = [threading.Thread(target=work, args=(n,)) for n in ("ann", "bob")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))

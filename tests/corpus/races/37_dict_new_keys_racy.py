# A monitor reads the whole dict (sorted() reads every key) while the workers add keys: an
# atomic builtin call, but the stores are not calls, and nothing orders them with the read.
# race: results['ann'] 11 15
# race: results['bob'] 11 15
import threading

results = {}


def work(name):
    results[name] = len(name)


def monitor():
    print(sorted(results))


threads = [threading.Thread(target=work, args=(n,)) for n in ("ann", "bob")] + [threading.Thread(target=monitor)]
for t in threads:
    t.start()
for t in threads:
    t.join()

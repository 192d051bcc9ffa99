# threading.local: each thread's `ctx.user` is its own location, so two threads writing and
# reading it do not race.
import threading

ctx = threading.local()
checks = []


def handle(name):
    ctx.user = name
    checks.append(ctx.user == name)


threads = [threading.Thread(target=handle, args=(n,)) for n in ("ann", "bob")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(checks)

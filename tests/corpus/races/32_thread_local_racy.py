# The same handler with a plain shared object instead of threading.local: the threads' writes and
# reads of `ctx.user` are unordered.
# race: ctx.user 17 17
# race: ctx.user 17 18
import threading


class Context:
    pass


ctx = Context()
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

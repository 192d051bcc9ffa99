# Writes before start(): everything the parent did before start() happens-before the child's
# first action, so the child's read of `shared.greeting` is ordered. No race.
import threading


class Shared:
    pass


shared = Shared()


def child():
    print(shared.greeting)


t = threading.Thread(target=child)
shared.greeting = "hello"
t.start()
t.join()

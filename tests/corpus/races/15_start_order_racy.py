# The parent writes after start(): the child's read is unordered with it.
# race: shared.greeting 14 19
import threading


class Shared:
    greeting = None


shared = Shared()


def child():
    print(shared.greeting)


t = threading.Thread(target=child)
t.start()
shared.greeting = "hello"
t.join()

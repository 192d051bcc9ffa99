# Course notes 001, "Creating Threads" (and 004 "Starting a Thread"): WRITTEN from the description. Thread(target=...,
# name="demoThread", args=..., kwargs=...), a callable object as target, start() and join(); MainThread is the creator.
# expect: none
# expect-outcome: 'demoThread: Hello, world?\nMainThread: joined demoThread\nThread-1: called with 21\nMainThread: joined Thread-1\n'
import threading


def demo(greeting, name, punctuation="!"):
    print(f"{threading.current_thread().name}: {greeting}, {name}{punctuation}")


class Doubler:
    # any callable object can be a target: here an object of a class with __call__
    def __call__(self, n):
        print(f"{threading.current_thread().name}: called with {n}")


t = threading.Thread(target=demo, name="demoThread", args=("Hello", "world"), kwargs={"punctuation": "?"})
t.start()
t.join()
print(f"{threading.current_thread().name}: joined {t.name}")

u = threading.Thread(target=Doubler(), args=(21,))
u.start()
u.join()
print(f"{threading.current_thread().name}: joined {u.name}")

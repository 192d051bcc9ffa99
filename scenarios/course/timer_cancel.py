# Course notes 001 "Timer" and 004 "Timer": WRITTEN from the description. A Timer calls a function after an interval;
# cancel() before it fires means it never runs.
# expect: none
# expect-outcome: 'hello after 1.0 s\nmain: done\n'
import threading


def hello():
    print("hello after 1.0 s")


def never():
    print("cancelled timer fired")


t = threading.Timer(1.0, hello)
c = threading.Timer(2.0, never)
t.start()
c.start()
c.cancel()
t.join()
c.join()
print("main: done")

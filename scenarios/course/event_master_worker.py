# Course notes 001 "Events" and 003 (Event): WRITTEN from the description. Workers wait() on an Event; the master prepares
# shared data and set()s it; all waiters are released. The set -> wait edge orders the write of shared["config"].
# expect: none
# expect-outcome: 'worker-1: waiting\nworker-2: waiting\nmaster: preparing\nworker-1: got config=ready\nworker-2: got config=ready\n'
# expect-outcome: 'worker-1: waiting\nworker-2: waiting\nmaster: preparing\nworker-2: got config=ready\nworker-1: got config=ready\n'
from threading import Thread, Event
from time import sleep

shared = {}


def worker(event, name):
    print(f"{name}: waiting")
    event.wait()
    print(f"{name}: got config={shared['config']}")


def master(event):
    print("master: preparing")
    sleep(1)
    shared["config"] = "ready"
    event.set()


event = Event()
threads = [
    Thread(target=worker, args=(event, "worker-1")),
    Thread(target=worker, args=(event, "worker-2")),
    Thread(target=master, args=(event,)),
]
for t in threads:
    t.start()
for t in threads:
    t.join()

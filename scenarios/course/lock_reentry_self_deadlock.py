# Course notes 004, "Deadlock": a utility function that takes the lock is called by a function that already holds it.
# WRITTEN from the description. A plain Lock is not re-entrant: the thread waits for itself forever (a wait-for cycle).
# expect: deadlock
import threading

lock = threading.Lock()
log = []


def record(entry):
    with lock:
        log.append(entry)


def update(value):
    with lock:
        record(f"updating to {value}")  # takes the lock again: blocks forever


t = threading.Thread(target=update, args=(1,))
t.start()
t.join()
print(log)

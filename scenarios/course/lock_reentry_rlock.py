# Course notes 004, "Deadlock", the fix the notes give: the same program with an RLock, which the holder can re-acquire.
# WRITTEN from the description (see lock_reentry_self_deadlock.py).
# expect: none
# expect-outcome: "['updating to 1']\n"
import threading

lock = threading.RLock()
log = []


def record(entry):
    with lock:
        log.append(entry)


def update(value):
    with lock:
        record(f"updating to {value}")


t = threading.Thread(target=update, args=(1,))
t.start()
t.join()
print(log)

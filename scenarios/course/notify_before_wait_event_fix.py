# Course notes 000, "Race Condition With Timing", the fix: the waiting thread sets an Event while holding the condition,
# and the notifying thread busy-waits (with sleep) for it. WRITTEN from the notes' two snippets, which are used verbatim.
# expect: none
# expect-outcome: 'task: notified\nmain: done\n'
import threading
from time import sleep

condition = threading.Condition()
event = threading.Event()


def task():
    # wait to be notified
    with condition:
        # indicate we are ready to be notified
        event.set()
        # wait to be notified
        condition.wait()
    print("task: notified")


thread = threading.Thread(target=task)
thread.start()

# busy wait for the new thread to get ready
while not event.is_set():
    sleep(0.1)

with condition:
    condition.notify()

thread.join()
print("main: done")

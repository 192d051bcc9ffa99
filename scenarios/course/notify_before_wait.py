# Course notes 000, "Race Condition With Timing": WRITTEN from the notes' description (they give no full program).
# The first thread waits on a Condition, the second notifies it; if the notify runs first it is lost and the waiter hangs.
# expect: hang
# expect-outcome: 'waiter: working\nwaiter: notified\nnotifier: notified\n'
# expect-outcome: 'waiter: working\nnotifier: notified\nwaiter: notified\n'
import threading

condition = threading.Condition()


def waiter():
    print("waiter: working")
    # wait to be notified
    with condition:
        condition.wait()
    print("waiter: notified")


def notifier():
    with condition:
        condition.notify()
    print("notifier: notified")


first = threading.Thread(target=waiter)
second = threading.Thread(target=notifier)
first.start()
second.start()
first.join()
second.join()

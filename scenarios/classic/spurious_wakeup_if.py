# Course notes 001 "Spurious wakeups": with --spurious-wakeups, wait() may return without a notify; the waiter checks
# its predicate with `if`, not in a loop, so it can go on while `ready` is still False and its assert fails.
# weft: --spurious-wakeups
# expect: assertion
# expect-outcome: 'waiter: ready\n'
import threading

cond = threading.Condition()
ready = False


def waiter():
    with cond:
        if not ready:  # should be: while not ready
            cond.wait()
        assert ready, "woke up but not ready"
    print("waiter: ready")


def setter():
    global ready
    with cond:
        ready = True
        cond.notify()


threads = [threading.Thread(target=waiter), threading.Thread(target=setter)]
for t in threads:
    t.start()
for t in threads:
    t.join()

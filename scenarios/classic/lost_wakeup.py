# Lost wakeup: the consumer waits on a Condition with no predicate (no `while not items:` loop, not even an `if`);
# when the producer's notify() comes before the wait(), nobody will ever notify again and the consumer hangs.
# expect: hang
# expect-message: notify() at line 22 ran before this wait() and found no waiter: a lost wakeup
# expect-outcome: 'consumer: got item\n'
import threading

cond = threading.Condition()
items = []


def consumer():
    with cond:
        cond.wait()  # should be: while not items: cond.wait()
        item = items.pop()
    print(f"consumer: got {item}")


def producer():
    with cond:
        items.append("item")
        cond.notify()


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()

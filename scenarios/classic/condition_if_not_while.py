# Condition predicate checked with `if` instead of `while`: a woken consumer does not re-check, and another consumer
# may have taken the item between the notify and its wake-up: IndexError "pop from empty list" in that thread.
# expect: exception
# expect-message: pop from empty list
# expect-outcome: 'consumer-1: got 1\nconsumer-2: got 2\n'
# expect-outcome: 'consumer-2: got 1\n'
import threading

cond = threading.Condition()
items = []


def consumer(name):
    with cond:
        if not items:  # should be `while`
            cond.wait()
        item = items.pop(0)
    print(f"{name}: got {item}")


def producer():
    for item in (1, 2):
        with cond:
            items.append(item)
            cond.notify()


threads = [
    threading.Thread(target=consumer, args=("consumer-1",)),
    threading.Thread(target=producer),
    threading.Thread(target=consumer, args=("consumer-2",)),
]
for t in threads:
    t.start()
for t in threads:
    t.join()

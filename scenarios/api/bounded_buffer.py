# Issue 13's bounded-buffer class: two producers and two consumers on one Condition with notify_all, two items each.
# weft: --strategy dpor --max-executions 300
# expect: none
# expect-outcome: '[0, 1, 10, 11]\n'
import threading

cond = threading.Condition()
buf = []
CAP = 1
got = []

def producer(base):
    for i in range(2):
        with cond:
            while len(buf) >= CAP:
                cond.wait()
            buf.append(base + i)
            cond.notify_all()

def consumer():
    for _ in range(2):
        with cond:
            while not buf:
                cond.wait()
            got.append(buf.pop(0))
            cond.notify_all()

ts = [threading.Thread(target=producer, args=(0,)), threading.Thread(target=producer, args=(10,)),
      threading.Thread(target=consumer), threading.Thread(target=consumer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(got))

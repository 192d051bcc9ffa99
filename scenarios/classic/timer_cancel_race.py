# A Timer with a zero interval cancelled right after start(): whether the function runs depends on whether the timer
# thread checks its `finished` event before or after cancel() sets it. Both outcomes, no finding.
# expect: none
# expect-outcome: 'timer fired\nmain: done\n'
# expect-outcome: 'main: done\n'
import threading


def fire():
    print("timer fired")


t = threading.Timer(0, fire)
t.start()
t.cancel()
t.join()
print("main: done")

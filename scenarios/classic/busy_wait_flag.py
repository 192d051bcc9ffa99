# Busy waiting on a plain global flag set by another thread, sleeping 0.01 s per poll. It terminates (no livelock:
# virtual time advances while the poller sleeps), but the flag is read and written without synchronisation: a race.
# expect: race
# expect-message: flag
# expect-outcome: 'waiter: saw the flag\n'
import threading
import time

flag = False


def setter():
    global flag
    time.sleep(0.05)
    flag = True


def waiter():
    while not flag:
        time.sleep(0.01)
    print("waiter: saw the flag")


threads = [threading.Thread(target=waiter), threading.Thread(target=setter)]
for t in threads:
    t.start()
for t in threads:
    t.join()

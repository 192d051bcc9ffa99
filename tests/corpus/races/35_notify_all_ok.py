# Three threads: two waiters in a predicate loop on one Condition, woken by notify_all(); each
# reads the shared `config.level` under the condition's lock. No race.
import threading


class Config:
    level = 0


config = Config()
cond = threading.Condition()
ready = False
levels = []


def waiter():
    with cond:
        while not ready:
            cond.wait()
        levels.append(config.level)


def announcer():
    global ready
    with cond:
        config.level = 3
        ready = True
        cond.notify_all()


threads = [threading.Thread(target=waiter), threading.Thread(target=waiter), threading.Thread(target=announcer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(levels)

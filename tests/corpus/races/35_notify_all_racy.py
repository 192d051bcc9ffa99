# The waiters read `config.level` after leaving the condition's block, and the announcer changes
# it again after its own block: those accesses are unordered.
# race: config.level 21 30
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
    config.level = 4


threads = [threading.Thread(target=waiter), threading.Thread(target=waiter), threading.Thread(target=announcer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(levels)

# Lazy initialisation with every check under the lock: the first caller creates the instance, the
# second sees it; all reads and writes of `instance` are ordered by the lock. No race.
import threading

instance = None
lock = threading.Lock()
seen = [None, None]


def get_instance():
    global instance
    with lock:
        if instance is None:
            instance = object()
        return instance


def user(i):
    seen[i] = get_instance()


threads = [threading.Thread(target=user, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert seen[0] is seen[1]
print("one instance")

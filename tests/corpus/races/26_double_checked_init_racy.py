# Double-checked initialisation: the first check reads `instance` without the lock, so it is
# unordered with the other thread's write inside the lock (the check is racy even though the
# result is right under the GIL).
# race: instance 15 18
# race: instance 18 19
import threading

instance = None
lock = threading.Lock()
seen = [None, None]


def get_instance():
    global instance
    if instance is None:
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
print(seen[0] is seen[1])

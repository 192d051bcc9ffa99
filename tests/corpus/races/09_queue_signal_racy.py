# The main thread writes the setting after putting the token: the worker's read after get() is
# not ordered with that write.
# race: settings['limit'] 13 19
import queue
import threading

settings = {"limit": 0}
go = queue.Queue()


def worker():
    go.get()
    print(settings["limit"])


t = threading.Thread(target=worker)
t.start()
go.put("go")
settings["limit"] = 10
t.join()

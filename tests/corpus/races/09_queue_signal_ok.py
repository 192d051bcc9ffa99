# A queue used as a go signal: the main thread writes `settings['limit']` and then puts a token;
# the worker gets the token before reading the setting. No race.
import queue
import threading

settings = {"limit": 0}
go = queue.Queue()


def worker():
    go.get()
    print(settings["limit"])


t = threading.Thread(target=worker)
t.start()
settings["limit"] = 10
go.put("go")
t.join()

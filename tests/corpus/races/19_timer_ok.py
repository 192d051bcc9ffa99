# A Timer's function runs as a thread started by start(): the writes before start() are ordered
# with it, and join() orders its write with the main thread's read. No race.
import threading

state = {"armed": False, "fired": False}


def fire():
    if state["armed"]:
        state["fired"] = True


timer = threading.Timer(0.01, fire)
state["armed"] = True
timer.start()
timer.join()
print(state)

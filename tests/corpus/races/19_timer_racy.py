# The main thread arms the state after starting the timer: the delay makes the write come first in
# time, but nothing orders it with the timer function's read (sleep gives no happens-before).
# race: state['armed'] 10 16
import threading

state = {"armed": False, "fired": False}


def fire():
    if state["armed"]:
        state["fired"] = True


timer = threading.Timer(0.01, fire)
timer.start()
state["armed"] = True
timer.join()
print(state)

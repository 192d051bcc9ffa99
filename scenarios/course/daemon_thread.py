# Course notes 001 "Daemon Thread" and 004: WRITTEN from the description. A daemon thread ticks forever; the program
# exits when the main thread ends and abandons it. A thread created inside a daemon thread inherits daemon=True.
# expect: none
# expect-outcome: 'main: d.daemon=True\ndaemon: child.daemon=True\ndaemon: tick\ndaemon: tick\ndaemon: tick\nmain: exiting\n'
import threading
import time


def background():
    child = threading.Thread(target=print)  # not started; only its inherited daemon flag is shown
    print(f"daemon: child.daemon={child.daemon}")
    while True:
        print("daemon: tick")
        time.sleep(0.5)


d = threading.Thread(target=background, daemon=True)
print(f"main: d.daemon={d.daemon}")
d.start()
time.sleep(1.2)
print("main: exiting")

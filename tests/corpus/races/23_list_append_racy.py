# A thread reads an element by index while another appends: the subscript is a plain read, not an
# atomic builtin call, and nothing orders it with the append.
# race: events 10 14
import threading

events = ["start"]


def log(msg):
    events.append(msg)


def last():
    print(events[-1])


threads = [threading.Thread(target=log, args=("a",)), threading.Thread(target=last)]
for t in threads:
    t.start()
for t in threads:
    t.join()

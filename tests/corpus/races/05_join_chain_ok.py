# Ordering through a chain of joins: the second worker joins the first before reading its output,
# and the main thread joins the second. No race.
import threading

data = [0, 0]


def first():
    data[0] = 1


def second(other):
    other.join()
    data[1] = data[0] + 1


a = threading.Thread(target=first)
b = threading.Thread(target=second, args=(a,))
a.start()
b.start()
b.join()
assert data == [1, 2]
print(data)

# The second worker no longer joins the first before reading `data[0]`: unordered with the write.
# race: data[0] 9 13
import threading

data = [0, 0]


def first():
    data[0] = 1


def second(other):
    data[1] = data[0] + 1


a = threading.Thread(target=first)
b = threading.Thread(target=second, args=(a,))
a.start()
b.start()
b.join()
a.join()
print(data)

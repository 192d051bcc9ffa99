# Publishing through a plain global flag, no lock: both the flag and the data it guards are read
# and written unordered (a plain variable gives no happens-before edge).
# race: published 14 18
# race: data 13 19
import threading

data = 0
published = False


def writer():
    global data, published
    data = 42
    published = True


def reader():
    if published:
        print(data)


threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
for t in threads:
    t.start()
for t in threads:
    t.join()

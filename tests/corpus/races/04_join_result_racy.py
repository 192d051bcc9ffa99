# The main thread reads the worker's result before joining it: the read and the write are unordered.
# race: result 10 15
import threading

result = None


def work():
    global result
    result = 6 * 7


t = threading.Thread(target=work)
t.start()
print(result)
t.join()

# The main thread reads what a worker wrote only after join(): the thread's end happens-before the
# return of join. No race.
import threading

result = None


def work():
    global result
    result = 6 * 7


t = threading.Thread(target=work)
t.start()
t.join()
assert result == 42
print(result)

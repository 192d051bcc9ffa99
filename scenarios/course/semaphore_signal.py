# Course notes 001 "Semaphores": "used to signal among threads working towards common goal". WRITTEN from the notes'
# description. Semaphore(0): the worker stores a result and release()s, the main thread acquire()s and reads it.
# expect: none
# expect-outcome: 'main: result is 42\n'
import threading

done = threading.Semaphore(0)
result = None


def worker():
    global result
    result = 6 * 7
    done.release()


threading.Thread(target=worker).start()
done.acquire()
print(f"main: result is {result}")

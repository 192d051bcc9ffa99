# Course notes 004, "Working with many Threads": the article's example, WRITTEN from the description with print instead
# of logging. Creation order says nothing about the order in which threads run or finish.
# expect: none
# expect-outcome: 'Main    : create and start thread 0.\nThread 0: starting\nMain    : create and start thread 1.\nThread 1: starting\nMain    : create and start thread 2.\nThread 2: starting\nMain    : before joining thread 0.\nThread 0: finishing\nMain    : thread 0 done\nMain    : before joining thread 1.\nThread 1: finishing\nMain    : thread 1 done\nMain    : before joining thread 2.\nThread 2: finishing\nMain    : thread 2 done\n'
import threading
import time


def thread_function(name):
    print(f"Thread {name}: starting")
    time.sleep(2)
    print(f"Thread {name}: finishing")


if __name__ == "__main__":
    threads = list()
    for index in range(3):
        print(f"Main    : create and start thread {index}.")
        x = threading.Thread(target=thread_function, args=(index,))
        threads.append(x)
        x.start()

    for index, thread in enumerate(threads):
        print(f"Main    : before joining thread {index}.")
        thread.join()
        print(f"Main    : thread {index} done")

# Real Python, "An Intro to Threading in Python" (the course's threading tutorial): three threads log
# "starting"/"finishing" around a sleep, the main thread logs creating and joining them. The tutorial's code with
# one change: basicConfig(stream=sys.stdout), so that the log lines are the program's stdout (outcomes). asctime
# reads weft's virtual clock (epoch 1_700_000_000 = 2023-11-14 22:13:20 UTC, local time is UTC), so the threads
# finish two virtual seconds after they start.
# expect: none
# expect-outcome: '22:13:20: Main    : create and start thread 0.\n22:13:20: Thread 0: starting\n22:13:20: Main    : create and start thread 1.\n22:13:20: Thread 1: starting\n22:13:20: Main    : create and start thread 2.\n22:13:20: Thread 2: starting\n22:13:20: Main    : before joining thread 0.\n22:13:22: Thread 0: finishing\n22:13:22: Main    : thread 0 done\n22:13:22: Main    : before joining thread 1.\n22:13:22: Thread 1: finishing\n22:13:22: Main    : thread 1 done\n22:13:22: Main    : before joining thread 2.\n22:13:22: Thread 2: finishing\n22:13:22: Main    : thread 2 done\n'
import logging
import sys
import threading
import time


def thread_function(name):
    logging.info("Thread %s: starting", name)
    time.sleep(2)
    logging.info("Thread %s: finishing", name)


if __name__ == "__main__":
    format = "%(asctime)s: %(message)s"
    logging.basicConfig(format=format, level=logging.INFO,
                        datefmt="%H:%M:%S", stream=sys.stdout)

    threads = list()
    for index in range(3):
        logging.info("Main    : create and start thread %d.", index)
        x = threading.Thread(target=thread_function, args=(index,))
        threads.append(x)
        x.start()

    for index, thread in enumerate(threads):
        logging.info("Main    : before joining thread %d.", index)
        thread.join()
        logging.info("Main    : thread %d done", index)

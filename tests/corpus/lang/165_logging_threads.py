# logging from threads: %(threadName)s and %(funcName)s of the calling thread, one thread at a time.
# expect: exit 0
import logging
import sys
import threading

logging.basicConfig(format="%(threadName)s %(funcName)s: %(message)s", level=logging.DEBUG,
                    stream=sys.stdout)


def worker(n):
    logging.info("worker %d starting", n)
    logging.debug("worker %d done", n)


class Job(threading.Thread):
    def run(self):
        logging.warning("job %s runs", self.name)


logging.info("main starts")
for i in range(3):
    t = threading.Thread(target=worker, args=(i,), name="worker-%d" % i)
    t.start()
    t.join()
j = Job(name="job")
j.start()
j.join()
u = threading.Thread(target=worker, args=(9,))
u.start()
u.join()
log = logging.getLogger("pool")


def task():
    log.error("in %s", threading.current_thread().name)


t = threading.Thread(target=task, name="T")
t.start()
t.join()
logging.info("main ends")

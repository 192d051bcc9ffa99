# logging's default stream is stderr: lastResort, basicConfig's default format, StreamHandler(); stderr is compared too.
# expect: exit 0
import logging
import threading

logging.getLogger("early").warning("lastResort: the bare message, %s", "formatted")
logging.getLogger("early").info("lastResort drops INFO")
print("stdout between")
logging.warning("the module functions call basicConfig(): %s", "default format")
logging.info("the root logger is at WARNING")
logging.error("error %d", 1)
log = logging.getLogger("app.db")
log.critical("a child logger propagates to the root's handler")
extra = logging.StreamHandler()
extra.setFormatter(logging.Formatter("%(threadName)s|%(name)s|%(message)s"))
log.addHandler(extra)


def worker():
    log.error("from a thread: two handlers, two lines")


t = threading.Thread(target=worker, name="Worker")
t.start()
t.join()
print("done")

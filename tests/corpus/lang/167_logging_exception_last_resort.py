# logging: lastResort (no handler: the bare message, WARNING and above), logger.exception and exc_info.
# expect: exit 0
import logging
import sys

# lastResort writes to whatever sys.stderr is when it emits.
sys.stderr = sys.stdout
log = logging.getLogger("quiet")
log.info("info is below lastResort's WARNING")
log.warning("no handler: %s", "just the message")
log.error("an error too")
print(log.handlers, logging.root.handlers, logging.lastResort.level)


class Lines:
    """A stream that keeps what is written, so that tracebacks' paths can be shortened."""

    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def flush(self):
        pass

    def show(self):
        for line in self.text.splitlines():
            if line.startswith('  File "'):
                path, rest = line[8:].split('"', 1)
                line = '  File "' + path.rsplit("/", 1)[-1] + '"' + rest
            print(line)
        self.text = ""


out = Lines()
handler = logging.StreamHandler(out)
handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
log.addHandler(handler)


def divide(a, b):
    if b == 0:
        raise ZeroDivisionError("no dividing %s by zero" % a)
    return a / b


try:
    divide(1, 0)
except ZeroDivisionError:
    log.exception("division failed")
out.show()
try:
    raise KeyError("k")
except KeyError as e:
    log.error("caught %r", e, exc_info=True)
    log.warning("exc_info given the exception", exc_info=e)
out.show()
log.exception("outside an except block")
out.show()
log.info("below the root logger's WARNING")
log.setLevel(logging.INFO)
log.info("now shown")
out.show()

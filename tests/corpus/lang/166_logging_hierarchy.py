# logging: the logger hierarchy (placeholders, parents, levels, propagation), handlers, Formatters, filters, disable, reprs.
# expect: exit 0
import logging
import sys

abc = logging.getLogger("a.b.c")
a = logging.getLogger("a")
ab = logging.getLogger("a.b")
print(abc.parent is ab, ab.parent is a, a.parent is logging.root)
print(abc.name, ab.getChild("c") is abc, a.getChild("b.c") is abc)
print(abc.getEffectiveLevel(), a.level, ab.propagate)
a.setLevel(logging.INFO)
print(abc.getEffectiveLevel(), abc.isEnabledFor(logging.DEBUG), abc.isEnabledFor(logging.INFO))
print(repr(abc), repr(logging.root))

h_root = logging.StreamHandler(sys.stdout)
h_root.setFormatter(logging.Formatter("root-handler %(name)s %(levelname)s %(message)s"))
logging.root.addHandler(h_root)
h_a = logging.StreamHandler(sys.stdout)
h_a.setFormatter(logging.Formatter("a-handler [%(name)s] %(message)s"))
h_a.setLevel(logging.WARNING)
a.addHandler(h_a)
print(repr(h_a), a.handlers == [h_a], a.hasHandlers(), abc.hasHandlers())

abc.info("info reaches root's handler only (a's handler is at WARNING)")
abc.warning("warning reaches both")
abc.debug("debug is below a's level")
ab.propagate = False
abc.error("stops at a.b, which has no handler")
ab.propagate = True


class OnlyOdd(logging.Filter):
    def filter(self, record):
        return record.args[0] % 2 == 1


a.addFilter(OnlyOdd())
for i in range(4):
    a.warning("number %d", i)
abc.warning("a logger's filters do not apply to its children's records: %d", 0)
h_root.addFilter(logging.Filter("a.b"))
a.warning("root handler now only takes a.b and below: %d", 5)
ab.warning("a.b passes the name filter")
other = logging.getLogger("ab")
other.warning("'ab' is not under 'a.b'")

logging.disable(logging.WARNING)
ab.warning("disabled")
ab.error("error is above the disable level")
logging.disable(logging.NOTSET)
ab.warning("enabled again")
a.removeHandler(h_a)
print(a.handlers, logging.getLogger("a") is a)
adapter = logging.LoggerAdapter(ab, {"user": "ann"})
h_root.setFormatter(logging.Formatter("%(user)s via adapter: %(message)s"))
adapter.warning("hello %s", "world")
record = logging.makeLogRecord({"msg": "made %s", "args": ("by hand",), "levelname": "X"})
print(record.getMessage(), record.levelname)

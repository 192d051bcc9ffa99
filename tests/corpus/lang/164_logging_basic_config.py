# logging: basicConfig with format, level and stream; level filtering, the level names, log(), force=True.
# expect: exit 0
import logging
import sys

FORMAT = "%(levelname)-8s|%(levelno)2d|%(name)s|%(funcName)s:%(lineno)d|%(module)s|%(filename)s|%(message)s"
logging.basicConfig(format=FORMAT, level=logging.INFO, stream=sys.stdout)
logging.debug("not shown: below INFO")
logging.info("info %s %d", "args", 42)
logging.warning("warning with a dict %(a)s and %(b)d", {"a": "A", "b": 7})
logging.error("error %r", [1, 2])
logging.critical("critical")
logging.log(25, "level 25 without a name")
logging.addLevelName(25, "NOTICE")
logging.log(25, "level 25 named")
logging.fatal("fatal is critical")


def helper(n):
    logging.info("from helper %d", n)


helper(3)
# A second basicConfig does nothing while the root logger has handlers...
logging.basicConfig(format="IGNORED %(message)s", stream=sys.stdout)
logging.info("still the first format")
# ...unless force=True replaces them.
logging.basicConfig(format="{levelname}:{message}", style="{", stream=sys.stdout, force=True)
logging.warning("brace style")
logging.info("INFO is filtered again: force=True without level keeps the root's level")
logging.getLogger().setLevel("DEBUG")
logging.debug("the root logger at DEBUG, by name")
print(logging.getLevelName(10), logging.getLevelName(50), logging.getLevelName(25))
print(logging.getLevelName("WARNING"), logging.getLevelName(33), logging.getLevelName("NOTICE"))
print(logging.WARN, logging.FATAL, logging.NOTSET, logging.BASIC_FORMAT)
print(logging.root.level, logging.getLogger() is logging.root, logging.root.name)
print(len(logging.root.handlers), logging.root.handlers[0].formatter._fmt)
try:
    logging.getLogger().setLevel("LOUD")
except ValueError as e:
    print("ValueError:", e)
try:
    logging.basicConfig(force=True, colour=True)
except ValueError as e:
    print("ValueError:", e)
try:
    logging.Formatter("no fields")
except ValueError as e:
    print("ValueError:", e)

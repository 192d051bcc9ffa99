# raise X from Y; __cause__.
# expect: exit 0
class ConfigError(Exception):
    pass
def load(d, key):
    try:
        return d[key]
    except KeyError as e:
        raise ConfigError(f"missing key {key}") from e
try:
    load({}, "port")
except ConfigError as e:
    print("ConfigError:", e)
    print("cause:", type(e.__cause__).__name__, e.__cause__)
    print(e.__cause__ is e.__context__)
try:
    raise ValueError("v") from None
except ValueError as e:
    print(e, e.__cause__, e.__suppress_context__)
def chain():
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise RuntimeError("wrapped") from z
try:
    chain()
except RuntimeError as e:
    print(repr(e), repr(e.__cause__))
try:
    raise TypeError("t") from ValueError("explicit cause")
except TypeError as e:
    print(e, "<-", e.__cause__, e.__cause__.args)

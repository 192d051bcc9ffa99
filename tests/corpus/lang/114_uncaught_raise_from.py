# Ends with an exception raised with `from` another.
# expect: uncaught ParseError
class ParseError(Exception):
    pass
def parse_port(text):
    try:
        return int(text)
    except ValueError as e:
        raise ParseError("invalid port: " + text) from e
print(parse_port("8080"))
print(parse_port("eighty"))

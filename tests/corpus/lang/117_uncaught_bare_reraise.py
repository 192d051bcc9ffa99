# Ends with an exception re-raised by a bare `raise`.
# expect: uncaught KeyError
def load(cfg):
    return cfg["path"]
def main():
    try:
        load({})
    except KeyError as e:
        print("logging missing key", e)
        raise
main()

# Ends with a user-defined exception raised without arguments.
# expect: uncaught Halt
class Halt(Exception):
    pass
def run(steps):
    for s in range(steps):
        print("step", s)
        if s == 2:
            raise Halt
run(5)

# global statement.
# expect: exit 0
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump()
bump()
print(counter)
def read_only():
    return counter * 100
print(read_only())
def create_global():
    global created
    created = "made in function"
create_global()
print(created)
def shadow_local():
    counter = -1
    return counter
print(shadow_local(), counter)
config = {"debug": False}
def set_debug():
    config["debug"] = True
set_debug()
print(config)
total = 0
def add_all(*xs):
    global total
    for x in xs:
        total += x
add_all(1, 2, 3)
add_all(10)
print(total)
def unbound():
    try:
        print(counter)
        counter = 5
    except UnboundLocalError as e:
        print("UnboundLocalError", isinstance(e, NameError))
unbound()

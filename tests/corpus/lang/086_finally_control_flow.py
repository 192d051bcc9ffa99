# finally with return, break, continue.
# expect: exit 0
def ret_in_try():
    try:
        return "try value"
    finally:
        print("finally runs before return")
print(ret_in_try())
def finally_overrides():
    try:
        return 1
    finally:
        print("in finally")
print(finally_overrides())
for i in range(3):
    try:
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
    finally:
        print("finally", i)
def count_finally():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                return n
        finally:
            print("tick", n)
print(count_finally())
def exc_then_return():
    try:
        1 / 0
    except ZeroDivisionError:
        return "from except"
    finally:
        print("finally after except-return")
print(exc_then_return())
def mutate_in_finally():
    data = [1]
    try:
        return data
    finally:
        data.append(2)
print(mutate_in_finally())

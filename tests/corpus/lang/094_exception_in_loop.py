# try inside loops, continue/break from handlers.
# expect: exit 0
data = ["1", "2", "x", "4", "", "6"]
total = 0
bad = []
for s in data:
    try:
        total += int(s)
    except ValueError:
        bad.append(s)
        continue
    finally:
        pass
print(total, bad)
results = []
for d in [2, 1, 0, -1]:
    try:
        results.append(12 // d)
    except ZeroDivisionError:
        results.append("stop")
        break
print(results)
attempts = 0
while attempts < 10:
    attempts += 1
    try:
        if attempts % 3:
            raise RuntimeError(attempts)
    except RuntimeError as e:
        print("retry after", e.args[0])
        continue
    print("success on", attempts)
    break
def first_int(items):
    for it in items:
        try:
            return int(it)
        except (ValueError, TypeError):
            pass
    return None
print(first_int(["a", None, [1], "7", "8"]), first_int([]))
matrix = [[1, 2], [3], [4, 5, 6]]
for row in matrix:
    try:
        print(row[1])
    except IndexError:
        print("short row", row)

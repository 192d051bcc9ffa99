# User context managers.
# expect: exit 0
class Tag:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print(f"<{self.name}>")
        return self
    def __exit__(self, exc_type, exc, tb):
        print(f"</{self.name}>")
        return False
with Tag("html") as t:
    print("inside", t.name)
    with Tag("body"):
        print("content")
print("after")
class Resource:
    def __init__(self):
        self.open = False
    def __enter__(self):
        self.open = True
        return "handle-value"
    def __exit__(self, et, ev, tb):
        self.open = False
r = Resource()
with r as h:
    print(h, r.open)
print(r.open)
def use():
    with Tag("fn"):
        return "returned from with"
print(use())
for i in range(3):
    with Tag(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)

# Ends with an uncaught AttributeError on a user object.
# expect: uncaught AttributeError
class Robot:
    def __init__(self, name):
        self.name = name
    def greet(self):
        return "beep " + self.name
r = Robot("R2")
print(r.greet())
print(r.wingspan)

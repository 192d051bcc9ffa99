# Ends with an exception inside a method called from a loop.
# expect: uncaught ZeroDivisionError
class Divider:
    def __init__(self, numerator):
        self.numerator = numerator
    def by(self, d):
        return self.numerator / d
dv = Divider(100)
for d in [5, 3, 1, 0, 7]:
    print(d, dv.by(d))

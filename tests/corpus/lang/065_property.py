# @property with setter.
# expect: exit 0
class Temperature:
    def __init__(self, celsius):
        self._c = celsius
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
print(t.celsius)
try:
    t.fahrenheit = 1
except AttributeError:
    print("AttributeError: read-only property")
class Rect:
    def __init__(self, w, h):
        self.w = w
        self.h = h
    @property
    def area(self):
        print("computing area")
        return self.w * self.h
r = Rect(3, 4)
print(r.area)
r.w = 10
print(r.area + 1)
class Account:
    def __init__(self):
        self._balance = 0
        self.history = []
    @property
    def balance(self):
        return self._balance
    @balance.setter
    def balance(self, v):
        self.history.append(v)
        self._balance = v
acct = Account()
acct.balance = 10
acct.balance += 5
print(acct.balance, acct.history)

# Class-based bank simulation with exceptions.
# expect: exit 0
class BankError(Exception):
    pass
class Insufficient(BankError):
    def __init__(self, need, have):
        super().__init__(f"need {need}, have {have}")
        self.short = need - have
class Account:
    next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.id = Account.next_id
        Account.next_id += 1
        self.log = []
    def deposit(self, amt):
        if amt <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amt
        self.log.append(("dep", amt))
    def withdraw(self, amt):
        if amt > self.balance:
            raise Insufficient(amt, self.balance)
        self.balance -= amt
        self.log.append(("wd", amt))
    def __repr__(self):
        return f"<Account #{self.id} {self.owner}: {self.balance}>"
class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, owner, initial=0):
        a = Account(owner, initial)
        self.accounts[a.id] = a
        return a
    def transfer(self, src, dst, amt):
        a, b = self.accounts[src], self.accounts[dst]
        a.withdraw(amt)
        b.deposit(amt)
    def total(self):
        return sum(a.balance for a in self.accounts.values())
bank = Bank()
alice = bank.open("alice", 100)
bob = bank.open("bob")
ops = [(1, 2, 30), (2, 1, 50), (1, 2, 70), (1, 3, 1), (2, 1, 0), (2, 1, 100)]
for src, dst, amt in ops:
    try:
        bank.transfer(src, dst, amt)
        print("ok", src, "->", dst, amt)
    except Insufficient as e:
        print("insufficient:", e, "short", e.short)
    except KeyError as e:
        print("no such account", e)
    except ValueError as e:
        print("invalid:", e)
print(alice, bob, bank.total())
print(alice.log, bob.log)
print(sorted(bank.accounts.values(), key=lambda a: -a.balance))

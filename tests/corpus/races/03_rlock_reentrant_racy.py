# The same bank, but `transfer` calls an unlocked helper: its update of `bank.total` is not ordered
# with the other thread's locked deposit.
# race: bank.total 14 17
import threading


class Bank:
    def __init__(self):
        self.lock = threading.RLock()
        self.total = 0

    def deposit(self, amount):
        with self.lock:
            self.total += amount

    def add_unlocked(self, amount):
        self.total += amount

    def transfer(self, amount):
        self.add_unlocked(amount)


bank = Bank()
threads = [threading.Thread(target=bank.transfer, args=(5,)), threading.Thread(target=bank.deposit, args=(1,))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(bank.total)

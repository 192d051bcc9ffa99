# An RLock taken again by its owner: `transfer` holds it and calls `deposit`, which takes it
# again. The final release -> next acquire orders the two threads' updates. No race.
import threading


class Bank:
    def __init__(self):
        self.lock = threading.RLock()
        self.total = 0

    def deposit(self, amount):
        with self.lock:
            self.total += amount

    def transfer(self, amount):
        with self.lock:
            self.deposit(amount)
            self.deposit(-amount)
            self.deposit(amount)


bank = Bank()
threads = [threading.Thread(target=bank.transfer, args=(5,)), threading.Thread(target=bank.deposit, args=(1,))]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert bank.total == 6
print(bank.total)

# Course notes 004, "Basic Synchronization Using Lock": the FakeDatabase with a Lock around the read-modify-write,
# WRITTEN from the description with print instead of logging. No race; the ending value is 2.
# expect: none
# expect-outcome: 'Testing update. Starting value is 0.\nThread 0: starting update\nThread 1: starting update\nThread 0: finishing update\nThread 1: finishing update\nTesting update. Ending value is 2.\n'
import concurrent.futures
import threading
import time


class FakeDatabase:
    def __init__(self):
        self.value = 0
        self._lock = threading.Lock()

    def locked_update(self, name):
        print(f"Thread {name}: starting update")
        with self._lock:
            local_copy = self.value
            local_copy += 1
            time.sleep(0.1)
            self.value = local_copy
        print(f"Thread {name}: finishing update")


if __name__ == "__main__":
    database = FakeDatabase()
    print(f"Testing update. Starting value is {database.value}.")
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
        for index in range(2):
            executor.submit(database.locked_update, index)
    print(f"Testing update. Ending value is {database.value}.")

# Course notes 004, "Race Conditions / Two Threads": the article's FakeDatabase, WRITTEN from the description with print
# instead of logging. Two pool threads copy .value, sleep, write back: an unsynchronised read/write race, lost update.
# expect: race
# expect-message: value
# expect-outcome: 'Testing update. Starting value is 0.\nThread 0: starting update\nThread 1: starting update\nThread 0: finishing update\nThread 1: finishing update\nTesting update. Ending value is 1.\n'
import concurrent.futures
import time


class FakeDatabase:
    def __init__(self):
        self.value = 0

    def update(self, name):
        print(f"Thread {name}: starting update")
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
            executor.submit(database.update, index)
    print(f"Testing update. Ending value is {database.value}.")

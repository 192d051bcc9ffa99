# Course notes 003, Condition ("master notifies that the worker may continue"): WRITTEN from the description, print
# instead of logging. No predicate: it works only because the master sleeps 2 s first (always enough in strict virtual
# time; classic/condition_sleep_coordination.py runs the same program with --time=free and hangs).
# expect: none
# expect-outcome: 'worker_one: ready to work\nworker_two: ready to work\nmaster: doing some work\nmain: end program\nmaster: informing that workers can do the work\nworker_one: can do the work\nworker_two: can do the work\n'
# expect-outcome: 'worker_one: ready to work\nworker_two: ready to work\nmaster: doing some work\nmain: end program\nmaster: informing that workers can do the work\nworker_two: can do the work\nworker_one: can do the work\n'
from threading import Thread, Condition, current_thread
from time import sleep


def worker(condition):
    print(f"{current_thread().name}: ready to work")
    with condition:
        condition.wait()
        print(f"{current_thread().name}: can do the work")


def master(condition):
    print(f"{current_thread().name}: doing some work")
    sleep(2)
    with condition:
        print(f"{current_thread().name}: informing that workers can do the work")
        condition.notify_all()


if __name__ == '__main__':
    condition = Condition()
    master_thread = Thread(name='master', target=master, args=(condition,))
    worker_one = Thread(name='worker_one', target=worker, args=(condition,))
    worker_two = Thread(name='worker_two', target=worker, args=(condition,))
    worker_one.start()
    worker_two.start()
    master_thread.start()
    print('main: end program')

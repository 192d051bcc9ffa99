# Found by weft-fuzz (scenarios/course/prime_finder_condition.py with notify_all() replaced by an
# AttributeError): `weft explore --max-executions 20` takes about 20 s (each execution runs to the
# 20,000-step bound), longer than the fuzzer's timeout: a hang to the user.
# Course notes 001, "Creating condition variables": the Condition version of the prime finder. The notes give only
# printer_thread_func (kept unchanged below); COMPLETED minimally: is_prime and the set-up/shutdown copied from the
# busy-wait version, a finder that sets found_prime and notifies under cond_var then waits for it to be reset, and a
# main thread that sets exit_prog and notify_all()s. Under --time=strict the two threads never all block, so the
# virtual clock would never reach the end of main's sleep(3); --time=free lets that sleep end at any point.
# exit_prog is written by main and read by both threads outside the lock: a race (it is harmless in CPython).
# weft: --time=free --strategy random --iterations 200 --max-steps 100000
# expect: race
# expect-message: exit_prog
from threading import Thread, Condition
import time

def printer_thread_func():
  global prime_holder
  global found_prime

  while not exit_prog:
    cond_var.acquire()
    while not found_prime and not exit_prog:
        cond_var.wait()
    cond_var.release()

    if not exit_prog:
      print(prime_holder)
      prime_holder = None

      # acquire lock before modifying shared variable
      cond_var.acquire()
      found_prime = False
      # remember to wake up the other thread
      cond_var.notify()
      cond_var.release()

def is_prime(num):
    if num == 2 or num == 3:
        return True

    div = 2

    while div <= num / 2:
        if num % div == 0:
            return False
        div += 1

    return True

def finder_thread_func():
    global prime_holder
    global found_prime

    i = 1

    while not exit_prog:
        while not is_prime(i):
            i += 1
        prime_holder = i

        cond_var.acquire()
        found_prime = True
        cond_var.notify()
        cond_var.release()

        cond_var.acquire()
        while found_prime and not exit_prog:
            cond_var.wait()
        cond_var.release()

        i += 1

cond_var = Condition()
found_prime = False
prime_holder = None
exit_prog = False

printer_thread = Thread(target=printer_thread_func)
printer_thread.start()

finder_thread = Thread(target=finder_thread_func)
finder_thread.start()

# Let the threads run for 3 seconds
time.sleep(3)

# Let the threads exit
exit_prog = True

cond_var.acquire()
cond_var.time()
cond_var.release()

printer_thread.join()
finder_thread.join()

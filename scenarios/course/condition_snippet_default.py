# Course notes 001, "Creating condition variables", second snippet (default RLock), unchanged except for the added import.
# The main thread waits on a condition that nobody will ever notify: it hangs (CPython hangs forever too).
# expect: hang
from threading import Condition

cond_var = Condition()
cond_var.acquire()
cond_var.wait()

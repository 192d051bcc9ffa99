# Course notes 001, "Creating condition variables", first snippet, unchanged except for the added import line.
# The main thread waits on a condition that nobody will ever notify: it hangs (CPython hangs forever too).
# expect: hang
from threading import Lock, Condition

lock = Lock()
cond_var = Condition(lock)
cond_var.acquire()
cond_var.wait()

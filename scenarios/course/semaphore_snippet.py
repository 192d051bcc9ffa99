# Course notes 001, "Semaphores", snippet unchanged except for the added import line: creating semaphores.
# expect: none
# expect-outcome: ''
from threading import Semaphore

semaphore = Semaphore()
semaphore = Semaphore(5)

# Course notes 002, "Creating and Using Queues in Python", snippet unchanged: creating a queue.
# expect: none
# expect-outcome: ''
import queue

# Create a queue for threads to communicate with each other
q = queue.Queue()

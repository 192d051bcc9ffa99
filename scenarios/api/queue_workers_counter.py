# Issue 13's queue worker pool: two workers take items from a Queue and count them in an unlocked global.
# weft: --strategy dpor --max-executions 300
# expect: race
# expect-outcome: 'done 2\n'
import queue
import threading

tasks = queue.Queue()
done = 0

def worker():
    global done
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            return
        done += 1
        tasks.task_done()

workers = [threading.Thread(target=worker) for _ in range(2)]
for w in workers:
    w.start()
for i in range(2):
    tasks.put(i)
for _ in workers:
    tasks.put(None)
tasks.join()
print("done", done)

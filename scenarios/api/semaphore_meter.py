# Issue 13's semaphore class: Semaphore(3) admitting 4 workers, with a meter of how many are inside under a lock.
# weft: --strategy dpor --max-executions 300
# expect: none
# expect-outcome: 'peak 3\n'
# expect-outcome: 'peak 1\n'
import threading

sem = threading.Semaphore(3)
meter_lock = threading.Lock()
inside = 0
peak = 0

def worker():
    global inside, peak
    with sem:
        with meter_lock:
            inside += 1
            peak = max(peak, inside)
        with meter_lock:
            inside -= 1

threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert peak <= 3
print("peak", peak)

# time module: only relative, non-printed measurements.
# expect: exit 0
import time
start = time.time()
mono = time.monotonic()
time.sleep(0.002)
time.sleep(0)
elapsed = time.time() - start
print(elapsed >= 0, elapsed < 5)
print(time.monotonic() >= mono)
print(type(time.time()).__name__, type(time.monotonic()).__name__)
t0 = time.time()
total = 0
for i in range(1000):
    total += i
print(total, time.time() - t0 >= 0)
for i in range(3):
    time.sleep(0.001)
    print("tick", i)

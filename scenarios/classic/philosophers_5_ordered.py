# Dining philosophers, N=5, each eats 1 time(s) taking the lower-numbered fork first: the fix of philosophers_5_deadlock.py.
# The global fork order breaks the cycle: no deadlock, no lock-order inversion.
# expect: none
# expect-outcome: 'all 5 philosophers ate 1 time(s)\n'
import threading

N = 5
MEALS = 1
forks = [threading.Lock() for _ in range(N)]
meals_eaten = [0] * N


def philosopher(i):
    first, second = i, (i + 1) % N
    if first > second:
        first, second = second, first
    for _ in range(MEALS):
        with forks[first]:
            with forks[second]:
                meals_eaten[i] += 1


threads = [threading.Thread(target=philosopher, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert meals_eaten == [MEALS] * N
print(f"all {N} philosophers ate {MEALS} time(s)")

# Dining philosophers, N=3, each eats 2 time(s) taking the left fork then right: when all hold their left fork they
# deadlock; the fork graph has a cycle, so the lock-order inversion shows in the other schedules too.
# expect: deadlock, lock-order
# expect-message: Thread-3 (philosopher) holds forks[2] (taken at scenarios/classic/philosophers_3_deadlock.py:17) and waits for forks[0]
# expect-outcome: 'all 3 philosophers ate 2 time(s)\n'
import threading

N = 3
MEALS = 2
forks = [threading.Lock() for _ in range(N)]
meals_eaten = [0] * N


def philosopher(i):
    first, second = i, (i + 1) % N
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

# Dining philosophers, N=5, each eats 1 time(s) taking the left fork then right: when all hold their left fork they
# deadlock; the fork graph has a cycle, so the lock-order inversion shows in the other schedules too.
# expect: deadlock, lock-order
# expect-outcome: 'all 5 philosophers ate 1 time(s)\n'
import threading

N = 5
MEALS = 1
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

# A polite-retry livelock: each thread holds its first lock, tries the second with acquire(blocking=False), and on
# failure backs off (releases the first) and retries, forever. In lockstep they never make progress. The try-acquires
# cannot block, so this is not a deadlock and (judgement call) no lock-order finding: a trylock cannot close a cycle.
# weft: --strategy random --iterations 500 --max-steps 5000
# expect: livelock
# expect-outcome: 'left: got both\nright: got both\n'
import threading

a = threading.Lock()
b = threading.Lock()


def polite(name, first, second):
    while True:
        with first:
            if second.acquire(blocking=False):
                print(f"{name}: got both")
                second.release()
                return
        # back off and retry


threads = [
    threading.Thread(target=polite, args=("left", a, b)),
    threading.Thread(target=polite, args=("right", b, a)),
]
for t in threads:
    t.start()
for t in threads:
    t.join()

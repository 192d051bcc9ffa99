# Issue 13's pool.map class: ThreadPoolExecutor.map over 3 items with 2 workers, explored completely.
# Before the API-level steps: 81,196 executions.
# expect: none
# expect-outcome: '[1, 4, 9]\n'
from concurrent.futures import ThreadPoolExecutor

def sq(x):
    return x * x

with ThreadPoolExecutor(max_workers=2) as ex:
    print(list(ex.map(sq, [1, 2, 3])))

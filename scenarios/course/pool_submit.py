# Course notes 004, "Race Conditions": ".submit(function, *args, **kwargs)" on a ThreadPoolExecutor. WRITTEN from the
# description (the factorials of 002's Thread Pool Example 2, a short list): results collected in submission order.
# weft: --strategy random --iterations 200 --max-steps 20000
# expect: none
# expect-outcome: '5! = 120\n10! = 3628800\n15! = 1307674368000\n20! = 2432902008176640000\n2**10 = 1024\n'
import concurrent.futures
import math


def calculate_factorial(n):
    return math.factorial(n)


def power(base, exponent=2):
    return base ** exponent


numbers = [5, 10, 15, 20]

with concurrent.futures.ThreadPoolExecutor(max_workers=4) as executor:
    futures = [executor.submit(calculate_factorial, n) for n in numbers]
    keyword = executor.submit(power, 2, exponent=10)
    for n, future in zip(numbers, futures):
        print(f"{n}! = {future.result()}")
    print(f"2**10 = {keyword.result()}")

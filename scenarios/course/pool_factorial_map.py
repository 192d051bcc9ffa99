# Course notes 002, "Thread Pool Example 2": ThreadPoolExecutor.map over 80,000 factorials, unchanged (list size kept).
# Long executions (tens of thousands of pool tasks): few iterations, a large step bound; timings print virtual time.
# weft: --strategy random --iterations 2 --max-steps 20000000 --max-instructions 1000000000
# expect: none
import concurrent.futures
import time
import math

def calculate_factorial(n):
    return math.factorial(n)

# Create a large array of values
numbers = [5, 10, 15, 20, 25, 30, 35, 40] * 10000

start_time = time.time()
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as executor:
    # Need to convert results to a list
    results = list(executor.map(calculate_factorial, numbers))

end_time = time.time()

# Sequential version for comparison
start_time_sequential = time.time()
results_sequential = [calculate_factorial(n) for n in numbers]
end_time_sequential = time.time()

print()
print(f"Time taken (with thread pool): {end_time - start_time:.4f} seconds")
print(f"Time taken (sequential): {end_time_sequential - start_time_sequential:.4f} seconds")

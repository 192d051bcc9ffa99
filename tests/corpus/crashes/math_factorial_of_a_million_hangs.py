# Found by weft-fuzz: math.factorial(10**6) runs longer than the fuzzer's timeout, so `weft run`
# looks hung.
import math
print(math.factorial(10**6) > 0)

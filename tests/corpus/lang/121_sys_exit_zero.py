# Ends with sys.exit(0) after printing.
# expect: exit 0
import sys
print("doing work")
for i in range(3):
    print("unit", i)
sys.exit(0)
print("unreachable")

# sys.stdout/stderr, switch interval, SystemExit caught.
# expect: exit 0
import sys
sys.stdout.write("written via sys.stdout\n")
print("to stderr", file=sys.stderr)
print("to stdout", file=sys.stdout)
print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
sys.setswitchinterval(0.005)
print(sys.getswitchinterval() == 0.005)
try:
    sys.exit(7)
except SystemExit as e:
    print("SystemExit caught, code", e.code)
try:
    sys.exit("message")
except SystemExit as e:
    print("SystemExit caught, code", repr(e.code))
try:
    sys.exit()
except SystemExit as e:
    print("SystemExit no arg:", e.code)
print(isinstance(SystemExit(1), Exception), isinstance(SystemExit(1), BaseException))

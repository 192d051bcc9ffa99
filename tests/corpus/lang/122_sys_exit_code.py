# Prints, then exits with status 3.
# expect: exit 3
import sys
def main():
    print("validating")
    errors = ["missing name", "bad port"]
    for e in errors:
        print("error:", e)
    print("exiting with", len(errors) + 1)
    sys.exit(len(errors) + 1)
main()
print("unreachable")

# if __name__ == "__main__":
# expect: exit 0
def main():
    print("main running")
    return 0
print(__name__)
if __name__ == "__main__":
    rc = main()
    print("rc", rc)
else:
    print("imported")
if __name__ != "__main__":
    print("not main")

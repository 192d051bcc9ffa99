# str.format.
# expect: exit 0
print("{} + {} = {}".format(1, 2, 3))
print("{0} {1} {0}".format("a", "b"))
print("{name} is {age}".format(name="Ann", age=30))
print("{0:>6}|{1:<6}|{2:^6}|".format("r", "l", "c"))
print("{:*^11}".format("mid"))
print("{:.3f} {:10.2f} {:e} {:.2%}".format(3.14159, 2.5, 12345.678, 0.256))
print("{:d} {:5d} {:05d} {:+d} {:x} {:X} {:o} {:b}".format(42, 42, 42, 42, 255, 255, 8, 5))
print("{:,} {:,.2f} {:_}".format(1234567, 1234567.891, 1000000))
print("{!r} {!s}".format("q", "q"))
print("{{literal}} {}".format("x"))
print("{:g} {:g} {:g}".format(1.0, 0.00001, 123456789.0))
print("{:>8}|{:<8}|{:^8}|".format(1.5, "s", 7))

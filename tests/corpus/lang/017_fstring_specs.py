# f-strings with format specs.
# expect: exit 0
x = 42
y = 3.14159
s = "hi"
big = 1234567
print(f"{x}")
print(f"[{x:>5}] [{x:<5}] [{x:^5}] [{x:05}]")
print(f"{y:.2f} {y:08.3f} {y:10.4f}| {-y:.1f}")
print(f"{s!r} {s!s} {s:>4} {s!r:>6}")
print(f"{big:,} {big:_} {1234.5:,.2f}")
print(f"{x:x} {x:X} {x:o} {x:b} {x:#x} {x:#b} {255:02x}")
print(f"{x:+d} {-x:+d} {x: d}")
print(f"{0.5:%} {0.125:.1%}")
print(f"{12345.6789:e} {0.000123:.2e}")
print(f"{x + 1} {x * 2} {len(s)} {s.upper()} {[1, 2][0]}")
w = 7
p = 2
print(f"[{y:{w}.{p}f}] [{s:>{w}}]")
d = {"a": 1}
print(f"{d['a']} {d!r}")
print(f"{'nested'} {x if x > 40 else 0}")
print(f"{{braces}} {x}")
items = [("a", 1.5), ("bbb", 22.25)]
for name, val in items:
    print(f"{name:<5}|{val:>8.2f}|")
print(f"{True} {None} {[1, 'a']}")
print(f"{x=}" if False else f"x={x}")

# time's calendar functions on fixed times (gmtime, localtime as UTC, strftime, asctime, ctime, mktime); Formatter.formatTime.
# expect: exit 0
import logging
import time

t = time.gmtime(0)
print(t)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_wday, t.tm_yday, t[0], t[-1], len(t), tuple(t))
print(time.strftime("%Y-%m-%d %H:%M:%S", t))
print(time.strftime("%a %A %b %B %d %e %j %U %W %w %y %C %p %I %%", time.gmtime(1700000000)))
print(time.strftime("%c | %x | %X | %D | %F | %T | %R", time.gmtime(951782400)))
print(time.strftime("%G-W%V-%u %g", time.gmtime(1609459200)))
print(time.strftime("%H:%M:%S", time.localtime(86400 + 3661)))
print(time.localtime(86400) == time.gmtime(86400), time.localtime(86400).tm_mday)
print(time.asctime(time.gmtime(1e9)), "|", time.ctime(123456789))
print(time.mktime(time.gmtime(1234567890)))
print(time.strftime("%Y %m %d", (2024, 2, 29, 12, 0, 0, 3, 60, 0)))
print(time.strftime("%Y %m %d %j", (2024, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.gmtime(-86400)[:3], time.gmtime(253402300799)[:6])
print(list(time.gmtime(1.9))[:6] == list(time.gmtime(1))[:6])
for bad in [(2024, 13, 1, 0, 0, 0, 0, 1, 0), (2024, 1, 1, 24, 0, 0, 0, 1, 0),
            (2024, 1, 1, 0, 0, 0, 0, 367, 0)]:
    try:
        time.strftime("%Y", bad)
    except ValueError as e:
        print("ValueError:", e)
for call in [lambda: time.strftime("%Y", (1, 2)), lambda: time.asctime(5), lambda: time.strftime(5),
             lambda: time.gmtime("x")]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

# A record's time is the clock's: fix it, and convert with gmtime.
record = logging.makeLogRecord({"msg": "fixed", "created": 86400 * 365 + 0.25, "msecs": 250.0})
fmt = logging.Formatter("%(asctime)s %(message)s")
fmt.converter = time.gmtime
print(fmt.format(record))
print(fmt.formatTime(record, "%d/%m/%Y %H:%M"), fmt.usesTime())
logging.Formatter.converter = time.gmtime
print(logging.Formatter("%(asctime)s|%(message)s", datefmt="%d/%m/%Y %H:%M").format(record))

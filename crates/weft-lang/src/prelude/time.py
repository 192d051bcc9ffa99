# weft's time module beside its natives (modules.rs, calendar.rs): struct_time, and the zone
# constants of UTC, weft's local time zone.

timezone = 0
altzone = 0
daylight = 0
tzname = ('UTC', 'UTC')

_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday',
           'tm_isdst')


class struct_time:
    """The broken-down time gmtime() and localtime() return: a read-only 9-sequence with
    named fields, as CPython's structseq."""
    __module__ = 'time'
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0

    def __init__(self, seq):
        t = tuple(seq)
        if len(t) != 9:
            raise TypeError("time.struct_time() takes a 9-sequence (%d-sequence given)" % len(t))
        self._weft_tm = t

    tm_year = property(lambda self: self._weft_tm[0])
    tm_mon = property(lambda self: self._weft_tm[1])
    tm_mday = property(lambda self: self._weft_tm[2])
    tm_hour = property(lambda self: self._weft_tm[3])
    tm_min = property(lambda self: self._weft_tm[4])
    tm_sec = property(lambda self: self._weft_tm[5])
    tm_wday = property(lambda self: self._weft_tm[6])
    tm_yday = property(lambda self: self._weft_tm[7])
    tm_isdst = property(lambda self: self._weft_tm[8])
    tm_zone = property(lambda self: 'UTC')
    tm_gmtoff = property(lambda self: 0)

    def __getitem__(self, i):
        return self._weft_tm[i]

    def __len__(self):
        return 9

    def __iter__(self):
        return iter(self._weft_tm)

    def __eq__(self, other):
        if isinstance(other, struct_time):
            other = other._weft_tm
        return self._weft_tm == other

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self._weft_tm)

    def __lt__(self, other):
        if isinstance(other, struct_time):
            other = other._weft_tm
        return self._weft_tm < other

    def __repr__(self):
        return 'time.struct_time(%s)' % ', '.join(
            '%s=%r' % (name, v) for name, v in zip(_FIELDS, self._weft_tm))

    def __reduce__(self):
        return (struct_time, (self._weft_tm,))

//! The calendar functions of `time`: `gmtime`, `localtime`, `ctime`, `asctime`, `strftime`,
//! `mktime`, over the virtual clock (`time.time()` is `EPOCH_OFFSET` plus the virtual seconds).
//! UTC is the local time zone: `localtime` is `gmtime`, `%Z` is `UTC`, `%z` is `+0000`; the
//! reference for the output is CPython on glibc with `TZ=UTC`. `struct_time` is a class of the
//! `time` prelude (`prelude/time.py`) that keeps its nine fields in the attribute `_weft_tm`.

use crate::ops::int_of;
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;
use std::sync::Arc;

/// What `time.time()` reads at virtual time zero: 2023-11-14 22:13:20 UTC.
pub const EPOCH_OFFSET: f64 = 1_700_000_000.0;

const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A broken-down time as Python's 9-tuple holds it: month 1-12, weekday 0 = Monday,
/// day of the year 1-366.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Tm {
    year: i64,
    mon: i64,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    wday: i64,
    yday: i64,
    isdst: i64,
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, mon: i64, mday: i64) -> i64 {
    let y = if mon <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mon + 9) % 12;
    let doy = (153 * mp + 2) / 5 + mday - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let mday = doy - (153 * mp + 2) / 5 + 1;
    let mon = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(mon <= 2);
    (year, mon, mday)
}

fn tm_from_seconds(secs: i64) -> Tm {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, mon, mday) = civil_from_days(days);
    Tm {
        year,
        mon,
        mday,
        hour: rem / 3600,
        min: rem % 3600 / 60,
        sec: rem % 60,
        // 1970-01-01 was a Thursday (3).
        wday: (days + 3).rem_euclid(7),
        yday: days - days_from_civil(year, 1, 1) + 1,
        isdst: 0,
    }
}

impl Tm {
    fn fields(&self) -> [i64; 9] {
        [
            self.year, self.mon, self.mday, self.hour, self.min, self.sec, self.wday, self.yday,
            self.isdst,
        ]
    }

    /// C's `tm_wday`: 0 = Sunday.
    fn c_wday(&self) -> i64 {
        (self.wday + 1) % 7
    }

    /// ISO 8601 year and week number (`%G`, `%V`).
    fn iso_week(&self) -> (i64, i64) {
        let yday0 = self.yday - 1;
        let iso_wday = self.wday; // 0 = Monday
        let week = (yday0 - iso_wday + 10) / 7;
        if week < 1 {
            let prev = self.year - 1;
            let prev_len = if is_leap(prev) { 366 } else { 365 };
            let w = (yday0 + prev_len - iso_wday + 10) / 7;
            return (prev, w);
        }
        let len = if is_leap(self.year) { 366 } else { 365 };
        if week == 53 && yday0 - iso_wday + 3 >= len {
            return (self.year + 1, 1);
        }
        (self.year, week)
    }

    fn seconds(&self) -> i64 {
        days_from_civil(self.year, self.mon, self.mday) * 86_400
            + self.hour * 3600
            + self.min * 60
            + self.sec
    }

    /// glibc's `strftime` in the C locale, UTC.
    fn strftime(&self, format: &str) -> String {
        let mut out = String::new();
        let mut chars = format.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let Some(d) = chars.next() else {
                out.push('%');
                break;
            };
            self.directive(d, &mut out);
        }
        out
    }

    fn directive(&self, d: char, out: &mut String) {
        use std::fmt::Write;
        let day = DAY_NAMES[self.wday.rem_euclid(7) as usize];
        let month = MONTH_NAMES[(self.mon - 1).clamp(0, 11) as usize];
        let hour12 = if self.hour % 12 == 0 {
            12
        } else {
            self.hour % 12
        };
        let c_wday = self.c_wday();
        let yday0 = self.yday - 1;
        let _ = match d {
            'a' => write!(out, "{}", &day[..3]),
            'A' => write!(out, "{day}"),
            'b' | 'h' => write!(out, "{}", &month[..3]),
            'B' => write!(out, "{month}"),
            'c' => write!(out, "{}", self.asctime()),
            'C' => write!(out, "{:02}", self.year.div_euclid(100)),
            'd' => write!(out, "{:02}", self.mday),
            'D' | 'x' => write!(
                out,
                "{:02}/{:02}/{:02}",
                self.mon,
                self.mday,
                self.year.rem_euclid(100)
            ),
            'e' => write!(out, "{:2}", self.mday),
            'F' => write!(out, "{}-{:02}-{:02}", self.year, self.mon, self.mday),
            'G' => write!(out, "{}", self.iso_week().0),
            'g' => write!(out, "{:02}", self.iso_week().0.rem_euclid(100)),
            'H' => write!(out, "{:02}", self.hour),
            'I' => write!(out, "{hour12:02}"),
            'j' => write!(out, "{:03}", self.yday),
            'k' => write!(out, "{:2}", self.hour),
            'l' => write!(out, "{hour12:2}"),
            'm' => write!(out, "{:02}", self.mon),
            'M' => write!(out, "{:02}", self.min),
            'n' => writeln!(out),
            'p' => write!(out, "{}", if self.hour < 12 { "AM" } else { "PM" }),
            'P' => write!(out, "{}", if self.hour < 12 { "am" } else { "pm" }),
            'r' => write!(
                out,
                "{hour12:02}:{:02}:{:02} {}",
                self.min,
                self.sec,
                if self.hour < 12 { "AM" } else { "PM" }
            ),
            'R' => write!(out, "{:02}:{:02}", self.hour, self.min),
            's' => write!(out, "{}", self.seconds()),
            'S' => write!(out, "{:02}", self.sec),
            't' => write!(out, "\t"),
            'T' | 'X' => write!(out, "{:02}:{:02}:{:02}", self.hour, self.min, self.sec),
            'u' => write!(out, "{}", self.wday + 1),
            'U' => write!(out, "{:02}", (yday0 + 7 - c_wday) / 7),
            'V' => write!(out, "{:02}", self.iso_week().1),
            'w' => write!(out, "{c_wday}"),
            'W' => write!(out, "{:02}", (yday0 + 7 - self.wday) / 7),
            'y' => write!(out, "{:02}", self.year.rem_euclid(100)),
            'Y' => write!(out, "{}", self.year),
            'z' => write!(out, "+0000"),
            'Z' => write!(out, "UTC"),
            '%' => write!(out, "%"),
            other => write!(out, "%{other}"),
        };
    }

    /// `asctime`'s fixed format (CPython's own, not the C library's).
    fn asctime(&self) -> String {
        let day = DAY_NAMES[self.wday.rem_euclid(7) as usize];
        let month = MONTH_NAMES[(self.mon - 1).clamp(0, 11) as usize];
        format!(
            "{} {} {:2} {:02}:{:02}:{:02} {}",
            &day[..3],
            &month[..3],
            self.mday,
            self.hour,
            self.min,
            self.sec,
            self.year
        )
    }
}

impl Machine {
    /// `time.gmtime` and the other calendar functions (declared in `modules.rs`).
    pub(crate) fn calendar_function(&mut self, func: &str, args: &[Value]) -> PyResult<Value> {
        match func {
            "gmtime" | "localtime" => {
                let tm = self.tm_of_seconds(args.first())?;
                Ok(self.new_struct_time(&tm))
            }
            "ctime" => {
                let tm = self.tm_of_seconds(args.first())?;
                Ok(Value::str(&tm.asctime()))
            }
            "asctime" => {
                let tm = self.tm_argument(args.first(), "asctime", false)?;
                Ok(Value::str(&tm.asctime()))
            }
            "strftime" => {
                let format = match args.first() {
                    Some(Value::Str(s)) => s.clone(),
                    other => {
                        let tn = match other {
                            Some(Value::None) => "None".to_string(),
                            other => other.map(|v| self.type_name(v)).unwrap_or_default(),
                        };
                        return Err(
                            self.type_error(format!("strftime() argument 1 must be str, not {tn}"))
                        );
                    }
                };
                let tm = self.tm_argument(args.get(1), "strftime", true)?;
                Ok(Value::str(&tm.strftime(&format)))
            }
            "mktime" => {
                let tm = self.tm_argument(args.first(), "mktime", false)?;
                Ok(Value::Float(tm.seconds() as f64))
            }
            _ => Err(self.exc(Ty::NotImplementedError, format!("time.{func}"))),
        }
    }

    /// The broken-down time of `seconds` (None or missing: now, on the virtual clock).
    fn tm_of_seconds(&mut self, seconds: Option<&Value>) -> PyResult<Tm> {
        let secs = match seconds {
            None | Some(Value::None) => (EPOCH_OFFSET + self.now.as_seconds()).floor(),
            Some(Value::Float(x)) => {
                if x.is_nan() {
                    return Err(self.exc(Ty::ValueError, "Invalid value NaN (not a number)"));
                }
                x.floor()
            }
            Some(v) => match int_of(v) {
                Some(i) => i as f64,
                None if matches!(v, Value::Big(_)) => f64::INFINITY,
                None => {
                    let tn = self.type_name(v);
                    return Err(self
                        .type_error(format!("'{tn}' object cannot be interpreted as an integer")));
                }
            },
        };
        // time_t's range, then the year's (glibc keeps the year in an int).
        if !(-67_768_040_609_740_800.0..=67_767_976_233_316_799.0).contains(&secs) {
            return Err(self.exc(
                Ty::OverflowError,
                "timestamp out of range for platform time_t",
            ));
        }
        Ok(tm_from_seconds(secs as i64))
    }

    /// A `struct_time` or a 9-tuple argument (missing: now); `strftime` accepts zeros
    /// for the month, the day of the month and the day of the year, as CPython does.
    fn tm_argument(&mut self, t: Option<&Value>, func: &str, lenient: bool) -> PyResult<Tm> {
        let items: Vec<Value> = match t {
            // Absent: now. (None is refused, as CPython refuses it.)
            None => return self.tm_of_seconds(None),
            Some(Value::Tuple(items)) => items.to_vec(),
            // A look at the kind only: a list argument is refused untouched (`footprint.rs`).
            Some(Value::Obj(id)) => match self.obj_kind(*id) {
                Obj::Instance(i) => match i.dict.get("_weft_tm") {
                    Some(Value::Tuple(items)) => items.to_vec(),
                    _ => return Err(self.type_error("Tuple or struct_time argument required")),
                },
                _ => return Err(self.type_error("Tuple or struct_time argument required")),
            },
            Some(_) => return Err(self.type_error("Tuple or struct_time argument required")),
        };
        if items.len() != 9 {
            return Err(self.type_error(format!("{func}(): illegal time tuple argument")));
        }
        let mut f = [0i64; 9];
        for (slot, v) in f.iter_mut().zip(&items) {
            *slot = match int_of(v) {
                Some(i) if i32::try_from(i).is_ok() => i,
                // A C int holds each field.
                _ if matches!(v, Value::Int(_) | Value::Big(_)) => {
                    return Err(self.exc(
                        Ty::OverflowError,
                        "Python int too large to convert to C int",
                    ));
                }
                _ => {
                    let tn = self.type_name(v);
                    return Err(self
                        .type_error(format!("'{tn}' object cannot be interpreted as an integer")));
                }
            };
        }
        let mut tm = Tm {
            year: f[0],
            mon: f[1],
            mday: f[2],
            hour: f[3],
            min: f[4],
            sec: f[5],
            wday: f[6],
            yday: f[7],
            isdst: f[8],
        };
        if func == "mktime" {
            return Ok(tm);
        }
        if lenient {
            if tm.mon == 0 {
                tm.mon = 1;
            }
            if tm.mday == 0 {
                tm.mday = 1;
            }
            if tm.yday == 0 {
                tm.yday = 1;
            }
        }
        let checks: [(bool, &str); 7] = [
            ((1..=12).contains(&tm.mon), "month out of range"),
            ((1..=31).contains(&tm.mday), "day of month out of range"),
            ((0..=23).contains(&tm.hour), "hour out of range"),
            ((0..=59).contains(&tm.min), "minute out of range"),
            ((0..=61).contains(&tm.sec), "seconds out of range"),
            (tm.wday >= 0, "day of week out of range"),
            ((1..=366).contains(&tm.yday), "day of year out of range"),
        ];
        if let Some((_, msg)) = checks.iter().find(|(ok, _)| !ok) {
            return Err(self.exc(Ty::ValueError, *msg));
        }
        tm.wday %= 7;
        Ok(tm)
    }

    /// A `time.struct_time` (the prelude's class) holding `tm`.
    fn new_struct_time(&mut self, tm: &Tm) -> Value {
        let fields = Value::tuple(tm.fields().iter().map(|&i| Value::Int(i)).collect());
        let class = self
            .modules
            .iter()
            .find(|(n, _)| &**n == "time")
            .and_then(|(_, m)| match m {
                Value::Obj(id) => match self.obj(*id) {
                    Obj::Module { dict, .. } => dict.get("struct_time").cloned(),
                    _ => None,
                },
                _ => None,
            });
        let Some(class) = class else {
            return fields;
        };
        let mut dict = Attrs::default();
        dict.insert(Arc::from("_weft_tm"), fields);
        self.alloc(Obj::Instance(Box::new(Instance {
            class,
            dict,
            exc: None,
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 365, 10_957, 19_675, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_675), (2023, 11, 14));
    }

    #[test]
    fn strftime_matches_glibc() {
        let tm = tm_from_seconds(1_700_000_000);
        assert_eq!(tm.strftime("%Y-%m-%d %H:%M:%S"), "2023-11-14 22:13:20");
        assert_eq!(
            tm.strftime("%a %A %b %B %j %U %W %w %u"),
            "Tue Tuesday Nov November 318 46 46 2 2"
        );
        assert_eq!(tm.asctime(), "Tue Nov 14 22:13:20 2023");
        // 2021-01-01 (a Friday) is in ISO week 53 of 2020.
        let tm = tm_from_seconds(1_609_459_200);
        assert_eq!(tm.strftime("%G %V %g"), "2020 53 20");
    }
}

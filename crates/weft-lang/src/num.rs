//! Python numbers: int (i64 with promotion to arbitrary precision on overflow), bool, float;
//! arithmetic with Python's semantics (floor division, modulo sign, true division, power).

use crate::value::Value;
use malachite_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::Arc;

#[derive(Clone, Debug)]
pub enum Num {
    Int(i64),
    Big(BigInt),
    Float(f64),
}

pub fn as_number(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(*b as i64)),
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Big(b) => Some(Num::Big((**b).clone())),
        Value::Float(f) => Some(Num::Float(*f)),
        _ => None,
    }
}

pub fn big_to_value(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::Big(Arc::new(b)),
    }
}

pub fn to_big(n: &Num) -> BigInt {
    match n {
        Num::Int(i) => BigInt::from(*i),
        Num::Big(b) => b.clone(),
        Num::Float(f) => BigInt::from(*f as i64),
    }
}

pub fn to_f64(n: &Num) -> f64 {
    match n {
        Num::Int(i) => *i as f64,
        Num::Big(b) => b.to_f64().unwrap_or(f64::INFINITY),
        Num::Float(f) => *f,
    }
}

pub fn num_eq(a: &Num, b: &Num) -> bool {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x == y,
        (Num::Float(_), _) | (_, Num::Float(_)) => to_f64(a) == to_f64(b),
        _ => to_big(a) == to_big(b),
    }
}

pub fn num_cmp(a: &Num, b: &Num) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        (Num::Float(_), _) | (_, Num::Float(_)) => to_f64(a).partial_cmp(&to_f64(b)),
        _ => Some(to_big(a).cmp(&to_big(b))),
    }
}

/// Errors of arithmetic: (exception type name, message).
pub type ArithError = (crate::types::Ty, String);

fn zero_div(msg: &str) -> ArithError {
    (crate::types::Ty::ZeroDivisionError, msg.to_string())
}

pub fn add(a: &Num, b: &Num) -> Value {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => match x.checked_add(*y) {
            Some(r) => Value::Int(r),
            None => big_to_value(BigInt::from(*x) + BigInt::from(*y)),
        },
        (Num::Float(_), _) | (_, Num::Float(_)) => Value::Float(to_f64(a) + to_f64(b)),
        _ => big_to_value(to_big(a) + to_big(b)),
    }
}

pub fn sub(a: &Num, b: &Num) -> Value {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => match x.checked_sub(*y) {
            Some(r) => Value::Int(r),
            None => big_to_value(BigInt::from(*x) - BigInt::from(*y)),
        },
        (Num::Float(_), _) | (_, Num::Float(_)) => Value::Float(to_f64(a) - to_f64(b)),
        _ => big_to_value(to_big(a) - to_big(b)),
    }
}

pub fn mul(a: &Num, b: &Num) -> Value {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => match x.checked_mul(*y) {
            Some(r) => Value::Int(r),
            None => big_to_value(BigInt::from(*x) * BigInt::from(*y)),
        },
        (Num::Float(_), _) | (_, Num::Float(_)) => Value::Float(to_f64(a) * to_f64(b)),
        _ => big_to_value(to_big(a) * to_big(b)),
    }
}

pub fn truediv(a: &Num, b: &Num) -> Result<Value, ArithError> {
    let y = to_f64(b);
    if y == 0.0 {
        return Err(zero_div(
            if matches!(b, Num::Float(_)) || matches!(a, Num::Float(_)) {
                "float division by zero"
            } else {
                "division by zero"
            },
        ));
    }
    Ok(Value::Float(to_f64(a) / y))
}

pub fn floordiv(a: &Num, b: &Num) -> Result<Value, ArithError> {
    match (a, b) {
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            let y = to_f64(b);
            if y == 0.0 {
                return Err(zero_div("float floor division by zero"));
            }
            Ok(Value::Float((to_f64(a) / y).floor()))
        }
        (Num::Int(x), Num::Int(y)) => {
            if *y == 0 {
                return Err(zero_div("integer division or modulo by zero"));
            }
            match x.checked_div_euclid(*y) {
                Some(_) => Ok(Value::Int(x.div_floor(y))),
                None => Ok(big_to_value(BigInt::from(*x).div_floor(&BigInt::from(*y)))),
            }
        }
        _ => {
            let y = to_big(b);
            if y.is_zero() {
                return Err(zero_div("integer division or modulo by zero"));
            }
            Ok(big_to_value(to_big(a).div_floor(&y)))
        }
    }
}

pub fn modulo(a: &Num, b: &Num) -> Result<Value, ArithError> {
    match (a, b) {
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            let (x, y) = (to_f64(a), to_f64(b));
            if y == 0.0 {
                return Err(zero_div("float modulo"));
            }
            let mut r = x % y;
            if r != 0.0 && ((r < 0.0) != (y < 0.0)) {
                r += y;
            }
            Ok(Value::Float(r))
        }
        (Num::Int(x), Num::Int(y)) => {
            if *y == 0 {
                return Err(zero_div("integer modulo by zero"));
            }
            match x.checked_rem(*y) {
                Some(_) => Ok(Value::Int(x.mod_floor(y))),
                None => Ok(Value::Int(0)),
            }
        }
        _ => {
            let y = to_big(b);
            if y.is_zero() {
                return Err(zero_div("integer modulo by zero"));
            }
            Ok(big_to_value(to_big(a).mod_floor(&y)))
        }
    }
}

pub fn pow(a: &Num, b: &Num) -> Result<Value, ArithError> {
    match (a, b) {
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            let (x, y) = (to_f64(a), to_f64(b));
            if x == 0.0 && y < 0.0 {
                return Err(zero_div("0.0 cannot be raised to a negative power"));
            }
            Ok(Value::Float(x.powf(y)))
        }
        _ => {
            let e = to_big(b);
            if e.is_negative() {
                let x = to_f64(a);
                if x == 0.0 {
                    return Err(zero_div("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float(x.powf(to_f64(b))));
            }
            let e = match e.to_u32() {
                Some(e) => e,
                None => return Err((crate::types::Ty::MemoryError, String::new())),
            };
            if let Num::Int(x) = a {
                if let Some(r) = x.checked_pow(e) {
                    return Ok(Value::Int(r));
                }
            }
            let base = to_big(a);
            if base.bits() * e as u64 > 10_000_000 {
                return Err((crate::types::Ty::MemoryError, String::new()));
            }
            Ok(big_to_value(num_traits::Pow::pow(base, e)))
        }
    }
}

pub fn divmod(a: &Num, b: &Num) -> Result<(Value, Value), ArithError> {
    if (matches!(a, Num::Float(_)) || matches!(b, Num::Float(_))) && to_f64(b) == 0.0 {
        return Err(zero_div("float divmod()"));
    }
    Ok((floordiv(a, b)?, modulo(a, b)?))
}

pub fn bitop(op: crate::code::BinOp, a: &Num, b: &Num) -> Option<Result<Value, ArithError>> {
    use crate::code::BinOp::*;
    if matches!(a, Num::Float(_)) || matches!(b, Num::Float(_)) {
        return None;
    }
    if let (Num::Int(x), Num::Int(y)) = (a, b) {
        let r = match op {
            And => Some(Value::Int(x & y)),
            Or => Some(Value::Int(x | y)),
            Xor => Some(Value::Int(x ^ y)),
            RShift => {
                if *y < 0 {
                    return Some(Err((
                        crate::types::Ty::ValueError,
                        "negative shift count".into(),
                    )));
                }
                Some(Value::Int(if *y >= 64 {
                    if *x < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    x >> y
                }))
            }
            LShift => {
                if *y < 0 {
                    return Some(Err((
                        crate::types::Ty::ValueError,
                        "negative shift count".into(),
                    )));
                }
                if *y < 63
                    && x.checked_shl(*y as u32)
                        .map(|r| r >> y == *x)
                        .unwrap_or(false)
                {
                    Some(Value::Int(x << y))
                } else {
                    None
                }
            }
            _ => return None,
        };
        if let Some(r) = r {
            return Some(Ok(r));
        }
    }
    let (x, y) = (to_big(a), to_big(b));
    Some(Ok(match op {
        And => big_to_value(x & y),
        Or => big_to_value(x | y),
        Xor => big_to_value(x ^ y),
        LShift => {
            let s = y.to_u64().unwrap_or(0);
            if s > 1_000_000 {
                return Some(Err((
                    crate::types::Ty::OverflowError,
                    "too many digits in integer".into(),
                )));
            }
            big_to_value(x << s)
        }
        RShift => big_to_value(x >> y.to_u64().unwrap_or(u64::MAX).min(1 << 20)),
        _ => return None,
    }))
}

/// `repr(float)`: the shortest string that round-trips, in Python's layout.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Shortest round-trip digits and exponent from Rust's `{:e}`.
    let s = format!("{:e}", f);
    let (mantissa, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let body = if exp >= 0 {
            if n > exp + 1 {
                format!(
                    "{}.{}",
                    &digits[..(exp + 1) as usize],
                    &digits[(exp + 1) as usize..]
                )
            } else {
                format!("{}{}.0", digits, "0".repeat((exp + 1 - n) as usize))
            }
        } else {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        };
        format!("{sign}{body}")
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits.clone()
        };
        format!(
            "{sign}{m}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    }
}

pub fn int_to_f64_checked(v: &Value) -> Option<f64> {
    as_number(v).map(|n| to_f64(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python() {
        assert_eq!(float_repr(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1.5e-7), "1.5e-07");
        assert_eq!(float_repr(123.0), "123.0");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(1e15), "1000000000000000.0");
        assert_eq!(float_repr(-2.5), "-2.5");
    }
}

//! The schedule: the printable value that replays an execution.
//!
//! A schedule lists the thread chosen at each *choice point* (a state where two or more threads are
//! enabled), in order; states with a single enabled thread need no entry. Text form: `s:` followed
//! by thread ids separated by `.`, a run of one id written `IDxCOUNT`: `s:0.1x3.2` is 0,1,1,1,2.
//! It is stable across machines and safe to paste into a shell unquoted. When a replay runs past
//! the end of its schedule, the default choice continues: the thread that ran last if it is still
//! enabled, else the lowest enabled thread (no preemption), so a shrunk schedule may be short.

use crate::ThreadId;

#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Schedule {
    pub choices: Vec<ThreadId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleParseError {
    pub message: String,
}

impl std::fmt::Display for ScheduleParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ScheduleParseError {}

impl Schedule {
    pub fn new(choices: Vec<ThreadId>) -> Schedule {
        Schedule { choices }
    }

    pub fn parse(text: &str) -> Result<Schedule, ScheduleParseError> {
        let fail = |why: &str| ScheduleParseError {
            message: format!("invalid schedule {text:?}: {why} (expected e.g. s:0.1x3.2)"),
        };
        let body = text
            .trim()
            .strip_prefix("s:")
            .ok_or_else(|| fail("it must start with 's:'"))?;
        let mut choices = Vec::new();
        if body.is_empty() {
            return Ok(Schedule { choices });
        }
        for token in body.split('.') {
            let (id, count) = match token.split_once('x') {
                Some((id, count)) => (
                    id,
                    count
                        .parse::<usize>()
                        .map_err(|_| fail("bad repeat count"))?,
                ),
                None => (token, 1),
            };
            let id: u32 = id.parse().map_err(|_| fail("bad thread id"))?;
            if count == 0 || count > 100_000_000 {
                return Err(fail("repeat count out of range"));
            }
            choices.extend(std::iter::repeat_n(ThreadId(id), count));
        }
        Ok(Schedule { choices })
    }
}

impl std::fmt::Display for Schedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("s:")?;
        let mut i = 0;
        let mut first = true;
        while i < self.choices.len() {
            let id = self.choices[i];
            let run = self.choices[i..].iter().take_while(|&&c| c == id).count();
            if !first {
                f.write_str(".")?;
            }
            first = false;
            if run > 1 {
                write!(f, "{}x{}", id.0, run)?;
            } else {
                write!(f, "{}", id.0)?;
            }
            i += run;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_round_trips() {
        let s = Schedule::new([0, 1, 1, 1, 2, 0].iter().map(|&i| ThreadId(i)).collect());
        assert_eq!(s.to_string(), "s:0.1x3.2.0");
        assert_eq!(Schedule::parse("s:0.1x3.2.0").unwrap(), s);
        assert_eq!(Schedule::parse("s:").unwrap(), Schedule::default());
        assert!(Schedule::parse("0.1").is_err());
        assert!(Schedule::parse("s:a").is_err());
    }
}

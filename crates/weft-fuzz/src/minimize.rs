//! The minimiser: shrinks a crashing program while a caller's test says the same crash persists.
//! Delta debugging (Zeller and Hildebrandt, "Simplifying and Isolating Failure-Inducing Input",
//! IEEE TSE 2002: ddmin, here with complement removal only) over top-level statements (a line
//! that starts a statement with its indented lines and its `except`/`else`/`finally`/`elif`
//! clauses, so that a block goes or stays whole), then over lines, then halving of long
//! repeated runs (so that 10,000 nested brackets shrink to the depth that still crashes), then
//! ddmin over tokens and, for programs of at most 512 bytes, over bytes. The result is 1-minimal with respect to
//! the last granularity only when the test budget was not spent; it is always a program the test
//! accepted (or the input itself).

use crate::tokens::{lines, tokenize};

/// The minimiser's state: the test, and how many more times it may run.
struct Reducer<F: FnMut(&[u8]) -> bool> {
    still_crashes: F,
    tests_left: usize,
    tests_run: usize,
}

impl<F: FnMut(&[u8]) -> bool> Reducer<F> {
    fn test(&mut self, candidate: &[u8]) -> bool {
        if self.tests_left == 0 {
            return false;
        }
        self.tests_left -= 1;
        self.tests_run += 1;
        (self.still_crashes)(candidate)
    }

    /// ddmin over `units` (their concatenation is the program): removes chunks while the test
    /// still passes, refining the chunk size down to one unit.
    fn ddmin(&mut self, mut units: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
        let mut granularity = 2usize;
        while !units.is_empty() && self.tests_left > 0 {
            let chunk = units.len().div_ceil(granularity);
            let mut reduced = false;
            let mut start = 0;
            while start < units.len() {
                let end = (start + chunk).min(units.len());
                let candidate: Vec<Vec<u8>> = units[..start]
                    .iter()
                    .chain(&units[end..])
                    .cloned()
                    .collect();
                if self.test(&candidate.concat()) {
                    units = candidate;
                    granularity = granularity.saturating_sub(1).max(2);
                    reduced = true;
                    break;
                }
                start = end;
            }
            if !reduced {
                if chunk == 1 {
                    break;
                }
                granularity = (granularity * 2).min(units.len());
            }
        }
        units
    }

    /// Halves every run of `count` repetitions of a short unit (all runs of the same count at
    /// once, so that an opening and a closing run stay balanced), as long as the test passes.
    fn shrink_runs(&mut self, mut program: Vec<u8>) -> Vec<u8> {
        'again: loop {
            let runs = repeated_runs(&program);
            let mut counts: Vec<usize> = runs.iter().map(|r| r.count).collect();
            counts.sort_unstable_by(|a, b| b.cmp(a));
            counts.dedup();
            for count in counts {
                for target in [1, count / 2] {
                    if target == 0 || target >= count {
                        continue;
                    }
                    let candidate = resize_runs(&program, &runs, count, target);
                    if self.tests_left == 0 {
                        return program;
                    }
                    if self.test(&candidate) {
                        program = candidate;
                        continue 'again;
                    }
                }
            }
            return program;
        }
    }
}

/// Splits a program into its top-level statements: each starts at an unindented line that does
/// not continue the previous compound statement, and takes the lines up to the next one.
fn top_level_statements(program: &[u8]) -> Vec<Vec<u8>> {
    const CONTINUATIONS: &[&[u8]] = &[b"except", b"else", b"elif", b"finally", b")", b"]", b"}"];
    let mut units: Vec<Vec<u8>> = Vec::new();
    for line in lines(program) {
        let starts_statement = line
            .first()
            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'#')
            && !CONTINUATIONS.iter().any(|c| line.starts_with(c));
        match units.last_mut() {
            Some(unit) if !starts_statement => unit.extend_from_slice(line),
            _ => units.push(line.to_vec()),
        }
    }
    units
}

/// A run: `count` repetitions of the `unit_len` bytes at `start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    start: usize,
    unit_len: usize,
    count: usize,
}

const MIN_RUN: usize = 8;

fn repeated_runs(bytes: &[u8]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let found = (1..=4).find_map(|unit_len| {
            let unit = bytes.get(i..i + unit_len)?;
            let mut count = 1;
            while bytes.get(i + count * unit_len..i + (count + 1) * unit_len) == Some(unit) {
                count += 1;
            }
            (count >= MIN_RUN).then_some(Run {
                start: i,
                unit_len,
                count,
            })
        });
        match found {
            Some(run) => {
                i += run.unit_len * run.count;
                runs.push(run);
            }
            None => i += 1,
        }
    }
    runs
}

fn resize_runs(bytes: &[u8], runs: &[Run], count: usize, target: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for run in runs.iter().filter(|r| r.count == count) {
        out.extend_from_slice(&bytes[at..run.start]);
        let unit = &bytes[run.start..run.start + run.unit_len];
        for _ in 0..target {
            out.extend_from_slice(unit);
        }
        at = run.start + run.unit_len * run.count;
    }
    out.extend_from_slice(&bytes[at..]);
    out
}

/// The outcome of a minimisation: the smallest program found and how many tests it took.
#[derive(Debug)]
pub struct Minimized {
    pub program: Vec<u8>,
    pub tests_run: usize,
}

/// Shrinks `program` while `still_crashes` accepts the candidate, running it at most
/// `max_tests` times. `still_crashes(program)` itself is assumed true.
pub fn minimize(
    program: &[u8],
    max_tests: usize,
    still_crashes: impl FnMut(&[u8]) -> bool,
) -> Minimized {
    let mut reducer = Reducer {
        still_crashes,
        tests_left: max_tests,
        tests_run: 0,
    };
    let mut current = program.to_vec();
    for _round in 0..3 {
        let before = current.len();
        current = reducer.ddmin(top_level_statements(&current)).concat();
        let line_units = lines(&current).into_iter().map(<[u8]>::to_vec).collect();
        current = reducer.ddmin(line_units).concat();
        current = reducer.shrink_runs(current);
        let token_units = tokenize(&current)
            .into_iter()
            .map(|t| current[t.start..t.end].to_vec())
            .collect();
        current = reducer.ddmin(token_units).concat();
        if current.len() <= 512 {
            let byte_units = current.iter().map(|b| vec![*b]).collect();
            current = reducer.ddmin(byte_units).concat();
        }
        if current.len() == before || reducer.tests_left == 0 {
            break;
        }
    }
    Minimized {
        program: current,
        tests_run: reducer.tests_run,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_tokens_are_removed_down_to_the_crashing_call() {
        let program = b"import math\nx = 1\ny = [x, 2]\nprint(abs(), y)\nz = x + 1\n";
        let result = minimize(program, 10_000, |p| {
            String::from_utf8_lossy(p).contains("abs()")
        });
        assert_eq!(result.program, b"abs()");
        assert!(result.tests_run > 0);
    }

    #[test]
    fn deep_nesting_shrinks_to_the_depth_that_still_crashes() {
        let program = format!("x = {}1{}\n", "(".repeat(10_000), ",)".repeat(10_000));
        // Stands for "crashes when nested at least 100 deep and balanced".
        let crashes = |p: &[u8]| {
            let text = String::from_utf8_lossy(p);
            let opens = text.matches('(').count();
            opens >= 100 && opens == text.matches(",)").count() && text.contains('1')
        };
        let result = minimize(program.as_bytes(), 10_000, crashes);
        let text = String::from_utf8(result.program).unwrap();
        assert!(crashes(text.as_bytes()));
        assert!(text.len() < 1000, "{} bytes left", text.len());
    }

    #[test]
    fn the_budget_bounds_the_tests_and_the_result_still_crashes() {
        let program: Vec<u8> = (0..200)
            .flat_map(|i| format!("line{i}\n").into_bytes())
            .collect();
        let crashes = |p: &[u8]| String::from_utf8_lossy(p).contains("line77\n");
        let result = minimize(&program, 5, crashes);
        assert_eq!(result.tests_run, 5);
        assert!(crashes(&result.program));
    }

    #[test]
    fn top_level_statements_keep_blocks_and_their_clauses_whole() {
        let program = b"import m\ntry:\n    f()\nexcept E:\n    pass\n\nx = [\n    1]\ny = 2";
        let units: Vec<String> = top_level_statements(program)
            .iter()
            .map(|u| String::from_utf8_lossy(u).into_owned())
            .collect();
        assert_eq!(
            units,
            [
                "import m\n",
                "try:\n    f()\nexcept E:\n    pass\n\n",
                "x = [\n    1]\n",
                "y = 2"
            ]
        );
        assert_eq!(units.concat().as_bytes(), program);
    }

    #[test]
    fn runs_are_found_and_resized_together() {
        let bytes = b"x = ((((((((((1,),),),),),),),),),)";
        let runs = repeated_runs(bytes);
        assert_eq!(
            runs,
            [
                Run {
                    start: 4,
                    unit_len: 1,
                    count: 10
                },
                Run {
                    start: 15,
                    unit_len: 2,
                    count: 10
                }
            ]
        );
        assert_eq!(resize_runs(bytes, &runs, 10, 2), b"x = ((1,),)");
    }
}

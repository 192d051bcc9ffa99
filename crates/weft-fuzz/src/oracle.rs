//! The crash oracle: runs a program through the built `weft` binary as a subprocess
//! (`weft run FILE --seed S`, then `weft explore FILE --max-executions N`), under an
//! address-space limit and a wall-clock timeout, and classifies the outcome. Exit 0, 1 and 2 are
//! weft's contract (nothing found, findings, bad input); anything else is a crash: a Rust panic
//! (exit 101), death by a signal (abort, segfault, stack overflow, failed allocation), exit 3
//! (the internal-error backstop), another exit status, or the timeout (a hang).

// The timeout is wall-clock time by nature: a hang is a process that does not end in time. The
// clock decides only whether a run is a hang, never what is generated.
#![allow(clippy::disallowed_methods)]

use std::io::{self, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// What kind of crash a run was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CrashClass {
    Panic,
    Signal,
    InternalError,
    UnexpectedExit,
    Timeout,
}

impl CrashClass {
    pub fn name(self) -> &'static str {
        match self {
            CrashClass::Panic => "panic",
            CrashClass::Signal => "signal",
            CrashClass::InternalError => "internal-error",
            CrashClass::UnexpectedExit => "unexpected-exit",
            CrashClass::Timeout => "timeout",
        }
    }
}

/// A crash: its class, where it happened (`file.rs:line` for a panic; the signal and its cause,
/// or the command that hung, otherwise), the panic message or what stderr ended with, and the
/// weft arguments that showed it (`FILE` standing for the program).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crash {
    pub class: CrashClass,
    pub location: String,
    pub message: String,
    pub args: Vec<String>,
}

impl Crash {
    /// Two crashes are the same bug when their signatures are equal: the class and the location.
    pub fn signature(&self) -> String {
        format!("{} at {}", self.class.name(), self.location)
    }
}

/// How the oracle runs weft.
#[derive(Clone, Debug)]
pub struct Oracle {
    pub weft: PathBuf,
    /// A folder of its own where the program under test is written.
    pub work_dir: PathBuf,
    pub timeout: Duration,
    /// The address-space limit (`ulimit -v`), so that an unbounded allocation is an abort the
    /// oracle sees rather than the machine swapping.
    pub memory_limit_mib: Option<u64>,
    pub run_seed: u64,
    pub explore_executions: usize,
}

impl Oracle {
    /// An oracle with the defaults the fuzzer uses: 10 s, 4 GiB, seed 0, 20 executions.
    pub fn new(weft: PathBuf, work_dir: PathBuf) -> Oracle {
        Oracle {
            weft,
            work_dir,
            timeout: Duration::from_secs(10),
            memory_limit_mib: Some(4096),
            run_seed: 0,
            explore_executions: 20,
        }
    }

    /// The weft argument lists every program goes through, `FILE` standing for the program.
    pub fn commands(&self) -> Vec<Vec<String>> {
        let seed = self.run_seed.to_string();
        vec![
            vec!["run".into(), "FILE".into(), "--seed".into(), seed.clone()],
            // The footprint assertion on: a step that touches a container its operation did
            // not announce is an internal error (exit 3), a crash to the fuzzer.
            vec![
                "explore".into(),
                "FILE".into(),
                "--max-executions".into(),
                self.explore_executions.to_string(),
                "--seed".into(),
                seed,
                "--check-footprints".into(),
                // Twenty executions that each run to the instruction limit take a while; the
                // time limit bounds that well below the hang timeout.
                "--time-limit".into(),
                "10".into(),
            ],
        ]
    }

    /// Writes `program` to the work folder and runs every command on it; the first crash, if any.
    pub fn check(&self, program: &[u8]) -> io::Result<Option<Crash>> {
        let file = self.write_program(program)?;
        for args in self.commands() {
            if let Some(crash) = self.run(&file, &args)? {
                return Ok(Some(crash));
            }
        }
        Ok(None)
    }

    /// Whether `program` still shows a crash with the signature `signature` under `args` (used
    /// by the minimiser, which needs only the command that crashed).
    pub fn reproduces(&self, program: &[u8], args: &[String], signature: &str) -> io::Result<bool> {
        let file = self.write_program(program)?;
        Ok(self
            .run(&file, args)?
            .is_some_and(|c| c.signature() == signature))
    }

    fn write_program(&self, program: &[u8]) -> io::Result<PathBuf> {
        std::fs::create_dir_all(&self.work_dir)?;
        let file = self.work_dir.join("program.py");
        std::fs::write(&file, program)?;
        Ok(file)
    }

    /// Runs weft with `args` (`FILE` replaced by `file`) and classifies how it ended.
    pub fn run(&self, file: &Path, args: &[String]) -> io::Result<Option<Crash>> {
        let mut command = match self.memory_limit_mib {
            Some(mib) => {
                let mut c = Command::new("sh");
                c.arg("-c")
                    .arg(format!(
                        "ulimit -v {} || exit 97; exec \"$0\" \"$@\"",
                        mib * 1024
                    ))
                    .arg(&self.weft);
                c
            }
            None => Command::new(&self.weft),
        };
        for a in args {
            if a == "FILE" {
                command.arg(file);
            } else {
                command.arg(a);
            }
        }
        command
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().map_err(|e| {
            io::Error::new(e.kind(), format!("cannot run {}: {e}", self.weft.display()))
        })?;
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let reader = std::thread::spawn(move || read_tail(&mut stderr, 64 * 1024));
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break Some(status);
            }
            if started.elapsed() >= self.timeout {
                child.kill()?;
                child.wait()?;
                break None;
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(20));
        };
        let stderr = reader.join().expect("the stderr reader does not panic");
        let Some(status) = status else {
            return Ok(Some(Crash {
                class: CrashClass::Timeout,
                location: format!("weft {} after {} s", args[0], self.timeout.as_secs_f64()),
                message: last_lines(&stderr, 5),
                args: args.to_vec(),
            }));
        };
        if status.code() == Some(97) && self.memory_limit_mib.is_some() {
            return Err(io::Error::other(format!("`ulimit -v` failed: {stderr}")));
        }
        Ok(
            classify(status, &stderr).map(|(class, location, message)| Crash {
                class,
                location,
                message,
                args: args.to_vec(),
            }),
        )
    }
}

/// Reads `source` to its end, keeping at most the last `keep` bytes (a program may print
/// megabytes of tracebacks before weft panics; the panic message comes last).
fn read_tail(source: &mut impl Read, keep: usize) -> String {
    let mut kept: Vec<u8> = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match source.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                kept.extend_from_slice(&buf[..n]);
                if kept.len() > 2 * keep {
                    kept.drain(..kept.len() - keep);
                }
            }
        }
    }
    if kept.len() > keep {
        kept.drain(..kept.len() - keep);
    }
    String::from_utf8_lossy(&kept).into_owned()
}

fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// The class, location and message of a process that ended with `status` and printed `stderr`;
/// None when the exit status is one weft promises (0, 1, 2).
pub fn classify(status: ExitStatus, stderr: &str) -> Option<(CrashClass, String, String)> {
    if let Some(signal) = status.signal() {
        let (cause, message) = signal_cause(stderr);
        return Some((
            CrashClass::Signal,
            format!("{} ({cause})", signal_name(signal)),
            message,
        ));
    }
    match status.code() {
        Some(0..=2) => None,
        Some(101) => {
            let (location, message) = panic_location(stderr)
                .unwrap_or_else(|| ("unknown".to_string(), last_lines(stderr, 5)));
            Some((CrashClass::Panic, location, message))
        }
        Some(3) => Some((
            CrashClass::InternalError,
            internal_error_location(stderr),
            last_lines(stderr, 5),
        )),
        code => Some((
            CrashClass::UnexpectedExit,
            format!("exit {code:?}"),
            last_lines(stderr, 5),
        )),
    }
}

fn signal_name(signal: i32) -> String {
    match signal {
        4 => "SIGILL".into(),
        6 => "SIGABRT".into(),
        7 => "SIGBUS".into(),
        8 => "SIGFPE".into(),
        9 => "SIGKILL".into(),
        11 => "SIGSEGV".into(),
        n => format!("signal {n}"),
    }
}

/// Why the runtime raised a signal, as far as stderr says: Rust prints a line before it aborts
/// on a stack overflow or a failed allocation.
fn signal_cause(stderr: &str) -> (&'static str, String) {
    let line = |needle: &str| {
        stderr
            .lines()
            .rev()
            .find(|l| l.contains(needle))
            .unwrap_or_default()
            .to_string()
    };
    if stderr.contains("has overflowed its stack") {
        ("stack overflow", line("has overflowed its stack"))
    } else if stderr.contains("memory allocation of") {
        ("allocation failed", line("memory allocation of"))
    } else if stderr.contains("panicked at") {
        ("panic while panicking", line("panicked at"))
    } else {
        ("no message", last_lines(stderr, 5))
    }
}

/// `file.rs:line` and the message of the last panic in `stderr` (Rust 1.73+ prints
/// "thread 'NAME' panicked at FILE:LINE:COL:" and the message on the following lines).
pub fn panic_location(stderr: &str) -> Option<(String, String)> {
    let at = stderr.rfind("panicked at ")? + "panicked at ".len();
    let rest = &stderr[at..];
    let (first, following) = rest.split_once('\n').unwrap_or((rest, ""));
    let first = first.trim_end().trim_end_matches(':');
    let mut parts = first.rsplitn(3, ':');
    let (_column, line, file) = (parts.next()?, parts.next()?, parts.next()?);
    if line.parse::<u32>().is_err() {
        return None;
    }
    let message: Vec<&str> = following
        .lines()
        .take_while(|l| !l.starts_with("note:") && !l.starts_with("stack backtrace"))
        .collect();
    let mut message = message.join("\n");
    if message.len() > 1000 {
        let mut cut = 1000;
        while !message.is_char_boundary(cut) {
            cut -= 1;
        }
        message.truncate(cut);
    }
    Some((format!("{file}:{line}"), message))
}

/// Where an exit-3 internal error says it happened: its first line without numbers (weft's
/// backstop prints what went wrong; numbers such as sizes vary between programs).
fn internal_error_location(stderr: &str) -> String {
    let line = stderr
        .lines()
        .find(|l| l.contains("internal error"))
        .or_else(|| stderr.lines().next())
        .unwrap_or("no message");
    line.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .take(120)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status_of(script: &str) -> ExitStatus {
        Command::new("sh").arg("-c").arg(script).status().unwrap()
    }

    #[test]
    fn panics_are_located_by_file_and_line() {
        let stderr = "Traceback ...\nthread 'main' (4242) panicked at crates/weft-lang/src/builtins.rs:123:45:\nindex out of bounds: the len is 0 but the index is 0\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
        let (location, message) = panic_location(stderr).unwrap();
        assert_eq!(location, "crates/weft-lang/src/builtins.rs:123");
        assert_eq!(
            message,
            "index out of bounds: the len is 0 but the index is 0"
        );
        let (class, location, _) = classify(status_of("exit 101"), stderr).unwrap();
        assert_eq!(class, CrashClass::Panic);
        assert_eq!(location, "crates/weft-lang/src/builtins.rs:123");
    }

    #[test]
    fn exit_statuses_are_classified() {
        assert_eq!(classify(status_of("exit 0"), ""), None);
        assert_eq!(classify(status_of("exit 1"), ""), None);
        assert_eq!(classify(status_of("exit 2"), ""), None);
        let (class, _, _) = classify(status_of("exit 3"), "weft: internal error: x").unwrap();
        assert_eq!(class, CrashClass::InternalError);
        let (class, location, _) = classify(status_of("exit 7"), "").unwrap();
        assert_eq!(
            (class, location.as_str()),
            (CrashClass::UnexpectedExit, "exit Some(7)")
        );
        let (class, location, message) = classify(
            status_of("kill -ABRT $$"),
            "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n",
        )
        .unwrap();
        assert_eq!(class, CrashClass::Signal);
        assert_eq!(location, "SIGABRT (stack overflow)");
        assert!(message.contains("overflowed"));
        let (_, location, _) = classify(status_of("kill -SEGV $$"), "").unwrap();
        assert_eq!(location, "SIGSEGV (no message)");
    }

    #[test]
    fn a_process_that_outlives_the_timeout_is_a_hang() {
        let dir = std::env::temp_dir().join(format!("weft-fuzz-oracle-{}", std::process::id()));
        let mut oracle = Oracle::new(PathBuf::from("sleep"), dir.clone());
        oracle.timeout = Duration::from_millis(200);
        let crash = oracle
            .run(Path::new("unused"), &["5".to_string()])
            .unwrap()
            .unwrap();
        assert_eq!(crash.class, CrashClass::Timeout);
        assert_eq!(crash.signature(), "timeout at weft 5 after 0.2 s");
        oracle.timeout = Duration::from_secs(10);
        assert_eq!(
            oracle.run(Path::new("unused"), &["0".to_string()]).unwrap(),
            None
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_tail_of_a_long_stderr_is_kept() {
        let text = "x".repeat(100_000) + "panicked at a.rs:1:2:\nboom\n";
        let tail = read_tail(&mut text.as_bytes(), 1000);
        assert_eq!(tail.len(), 1000);
        assert!(tail.ends_with("boom\n"));
    }
}

//! The time budget of an exploration (`--time-limit`) and its progress line on stderr: after the
//! first second, when stderr is a terminal, an indicatif spinner shows executions, their rate and
//! the findings so far; nothing is printed when stderr is not a terminal (CI logs, pipes).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use weft_explore::Deadline;

/// How long an exploration runs before it shows progress.
const QUIET_FOR: Duration = Duration::from_secs(1);

pub struct Progress {
    start: Instant,
    limit: Option<f64>,
    executions: AtomicUsize,
    findings: AtomicUsize,
    bar: Option<ProgressBar>,
}

impl Progress {
    #[allow(clippy::disallowed_methods)] // the CLI alone reads the clock
    pub fn new(limit: Option<f64>) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
            bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        });
        Progress {
            start: Instant::now(),
            limit,
            executions: AtomicUsize::new(0),
            findings: AtomicUsize::new(0),
            bar,
        }
    }

    /// Clears the progress line (the report follows on stdout).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Deadline for Progress {
    fn expired(&self) -> bool {
        self.limit
            .is_some_and(|l| self.start.elapsed().as_secs_f64() >= l)
    }

    fn fraction_spent(&self) -> Option<f64> {
        self.limit
            .map(|l| (self.start.elapsed().as_secs_f64() / l.max(1e-9)).min(1.0))
    }

    fn executed(&self, findings: usize) {
        let n = self.executions.fetch_add(1, Ordering::Relaxed) + 1;
        let found = self
            .findings
            .fetch_max(findings, Ordering::Relaxed)
            .max(findings);
        let Some(bar) = &self.bar else { return };
        let elapsed = self.start.elapsed();
        if elapsed < QUIET_FOR || !n.is_multiple_of(64) {
            return;
        }
        bar.set_message(format!(
            "{n} executions, {:.0}/s, {found} finding{} so far",
            n as f64 / elapsed.as_secs_f64(),
            if found == 1 { "" } else { "s" }
        ));
        bar.tick();
    }
}

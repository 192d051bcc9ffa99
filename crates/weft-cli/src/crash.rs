//! The backstop for bugs in weft itself: every command runs on a thread with a large stack
//! (deeply nested Python data is walked recursively by some natives, within bounded depths) and
//! under `catch_unwind`. A panic prints no Rust backtrace; it becomes a short report saying that
//! weft failed, how to reproduce it (runs are deterministic, so the same command does), and
//! asking for a bug report, with exit status 3.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Mutex;

/// The stack of the thread that runs a command (explore's jobs get their own: weft-explore).
const COMMAND_STACK_BYTES: usize = 256 << 20;

/// Exit status of an internal error of weft (0, 1 and 2 are the program's and the user's).
pub const INTERNAL_ERROR_STATUS: u8 = 3;

/// Where the panic hook leaves the message and location of the first panic.
static PANIC_TEXT: Mutex<Option<String>> = Mutex::new(None);

/// Runs `command` on a large stack, turning a panic into an internal-error report.
pub fn run_guarded(command: impl FnOnce() -> ExitCode + Send + 'static) -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string());
        if let Ok(mut slot) = PANIC_TEXT.lock() {
            slot.get_or_insert(format!("{message}{location}"));
        }
    }));
    let worker = std::thread::Builder::new()
        .name("weft".into())
        .stack_size(COMMAND_STACK_BYTES)
        .spawn(move || std::panic::catch_unwind(std::panic::AssertUnwindSafe(command)));
    let outcome = match worker {
        Ok(handle) => handle.join().unwrap_or_else(Err),
        Err(e) => {
            eprintln!("weft: cannot start the interpreter thread: {e}");
            return ExitCode::from(INTERNAL_ERROR_STATUS);
        }
    };
    match outcome {
        Ok(code) => code,
        Err(_) => {
            let text = PANIC_TEXT
                .lock()
                .ok()
                .and_then(|mut t| t.take())
                .unwrap_or_else(|| "unknown".to_string());
            let args: Vec<String> = std::env::args().collect();
            let _ = std::io::stdout().flush();
            eprint!("{}", internal_error_report(&args, &text));
            ExitCode::from(INTERNAL_ERROR_STATUS)
        }
    }
}

/// The report of a panic: what failed, the command that reproduces it, and where to report it.
pub fn internal_error_report(args: &[String], panic_text: &str) -> String {
    let command: Vec<String> = args
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if i == 0 {
                "weft".to_string()
            } else {
                shell_quote(a)
            }
        })
        .collect();
    format!(
        "weft: internal error: weft itself failed, not your program ({panic_text})\n  \
         to reproduce it (runs are deterministic: the same program, options, seed and schedule \
         fail the same way):\n    {}\n  \
         please report it to weft's maintainers (the issue tracker of the repository you got \
         weft from), with this message and the program file\n",
        command.join(" ")
    )
}

/// `text` quoted for a POSIX shell when it needs it.
fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+%".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_names_the_command_the_panic_and_where_to_report() {
        let args: Vec<String> = ["/usr/bin/weft", "run", "my prog.py", "--seed", "7"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let report = internal_error_report(&args, "index out of bounds at vm.rs:10");
        assert!(report.starts_with("weft: internal error: weft itself failed, not your program"));
        assert!(report.contains("(index out of bounds at vm.rs:10)"));
        assert!(report.contains("\n    weft run 'my prog.py' --seed 7\n"));
        assert!(report.contains("please report it"));
        assert!(!report.contains("stack backtrace"));
    }

    #[test]
    fn shell_quoting_keeps_plain_words_and_quotes_the_rest() {
        assert_eq!(shell_quote("s:0x10.1x3.2"), "s:0x10.1x3.2");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn a_panicking_command_exits_with_status_3() {
        let code = run_guarded(|| panic!("deliberate"));
        assert_eq!(code, ExitCode::from(INTERNAL_ERROR_STATUS));
        let _ = std::panic::take_hook();
    }
}

//! The documentation's examples are real runs: every ```console block of the docs under test is a
//! terminal transcript whose commands this test runs and whose output it compares, byte for byte.
//!
//! Transcript format (docs/GUIDE.md's end describes it for writers): a line `$ COMMAND` is a
//! command, run by `sh` from the repository root with the built `weft` first on PATH; lines
//! `> MORE` right after it continue it (a here-document, say); the lines after it, up to the next
//! `$ ` or the end of the block, are what it prints, stdout and stderr together as a terminal
//! shows them; a last line `[exit status: N]` gives a non-zero exit status. Other blocks (```text,
//! ```sh, ```python, ...) are not run.
//!
//! `WEFT_UPDATE_DOCS=1 cargo test --release -p weft-tests --test it -- docs` rewrites the outputs
//! in place instead of comparing them (after a change of the trace format or of the help texts).

use crate::{root, weft_bin};
use std::process::Command;

const UPDATE_ENV: &str = "WEFT_UPDATE_DOCS";
const UPDATE_COMMAND: &str =
    "WEFT_UPDATE_DOCS=1 cargo test --release -p weft-tests --test it -- docs";

#[test]
fn docs_guide_transcripts_are_real() {
    check_transcripts("docs/GUIDE.md");
}

/// The guide's Rust example is the facade's snapshot test itself, verbatim.
#[test]
fn docs_guide_rust_example_is_the_facade_snapshot_test() {
    let guide = std::fs::read_to_string(root().join("docs/GUIDE.md")).unwrap();
    let test_file = "crates/weft/tests/snapshot.rs";
    let test = std::fs::read_to_string(root().join(test_file)).unwrap();
    let example: String = guide
        .lines()
        .skip_while(|l| *l != "```rust")
        .skip(1)
        .take_while(|l| *l != "```")
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!example.is_empty(), "docs/GUIDE.md has no ```rust block");
    assert_eq!(
        example, test,
        "docs/GUIDE.md's ```rust block is not {test_file}: copy the file into the guide"
    );
}

#[test]
fn docs_cli_reference_is_the_current_help() {
    check_transcripts("docs/CLI.md");
    // Every subcommand `weft --help` lists has its own `--help` transcript in docs/CLI.md.
    let text = std::fs::read_to_string(root().join("docs/CLI.md")).unwrap();
    let commands: Vec<String> = parse(&text)
        .iter()
        .flat_map(|block| block.commands.iter().map(|c| c.command.clone()))
        .collect();
    let help = run("weft --help").output;
    let listed: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect();
    assert!(!listed.is_empty(), "no Commands: section in\n{help}");
    for name in listed {
        let wanted = format!("weft {name} --help");
        assert!(
            commands.contains(&wanted),
            "docs/CLI.md has no `$ {wanted}` transcript"
        );
    }
}

#[test]
fn docs_language_reference_transcripts_are_real() {
    check_transcripts("docs/LANGUAGE.md");
}

#[test]
fn docs_semantics_reference_transcripts_are_real() {
    check_transcripts("docs/SEMANTICS.md");
}

#[test]
fn docs_formats_reference_transcripts_are_real() {
    check_transcripts("docs/FORMATS.md");
}

/// One command of a transcript and what the document says it prints.
struct Transcript {
    /// The line of the `$ ` in the document, from 1.
    line: usize,
    /// The command, continuation lines joined with newlines.
    command: String,
    /// The command as the document writes it (`$ ` and `> ` lines).
    source: Vec<String>,
    expected_output: String,
    expected_status: i32,
}

/// A ```console block: the document's lines `start..end` (between the fences).
struct Block {
    start: usize,
    end: usize,
    commands: Vec<Transcript>,
}

struct Actual {
    output: String,
    status: i32,
}

fn check_transcripts(doc: &str) {
    let bin = weft_bin();
    assert!(
        bin.exists(),
        "{} is missing: build it first (cargo build --release -p weft-cli)",
        bin.display()
    );
    let update = std::env::var_os(UPDATE_ENV).is_some();
    let path = root().join(doc);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{doc}: {e}"));
    let mut blocks = parse(&text);
    assert!(
        blocks.iter().any(|b| !b.commands.is_empty()),
        "{doc} has no ```console transcript"
    );
    let mut failures = Vec::new();
    // The `weft replay FILE SCHEDULE --seed N` lines each command printed, in document order.
    let mut printed: Vec<Vec<ReplayLine>> = Vec::new();
    let mut actual: Vec<Vec<Actual>> = Vec::new();
    for block in &mut blocks {
        let mut outputs = Vec::new();
        for t in &mut block.commands {
            if let Some(linked) = relink_replay(&t.command, &printed) {
                if update {
                    t.source = vec![format!("$ {linked}")];
                    t.command = linked;
                } else {
                    failures.push(format!(
                        "{doc}:{}: `$ {}`\n  does not replay the schedule printed above it; that is\n  `$ {linked}`\n",
                        t.line, t.command
                    ));
                }
            }
            let got = run(&t.command);
            printed.push(replay_lines(&got.output));
            if got.output != t.expected_output || got.status != t.expected_status {
                let mut message = format!("{doc}:{}: `$ {}`\n", t.line, t.command);
                if got.status != t.expected_status {
                    message.push_str(&format!(
                        "  exit status {} (the document says {})\n",
                        got.status, t.expected_status
                    ));
                }
                message.push_str(&line_diff(&t.expected_output, &got.output));
                failures.push(message);
            }
            outputs.push(got);
        }
        actual.push(outputs);
    }
    if update {
        let rewritten = rewrite(&text, &blocks, &actual);
        if rewritten != text {
            std::fs::write(&path, rewritten).unwrap();
            eprintln!("{doc}: transcripts rewritten");
        }
        return;
    }
    assert!(
        failures.is_empty(),
        "{} of {doc}'s transcripts differ from what the commands do now (- document, + actual):\n\n{}\nIf the new output is right, regenerate the docs with\n  {UPDATE_COMMAND}\n",
        failures.len(),
        failures.join("\n")
    );
}

/// A replay command as weft prints it: file, schedule, seed.
#[derive(Clone, Debug, PartialEq)]
struct ReplayLine {
    file: String,
    schedule: String,
    seed: String,
}

fn replay_lines(output: &str) -> Vec<ReplayLine> {
    output
        .lines()
        .filter_map(|line| {
            let words: Vec<&str> = line
                .split_once("weft replay ")?
                .1
                .split_whitespace()
                .collect();
            match words[..] {
                [file, schedule, "--seed", seed, ..] if schedule.starts_with("s:") => {
                    Some(ReplayLine {
                        file: file.to_string(),
                        schedule: schedule.to_string(),
                        seed: seed.to_string(),
                    })
                }
                _ => None,
            }
        })
        .collect()
}

/// For a `weft replay FILE SCHEDULE ...` command: the same command with the schedule (and seed)
/// that the closest command above it printed for FILE, when that differs from what it says.
fn relink_replay(command: &str, printed: &[Vec<ReplayLine>]) -> Option<String> {
    let mut words: Vec<String> = command.split(' ').map(str::to_string).collect();
    if command.contains('\n') || words.len() < 4 || words[0] != "weft" || words[1] != "replay" {
        return None;
    }
    let source = printed
        .iter()
        .rev()
        .find_map(|lines| lines.iter().find(|l| l.file == words[2]))?;
    words[3] = source.schedule.clone();
    if let Some(i) = words.iter().position(|w| w == "--seed") {
        if i + 1 < words.len() {
            words[i + 1] = source.seed.clone();
        }
    }
    let linked = words.join(" ");
    (linked != command).then_some(linked)
}

fn parse(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(info) = lines[i].strip_prefix("```") else {
            i += 1;
            continue;
        };
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && lines[end].trim_end() != "```" {
            end += 1;
        }
        if info.trim() == "console" {
            blocks.push(Block {
                start,
                end,
                commands: parse_block(&lines, start, end),
            });
        }
        i = end + 1;
    }
    blocks
}

fn parse_block(lines: &[&str], start: usize, end: usize) -> Vec<Transcript> {
    let mut commands: Vec<Transcript> = Vec::new();
    let mut output: Vec<&str> = Vec::new();
    let mut continuing = false;
    let finish = |commands: &mut Vec<Transcript>, output: &mut Vec<&str>| {
        let Some(t) = commands.last_mut() else {
            return;
        };
        if let Some(status) = output
            .last()
            .and_then(|l| l.strip_prefix("[exit status: "))
            .and_then(|l| l.strip_suffix(']'))
            .and_then(|n| n.parse().ok())
        {
            t.expected_status = status;
            output.pop();
        }
        t.expected_output = output.iter().map(|l| format!("{l}\n")).collect();
        output.clear();
    };
    for (n, line) in lines.iter().enumerate().take(end).skip(start) {
        if let Some(command) = line.strip_prefix("$ ") {
            finish(&mut commands, &mut output);
            commands.push(Transcript {
                line: n + 1,
                command: command.to_string(),
                source: vec![line.to_string()],
                expected_output: String::new(),
                expected_status: 0,
            });
            continuing = true;
        } else if let (true, Some(more)) = (continuing, continuation(line)) {
            let t = commands.last_mut().unwrap();
            t.command.push('\n');
            t.command.push_str(more);
            t.source.push(line.to_string());
        } else {
            assert!(
                !commands.is_empty(),
                "line {}: a ```console block must start with a `$ ` command",
                n + 1
            );
            continuing = false;
            output.push(line);
        }
    }
    finish(&mut commands, &mut output);
    commands
}

/// A line `> MORE` (or `>` alone, an empty line) that continues a command.
fn continuation(line: &str) -> Option<&str> {
    if line == ">" {
        Some("")
    } else {
        line.strip_prefix("> ")
    }
}

/// Runs a transcript's command as a terminal would: from the repository root, stderr into the
/// same stream as stdout, `weft` the binary this workspace built.
fn run(command: &str) -> Actual {
    let bin_dir = weft_bin().parent().unwrap().to_path_buf();
    let mut path = std::ffi::OsString::from(&bin_dir);
    if let Some(rest) = std::env::var_os("PATH") {
        path.push(":");
        path.push(rest);
    }
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("exec 2>&1\n{command}"))
        .current_dir(root())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap_or_else(|e| panic!("sh -c {command:?}: {e}"));
    let mut output = String::from_utf8_lossy(&out.stdout).to_string();
    // The document's lines each end with a newline; so does the terminal's prompt that follows.
    if !output.is_empty() && !output.ends_with('\n') {
        output.push('\n');
    }
    Actual {
        output,
        status: out.status.code().unwrap_or(-1),
    }
}

fn rewrite(text: &str, blocks: &[Block], actual: &[Vec<Actual>]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut next = 0;
    for (block, outputs) in blocks.iter().zip(actual) {
        for line in &lines[next..block.start] {
            out.push_str(line);
            out.push('\n');
        }
        for (t, got) in block.commands.iter().zip(outputs) {
            for line in &t.source {
                out.push_str(line);
                out.push('\n');
            }
            out.push_str(&got.output);
            if got.status != 0 {
                out.push_str(&format!("[exit status: {}]\n", got.status));
            }
        }
        next = block.end;
    }
    for line in &lines[next..] {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A line diff (longest common subsequence): ` ` common, `-` only expected, `+` only actual.
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push_str(&format!("   {}\n", a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push_str(&format!("  -{}\n", a[i]));
            i += 1;
        } else {
            out.push_str(&format!("  +{}\n", b[j]));
            j += 1;
        }
    }
    out
}

#[test]
fn docs_transcript_parsing_and_rewriting_round_trip() {
    let text = "intro\n```console\n$ echo hi\nhi\n$ cat <<EOF\n> a\n>\n> EOF\na\n\n[exit status: 3]\n```\n```text\n$ not run\n```\nend\n";
    let blocks = parse(text);
    assert_eq!(blocks.len(), 1);
    let c = &blocks[0].commands;
    assert_eq!(c.len(), 2);
    assert_eq!((c[0].line, c[0].command.as_str()), (3, "echo hi"));
    assert_eq!(c[0].expected_output, "hi\n");
    assert_eq!(c[1].command, "cat <<EOF\na\n\nEOF");
    assert_eq!(
        (c[1].expected_output.as_str(), c[1].expected_status),
        ("a\n\n", 3)
    );
    let actual = vec![vec![
        Actual {
            output: "hi\n".into(),
            status: 0,
        },
        Actual {
            output: "a\n\n".into(),
            status: 3,
        },
    ]];
    assert_eq!(rewrite(text, &blocks, &actual), text);
    let got = run("echo out; echo err >&2; exit 4");
    assert_eq!((got.output.as_str(), got.status), ("out\nerr\n", 4));
    assert_eq!(line_diff("a\nb\n", "a\nc\n"), "   a\n  -b\n  +c\n");
    let printed = vec![
        replay_lines("  weft replay p.py s:1.0 --seed 3\n  weft replay q.py s:2 --seed 0\n"),
        vec![],
    ];
    assert_eq!(
        relink_replay("weft replay q.py s:0 --seed 1 --trace", &printed).as_deref(),
        Some("weft replay q.py s:2 --seed 0 --trace")
    );
    assert_eq!(
        relink_replay("weft replay p.py s:1.0 --seed 3", &printed),
        None
    );
    assert_eq!(
        relink_replay("weft replay r.py s:1 --seed 3", &printed),
        None
    );
}

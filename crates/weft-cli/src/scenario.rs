//! `weft test`: check scenario files against the expectations in their header comments
//! (the format is scenarios/README.md's): `# weft: OPTIONS`, `# expect: KINDS|none`,
//! `# expect-outcome: 'LITERAL'`, `# expect-message: TEXT`, `# expect-executions: N`.

use crate::{explore_program, load, ExploreArgs};
use clap::Parser;
use std::collections::BTreeSet;
use std::io::Write;
use std::process::ExitCode;

/// What a scenario file expects.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Expectations {
    pub options: Vec<String>,
    pub kinds: Option<BTreeSet<String>>,
    pub outcomes: Vec<String>,
    pub messages: Vec<String>,
    pub executions: Option<usize>,
}

pub fn parse_expectations(source: &str) -> Result<Expectations, String> {
    let mut e = Expectations::default();
    for (i, line) in source.lines().enumerate() {
        let Some(rest) = line.strip_prefix('#') else {
            continue;
        };
        let rest = rest.trim();
        let at = |what: &str| format!("line {}: {what}", i + 1);
        if let Some(v) = rest.strip_prefix("weft:") {
            e.options.extend(v.split_whitespace().map(str::to_string));
        } else if let Some(v) = rest.strip_prefix("expect-outcome:") {
            e.outcomes.push(
                python_string(v.trim())
                    .ok_or_else(|| at("expect-outcome needs a Python string literal"))?,
            );
        } else if let Some(v) = rest.strip_prefix("expect-message:") {
            e.messages.push(v.trim().to_string());
        } else if let Some(v) = rest.strip_prefix("expect-executions:") {
            e.executions = Some(
                v.trim()
                    .replace(',', "")
                    .parse()
                    .map_err(|_| at("expect-executions needs a number"))?,
            );
        } else if let Some(v) = rest.strip_prefix("expect:") {
            let v = v.trim();
            let kinds: BTreeSet<String> = if v == "none" {
                BTreeSet::new()
            } else {
                v.split(',')
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty())
                    .collect()
            };
            const KINDS: [&str; 8] = [
                "assertion",
                "exception",
                "deadlock",
                "hang",
                "race",
                "lock-order",
                "livelock",
                "limit",
            ];
            for k in &kinds {
                if !KINDS.contains(&k.as_str()) {
                    return Err(at(&weft_explore::config::unknown_name(
                        "finding kind",
                        "kinds",
                        k,
                        &KINDS,
                    )));
                }
            }
            e.kinds = Some(kinds);
        }
    }
    Ok(e)
}

/// A Python string literal ('...' or "..." with the common escapes).
pub fn python_string(s: &str) -> Option<String> {
    let q = s.chars().next()?;
    if (q != '\'' && q != '"') || !s.ends_with(q) || s.len() < 2 {
        return None;
    }
    let body = &s[1..s.len() - 1];
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            '0' => out.push('\0'),
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Some(out)
}

#[derive(Parser)]
struct OptionsOnly {
    #[command(flatten)]
    explore: ExploreArgs,
}

/// Check one scenario; Ok(()) or the reasons it failed.
fn check(path: &str) -> Result<(), String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let expect = parse_expectations(&source)?;
    let Some(kinds) = &expect.kinds else {
        return Err("no `# expect:` line".into());
    };
    let mut argv = vec!["weft".to_string()];
    argv.extend(expect.options.iter().cloned());
    let options = OptionsOnly::try_parse_from(&argv).map_err(|e| {
        format!(
            "bad `# weft:` options: {}",
            e.to_string().lines().next().unwrap_or("")
        )
    })?;
    let mut args = options.explore;
    if args.max_executions.is_none() && args.iterations.is_none() {
        // An exact count needs the whole space, and one more execution than expected shows a
        // count that is too high; otherwise a budget that keeps `weft test` quick.
        args.max_executions = Some(expect.executions.map_or(2_000, |n| n + 1));
    }
    let scenario =
        load(path, &args.model).map_err(|_| "the scenario does not compile".to_string())?;
    let report = &explore_program(&scenario, &args)?;
    let mut problems = Vec::new();
    let found: BTreeSet<String> = report
        .findings
        .iter()
        .map(|f| f.kind.as_str().to_string())
        .collect();
    if &found != kinds {
        let show = |s: &BTreeSet<String>| {
            if s.is_empty() {
                "none".to_string()
            } else {
                s.iter().cloned().collect::<Vec<_>>().join(", ")
            }
        };
        problems.push(format!("expected {}, found {}", show(kinds), show(&found)));
    }
    for o in &expect.outcomes {
        if !report.outcomes.iter().any(|x| &x.stdout == o) {
            problems.push(format!("outcome {o:?} never seen"));
        }
    }
    for m in &expect.messages {
        if !report
            .findings
            .iter()
            .any(|f| f.message.contains(m.as_str()))
        {
            problems.push(format!("no finding message contains {m:?}"));
        }
    }
    if let Some(n) = expect.executions {
        if !report.complete {
            problems.push(format!(
                "expected {n} executions, but the search was incomplete ({} executions)",
                report.executions
            ));
        } else if report.executions != n {
            problems.push(format!(
                "expected {n} executions, explored {}",
                report.executions
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

fn collect(paths: &[String]) -> Vec<String> {
    let mut files = Vec::new();
    let roots: Vec<String> = if paths.is_empty() {
        vec!["scenarios".into()]
    } else {
        paths.to_vec()
    };
    for p in roots {
        let path = std::path::Path::new(&p);
        if path.is_dir() {
            // Every directory is walked once, by its canonical path: a symlink to itself or to
            // a parent does not make the walk go round.
            let mut visited = std::collections::BTreeSet::new();
            let mut stack = vec![path.to_path_buf()];
            while let Some(dir) = stack.pop() {
                let canonical = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
                if !visited.insert(canonical) {
                    continue;
                }
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for e in entries.flatten() {
                    let ep = e.path();
                    if ep.is_dir() {
                        stack.push(ep);
                    } else if ep.extension().is_some_and(|x| x == "py") {
                        files.push(ep.to_string_lossy().to_string());
                    }
                }
            }
        } else {
            files.push(p);
        }
    }
    files.sort();
    files
}

pub fn test_command(paths: &[String]) -> ExitCode {
    let files = collect(paths);
    let (mut passed, mut failed) = (0, 0);
    let mut out = std::io::stdout().lock();
    for f in &files {
        match check(f) {
            Ok(()) => {
                passed += 1;
                let _ = writeln!(out, "ok    {f}");
            }
            Err(why) => {
                failed += 1;
                let _ = writeln!(out, "FAIL  {f}: {why}");
            }
        }
        let _ = out.flush();
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_parse() {
        let e = parse_expectations("# expect: race, assertion\n# expect-outcome: '4\\n'\n# weft: --strategy random --iterations 10\n# expect-executions: 1,024\n").unwrap();
        assert_eq!(
            e.kinds.unwrap().into_iter().collect::<Vec<_>>(),
            vec!["assertion", "race"]
        );
        assert_eq!(e.outcomes, vec!["4\n"]);
        assert_eq!(
            e.options,
            vec!["--strategy", "random", "--iterations", "10"]
        );
        assert_eq!(e.executions, Some(1024));
        assert!(parse_expectations("# expect: bogus\n").is_err());
        assert_eq!(
            parse_expectations("# expect: none\n").unwrap().kinds,
            Some(BTreeSet::new())
        );
    }
}

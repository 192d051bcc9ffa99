//! The `weft-fuzz` binary: runs a fuzzing campaign against the `weft` binary for a given time or
//! number of programs, minimises and saves each distinct crash, and prints a one-line summary.
//! `make fuzz` runs it; `--print-program I` regenerates program I of a seed.

// The campaign's length is wall-clock time (`--seconds`), so this binary reads the clock; what
// it generates never depends on it.
#![allow(clippy::disallowed_methods)]

use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use weft_fuzz::campaign::{minimize_crash, run_campaign, Campaign, Event, Settings};
use weft_fuzz::oracle::Oracle;

const USAGE: &str = "\
usage: weft-fuzz [options]
  --seconds N             run for N seconds (default 600)
  --programs N            stop after N programs instead (no clock in what is run)
  --seed N                campaign seed (default 1); program I of a seed is always the same
  --root DIR              project root holding scenarios/ and tests/corpus/ (default .)
  --weft PATH             the weft binary (default: next to this one)
  --out DIR               where reproducers go (default ROOT/target/fuzz/crashes)
  --timeout SECS          a run longer than this is a hang (default 10)
  --memory-limit-mib N    address-space limit of each run, 0 for none (default 4096)
  --explore-executions N  the explore budget of each program (default 20)
  --max-minimize-tests N  oracle runs per minimisation (default 1000)
  --no-minimize           save crashing programs as found
  --known DIR             crashes the .py files in DIR show are known: not minimised or saved
  --print-program I       print program I of the seed and exit
  --minimize FILE         check FILE, and if it crashes print its minimal form and exit
  --list-natives          print the natives the generator calls and exit";

struct Options {
    seconds: u64,
    programs: Option<u64>,
    seed: u64,
    root: PathBuf,
    weft: Option<PathBuf>,
    out: Option<PathBuf>,
    timeout: f64,
    memory_limit_mib: u64,
    explore_executions: usize,
    max_minimize_tests: usize,
    minimize: bool,
    print_program: Option<u64>,
    minimize_file: Option<PathBuf>,
    known_dir: Option<PathBuf>,
    list_natives: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        seconds: 600,
        programs: None,
        seed: 1,
        root: PathBuf::from("."),
        weft: None,
        out: None,
        timeout: 10.0,
        memory_limit_mib: 4096,
        explore_executions: 20,
        max_minimize_tests: 1000,
        minimize: true,
        print_program: None,
        minimize_file: None,
        known_dir: None,
        list_natives: false,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        fn number<T: std::str::FromStr>(flag: &str, v: String) -> Result<T, String> {
            v.parse()
                .map_err(|_| format!("{flag}: `{v}` is not a number"))
        }
        match flag.as_str() {
            "--seconds" => o.seconds = number(flag, value()?)?,
            "--programs" => o.programs = Some(number(flag, value()?)?),
            "--seed" => o.seed = number(flag, value()?)?,
            "--root" => o.root = PathBuf::from(value()?),
            "--weft" => o.weft = Some(PathBuf::from(value()?)),
            "--out" => o.out = Some(PathBuf::from(value()?)),
            "--timeout" => o.timeout = number(flag, value()?)?,
            "--memory-limit-mib" => o.memory_limit_mib = number(flag, value()?)?,
            "--explore-executions" => o.explore_executions = number(flag, value()?)?,
            "--max-minimize-tests" => o.max_minimize_tests = number(flag, value()?)?,
            "--no-minimize" => o.minimize = false,
            "--print-program" => o.print_program = Some(number(flag, value()?)?),
            "--minimize" => o.minimize_file = Some(PathBuf::from(value()?)),
            "--known" => o.known_dir = Some(PathBuf::from(value()?)),
            "--list-natives" => o.list_natives = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if !(o.timeout > 0.0 && o.timeout.is_finite()) {
        return Err("--timeout must be a positive number of seconds".into());
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse(&args) {
        Ok(o) => o,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("weft-fuzz: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match fuzz(options) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("weft-fuzz: {message}");
            ExitCode::from(2)
        }
    }
}

fn fuzz(o: Options) -> Result<ExitCode, String> {
    let names = weft_fuzz::natives::native_names();
    let natives: Vec<&str> = names.iter().map(String::as_str).collect();
    if o.list_natives {
        for name in &natives {
            println!("{name}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let inputs = weft_fuzz::corpus::load_inputs(&o.root, weft_fuzz::INPUT_DIRS).map_err(|e| {
        format!(
            "cannot read the inputs under {} ({e}); run from the project root or pass --root",
            o.root.display()
        )
    })?;
    let campaign = Campaign {
        seed: o.seed,
        inputs: &inputs,
        natives: &natives,
        modules: &weft_fuzz::natives::modules(),
    };
    if let Some(iteration) = o.print_program {
        use std::io::Write;
        let program = campaign.program(iteration);
        eprintln!("# {}", program.description);
        std::io::stdout()
            .write_all(&program.bytes)
            .map_err(|e| e.to_string())?;
        return Ok(ExitCode::SUCCESS);
    }
    let weft = match o.weft {
        Some(path) => path,
        None => std::env::current_exe()
            .map_err(|e| e.to_string())?
            .with_file_name("weft"),
    };
    if !weft.is_file() {
        return Err(format!(
            "no weft binary at {} (build it with `cargo build --release -p weft-cli`, or pass --weft)",
            weft.display()
        ));
    }
    let out = o.out.unwrap_or_else(|| o.root.join("target/fuzz/crashes"));
    let work_dir = o
        .root
        .join("target/fuzz")
        .join(format!("work-{}", std::process::id()));
    let mut oracle = Oracle::new(weft, work_dir.clone());
    oracle.timeout = Duration::from_secs_f64(o.timeout);
    oracle.memory_limit_mib = (o.memory_limit_mib > 0).then_some(o.memory_limit_mib);
    oracle.explore_executions = o.explore_executions;
    oracle.run_seed = o.seed;
    if let Some(file) = &o.minimize_file {
        let result = minimize_one(file, &oracle, o.max_minimize_tests);
        let _ = std::fs::remove_dir_all(&work_dir);
        return result;
    }
    let known_signatures = match &o.known_dir {
        Some(dir) => known_signatures(dir, &oracle)?,
        None => Default::default(),
    };
    let settings = Settings {
        minimize: o.minimize,
        max_minimize_tests: o.max_minimize_tests,
        out_dir: Some(out.clone()),
        known_signatures,
    };
    eprintln!(
        "weft-fuzz: seed {}, {} input files, {} natives, {}",
        o.seed,
        inputs.len(),
        natives.len(),
        match o.programs {
            Some(n) => format!("{n} programs"),
            None => format!("{} s", o.seconds),
        }
    );
    let started = Instant::now();
    let deadline = Duration::from_secs(o.seconds);
    let go_on = |programs: u64| match o.programs {
        Some(n) => programs < n,
        None => started.elapsed() < deadline,
    };
    let report = |event: Event| match event {
        Event::NewCrash(found) => eprintln!(
            "weft-fuzz: program {} crashed: {}{} ({})",
            found.iteration,
            found.crash.signature(),
            if found.known { " (known)" } else { "" },
            found.description
        ),
        Event::Minimized(found, tests) => eprintln!(
            "weft-fuzz:   minimised to {} bytes in {tests} runs",
            found.minimal.as_ref().map_or(0, Vec::len)
        ),
    };
    let summary = run_campaign(&campaign, &oracle, &settings, go_on, report);
    let _ = std::fs::remove_dir_all(&work_dir);
    let summary = summary.map_err(|e| e.to_string())?;
    for (signature, found) in &summary.crashes {
        println!(
            "  {signature}: {} programs; {}",
            found.occurrences,
            match &found.saved_in {
                Some(p) => p.display().to_string(),
                None if found.known => "known".to_string(),
                None => String::new(),
            }
        );
    }
    println!(
        "{} in {:.0} s",
        summary.line(o.seed, Some(&out)),
        started.elapsed().as_secs_f64()
    );
    Ok(if summary.crashes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `--minimize FILE`: the crash FILE shows (if any) on stderr, its minimal form on stdout.
fn minimize_one(file: &Path, oracle: &Oracle, max_tests: usize) -> Result<ExitCode, String> {
    use std::io::Write;
    let program = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let Some(crash) = oracle.check(&program).map_err(|e| e.to_string())? else {
        eprintln!("weft-fuzz: {} does not crash weft", file.display());
        return Ok(ExitCode::SUCCESS);
    };
    let result = minimize_crash(&program, &crash, oracle, max_tests).map_err(|e| e.to_string())?;
    eprintln!(
        "weft-fuzz: {}: {} (weft {}); minimised from {} to {} bytes in {} runs\n{}",
        file.display(),
        crash.signature(),
        crash.args.join(" "),
        program.len(),
        result.program.len(),
        result.tests_run,
        crash.message
    );
    std::io::stdout()
        .write_all(&result.program)
        .map_err(|e| e.to_string())?;
    Ok(ExitCode::from(1))
}

/// The signatures of the crashes the `.py` files in `dir` show today (each run once through the
/// oracle; a file that no longer crashes adds nothing).
fn known_signatures(
    dir: &Path,
    oracle: &Oracle,
) -> Result<std::collections::BTreeSet<String>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    eprintln!(
        "weft-fuzz: checking the {} known reproducers in {}",
        files.len(),
        dir.display()
    );
    let mut signatures = std::collections::BTreeSet::new();
    for file in files {
        let program = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        if let Some(crash) = oracle.check(&program).map_err(|e| e.to_string())? {
            signatures.insert(crash.signature());
        }
    }
    Ok(signatures)
}

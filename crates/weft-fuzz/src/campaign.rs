//! A fuzzing campaign: program number `iteration` of seed `seed` is a pure function of the two
//! (a ChaCha8 generator seeded with `seed` on stream `iteration`), either a mutant of an input
//! file or a batch of native calls; each program goes through the oracle, each new crash
//! (distinct by class and location) is minimised and saved with the command that shows it.

use crate::corpus::InputFile;
use crate::generate::{
    call_expression, call_statement, native_call_program, DEEP_PRELUDE, MAX_ARITY, PRELUDE,
};
use crate::minimize::{minimize, Minimized};
use crate::mutate::{mutate, MutationKind};
use crate::oracle::{Crash, CrashClass, Oracle};
use crate::tokens::lines;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// Native calls in one generated program.
pub const CALLS_PER_PROGRAM: usize = 6;

/// What a campaign draws programs from.
pub struct Campaign<'a> {
    pub seed: u64,
    pub inputs: &'a [InputFile],
    /// Every native's qualified name (see `natives`).
    pub natives: &'a [&'a str],
    /// The modules a program may import, for the generator to tell module functions from methods.
    pub modules: &'a [&'a str],
}

/// A generated program and how it was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    pub bytes: Vec<u8>,
    pub description: String,
}

impl Campaign<'_> {
    /// Program number `iteration`: every fourth a batch of native calls (walking through every
    /// native with every arity), the others one to three mutations of an input file, sometimes
    /// with a native call inserted.
    pub fn program(&self, iteration: u64) -> Program {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(iteration);
        if iteration % 4 == 3 && !self.natives.is_empty() {
            let cycle = self.natives.len() * (MAX_ARITY + 1);
            let first = ((iteration / 4) as usize * CALLS_PER_PROGRAM
                + (self.seed as usize).wrapping_mul(7919))
                % cycle;
            return Program {
                bytes: native_call_program(
                    &mut rng,
                    self.natives,
                    self.modules,
                    first,
                    CALLS_PER_PROGRAM,
                ),
                description: format!(
                    "native calls {first}..{} of {cycle}",
                    first + CALLS_PER_PROGRAM
                ),
            };
        }
        self.mutant(&mut rng)
    }

    fn mutant(&self, rng: &mut ChaCha8Rng) -> Program {
        assert!(!self.inputs.is_empty(), "a campaign needs input files");
        let input = self.inputs.choose(rng).unwrap();
        let mut bytes = input.bytes.clone();
        let mut applied = Vec::new();
        for _ in 0..rng.gen_range(1..=3) {
            let kind = *MutationKind::ALL.choose(rng).unwrap();
            let other = self.inputs.choose(rng).unwrap();
            bytes = mutate(rng, kind, &bytes, &other.bytes, self.natives);
            applied.push(if kind == MutationKind::Splice {
                format!("splice with {}", other.relative_path)
            } else {
                kind.name().to_string()
            });
        }
        if !self.natives.is_empty() && rng.gen_bool(0.15) {
            let index = rng.gen_range(0..self.natives.len() * (MAX_ARITY + 1));
            let call = call_expression(rng, self.natives, self.modules, index);
            let statement = call_statement(rng, &call);
            let ls = lines(&bytes);
            let at = rng.gen_range(0..=ls.len());
            let mut out = ls[..at].concat();
            if !out.is_empty() && !out.ends_with(b"\n") {
                out.push(b'\n');
            }
            out.extend_from_slice(b"import threading\nimport collections\n");
            if statement.contains("DEEP_")
                || statement.contains("EVIL")
                || statement.contains("C(")
                || statement.contains("gen()")
                || statement.contains("NESTED")
                || statement.contains("RECURSIVE")
            {
                out.extend_from_slice(PRELUDE.as_bytes());
                if statement.contains("DEEP_") {
                    out.extend_from_slice(DEEP_PRELUDE.as_bytes());
                }
            }
            out.extend_from_slice(statement.as_bytes());
            out.extend_from_slice(&ls[at..].concat());
            bytes = out;
            applied.push(format!("insert `{call}`"));
        }
        Program {
            bytes,
            description: format!("{} mutated by {}", input.relative_path, applied.join(", ")),
        }
    }
}

/// How the campaign treats what it finds.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Minimise each new crash (off for the short deterministic run in the tests).
    pub minimize: bool,
    /// Oracle runs a minimisation may make; hangs get a fiftieth (each costs a whole timeout).
    pub max_minimize_tests: usize,
    /// Where reproducers go; None saves nothing.
    pub out_dir: Option<PathBuf>,
    /// Signatures of crashes already known (the reproducers in tests/corpus/crashes that still
    /// crash): counted and reported, but neither minimised nor saved again.
    pub known_signatures: BTreeSet<String>,
}

/// A distinct crash: the first program that showed it, its minimal form, how often it came up.
#[derive(Clone, Debug)]
pub struct Found {
    pub crash: Crash,
    /// One of `Settings::known_signatures`.
    pub known: bool,
    pub iteration: u64,
    pub description: String,
    pub program: Vec<u8>,
    pub minimal: Option<Vec<u8>>,
    pub occurrences: u64,
    pub saved_in: Option<PathBuf>,
}

/// What a campaign did.
#[derive(Debug, Default)]
pub struct Summary {
    pub programs: u64,
    /// Programs that crashed (any class, repeats included).
    pub crashing_programs: u64,
    /// Programs that hung (timeouts, repeats included).
    pub hangs: u64,
    /// The distinct crashes, by signature.
    pub crashes: BTreeMap<String, Found>,
}

impl Summary {
    /// The one-line summary `make fuzz` prints.
    pub fn line(&self, seed: u64, out_dir: Option<&Path>) -> String {
        let distinct_hangs = self
            .crashes
            .values()
            .filter(|f| f.crash.class == CrashClass::Timeout)
            .count();
        let known = self.crashes.values().filter(|f| f.known).count();
        let new = self.crashes.len() - known;
        let where_ = match out_dir {
            Some(dir) if new > 0 => format!("; reproducers in {}", dir.display()),
            _ => String::new(),
        };
        format!(
            "weft-fuzz seed {seed}: {} programs run, {} crashes ({} distinct by class and location: {new} new, {known} known; {} of them hangs), {} hanging programs{where_}",
            self.programs,
            self.crashing_programs,
            self.crashes.len(),
            distinct_hangs,
            self.hangs
        )
    }
}

/// Events a driver may report as they happen.
pub enum Event<'a> {
    NewCrash(&'a Found),
    Minimized(&'a Found, usize),
}

/// Runs programs 0, 1, 2, ... of `campaign` through `oracle` while `go_on(programs_run)` says so.
pub fn run_campaign(
    campaign: &Campaign,
    oracle: &Oracle,
    settings: &Settings,
    mut go_on: impl FnMut(u64) -> bool,
    mut report: impl FnMut(Event),
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut iteration = 0u64;
    while go_on(summary.programs) {
        let program = campaign.program(iteration);
        summary.programs += 1;
        if let Some(crash) = oracle.check(&program.bytes)? {
            summary.crashing_programs += 1;
            if crash.class == CrashClass::Timeout {
                summary.hangs += 1;
            }
            let signature = crash.signature();
            match summary.crashes.get_mut(&signature) {
                Some(found) => found.occurrences += 1,
                None => {
                    let known = settings.known_signatures.contains(&signature);
                    let mut found = Found {
                        crash,
                        known,
                        iteration,
                        description: program.description,
                        program: program.bytes,
                        minimal: None,
                        occurrences: 1,
                        saved_in: None,
                    };
                    report(Event::NewCrash(&found));
                    if settings.minimize && !known {
                        let tests = minimize_found(&mut found, oracle, settings)?;
                        report(Event::Minimized(&found, tests));
                    }
                    if let (Some(dir), false) = (&settings.out_dir, known) {
                        found.saved_in = Some(save(dir, campaign.seed, &found)?);
                    }
                    summary.crashes.insert(signature, found);
                }
            }
        }
        iteration += 1;
    }
    Ok(summary)
}

fn minimize_found(found: &mut Found, oracle: &Oracle, settings: &Settings) -> io::Result<usize> {
    let result = minimize_crash(
        &found.program,
        &found.crash,
        oracle,
        settings.max_minimize_tests,
    )?;
    found.minimal = Some(result.program);
    Ok(result.tests_run)
}

/// Minimises `program` while it shows `crash` (same class and location) under the command that
/// showed it; a hang gets a fiftieth of `max_tests`, since each of its runs costs a timeout.
pub fn minimize_crash(
    program: &[u8],
    crash: &Crash,
    oracle: &Oracle,
    max_tests: usize,
) -> io::Result<Minimized> {
    let signature = crash.signature();
    let budget = if crash.class == CrashClass::Timeout {
        max_tests / 50
    } else {
        max_tests
    };
    let mut error = None;
    let result = minimize(program, budget, |candidate| {
        match oracle.reproduces(candidate, &crash.args, &signature) {
            Ok(yes) => yes,
            Err(e) => {
                error.get_or_insert(e);
                false
            }
        }
    });
    match error {
        Some(e) => Err(e),
        None => Ok(result),
    }
}

/// FNV-1a, 64 bits: a stable name for a signature (std's hasher may change between releases).
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Saves the original, the minimal program and `crash.txt` in `dir/CLASS-HASH/`.
fn save(dir: &Path, seed: u64, found: &Found) -> io::Result<PathBuf> {
    let signature = found.crash.signature();
    let folder = dir.join(format!(
        "{}-{:016x}",
        found.crash.class.name(),
        stable_hash(&signature)
    ));
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join("original.py"), &found.program)?;
    let shown = match &found.minimal {
        Some(minimal) => {
            std::fs::write(folder.join("minimal.py"), minimal)?;
            "minimal.py"
        }
        None => "original.py",
    };
    let command: Vec<&str> = found
        .crash
        .args
        .iter()
        .map(|a| if a == "FILE" { shown } else { a.as_str() })
        .collect();
    let sizes = match &found.minimal {
        Some(m) => format!("{} bytes, minimised from {}", m.len(), found.program.len()),
        None => format!("{} bytes, not minimised", found.program.len()),
    };
    let text = format!(
        "signature: {signature}\nclass: {}\nlocation: {}\ncommand: weft {}\nseed: {seed}\niteration: {}\nregenerate: weft-fuzz --seed {seed} --print-program {}\nprogram: {}\nreproducer: {shown} ({sizes})\nmessage:\n{}\n",
        found.crash.class.name(),
        found.crash.location,
        command.join(" "),
        found.iteration,
        found.iteration,
        found.description,
        found.crash.message,
    );
    std::fs::write(folder.join("crash.txt"), text)?;
    Ok(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs() -> Vec<InputFile> {
        ["a.py", "b.py"]
            .iter()
            .enumerate()
            .map(|(i, name)| InputFile {
                relative_path: name.to_string(),
                bytes: format!("x = {i}\nprint(x + 1)\nif x:\n    y = [x]\n").into_bytes(),
            })
            .collect()
    }

    #[test]
    fn a_seed_and_an_iteration_give_the_same_program_every_time() {
        let inputs = inputs();
        let campaign = Campaign {
            seed: 5,
            inputs: &inputs,
            natives: &["len", "math.sqrt"],
            modules: &["math"],
        };
        for iteration in 0..40 {
            assert_eq!(campaign.program(iteration), campaign.program(iteration));
        }
        let other_seed = Campaign {
            seed: 6,
            ..campaign
        };
        let differ = (0..40).any(|i| other_seed.program(i) != campaign.program(i));
        assert!(differ);
        assert!(campaign.program(3).description.starts_with("native calls"));
        assert!(campaign.program(0).description.contains("mutated by"));
    }

    /// A stand-in for the weft binary: "panics" when the program calls `abs(`, else exits 0.
    fn fake_weft(dir: &Path) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("fake-weft");
        std::fs::write(
            &path,
            "#!/bin/sh\nif grep -q 'abs(' \"$2\"; then\n  printf \"thread 'main' panicked at src/x.rs:7:9:\\nboom\\n\" >&2\n  exit 101\nfi\nexit 0\n",
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn a_campaign_minimises_and_saves_new_crashes_and_skips_known_ones() {
        let dir = std::env::temp_dir().join(format!("weft-fuzz-campaign-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let oracle = Oracle::new(fake_weft(&dir), dir.join("work"));
        let inputs = inputs();
        let campaign = Campaign {
            seed: 1,
            inputs: &inputs,
            natives: &["abs"],
            modules: &["math"],
        };
        let mut settings = Settings {
            minimize: true,
            max_minimize_tests: 500,
            out_dir: Some(dir.join("out")),
            known_signatures: BTreeSet::new(),
        };
        let summary = run_campaign(&campaign, &oracle, &settings, |n| n < 8, |_| {}).unwrap();
        assert_eq!(summary.programs, 8);
        assert!(summary.crashing_programs >= 2, "{summary:?}");
        let found = &summary.crashes["panic at src/x.rs:7"];
        assert_eq!(found.iteration, 3);
        assert!(!found.known);
        assert_eq!(found.crash.message, "boom");
        let minimal = found.minimal.as_ref().unwrap();
        assert_eq!(minimal, b"abs(");
        let saved = found.saved_in.as_ref().unwrap();
        assert_eq!(std::fs::read(saved.join("minimal.py")).unwrap(), b"abs(");
        assert_eq!(
            std::fs::read(saved.join("original.py")).unwrap(),
            found.program
        );
        let text = std::fs::read_to_string(saved.join("crash.txt")).unwrap();
        assert!(
            text.contains("command: weft run minimal.py --seed 0"),
            "{text}"
        );
        assert!(
            text.contains("regenerate: weft-fuzz --seed 1 --print-program 3"),
            "{text}"
        );

        settings
            .known_signatures
            .insert("panic at src/x.rs:7".to_string());
        settings.out_dir = Some(dir.join("out2"));
        let summary = run_campaign(&campaign, &oracle, &settings, |n| n < 8, |_| {}).unwrap();
        let found = &summary.crashes["panic at src/x.rs:7"];
        assert!(found.known && found.minimal.is_none() && found.saved_in.is_none());
        assert!(!dir.join("out2").exists());
        assert!(summary
            .line(1, None)
            .contains("1 distinct by class and location: 0 new, 1 known"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_hash_is_fnv1a() {
        assert_eq!(stable_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}

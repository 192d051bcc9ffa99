//! Seeded mutations of a program's bytes: line edits (delete, duplicate, swap, re-indent),
//! token edits (numbers replaced by huge or odd values, identifiers and operators replaced),
//! splices of two files, deep nesting (brackets, tuples, calls, unary chains, blocks), odd bytes
//! (NUL, invalid UTF-8, surrogates, CR, BOM) and truncation. Every choice comes from the caller's
//! ChaCha generator, so the same generator state gives the same mutant.

use crate::tokens::{lines, tokenize, Token, TokenKind};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The kinds of mutation, named in the fuzzer's descriptions of what it ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MutationKind {
    DeleteLines,
    DuplicateLines,
    SwapLines,
    ChangeIndentation,
    ReplaceNumber,
    ReplaceIdentifier,
    ReplaceOperator,
    Splice,
    DeepNesting,
    DeepBlocks,
    OddBytes,
    Truncate,
}

impl MutationKind {
    pub const ALL: [MutationKind; 12] = [
        MutationKind::DeleteLines,
        MutationKind::DuplicateLines,
        MutationKind::SwapLines,
        MutationKind::ChangeIndentation,
        MutationKind::ReplaceNumber,
        MutationKind::ReplaceIdentifier,
        MutationKind::ReplaceOperator,
        MutationKind::Splice,
        MutationKind::DeepNesting,
        MutationKind::DeepBlocks,
        MutationKind::OddBytes,
        MutationKind::Truncate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MutationKind::DeleteLines => "delete-lines",
            MutationKind::DuplicateLines => "duplicate-lines",
            MutationKind::SwapLines => "swap-lines",
            MutationKind::ChangeIndentation => "change-indentation",
            MutationKind::ReplaceNumber => "replace-number",
            MutationKind::ReplaceIdentifier => "replace-identifier",
            MutationKind::ReplaceOperator => "replace-operator",
            MutationKind::Splice => "splice",
            MutationKind::DeepNesting => "deep-nesting",
            MutationKind::DeepBlocks => "deep-blocks",
            MutationKind::OddBytes => "odd-bytes",
            MutationKind::Truncate => "truncate",
        }
    }
}

/// Values that stress numeric code: bounds of i64/u64, big integers, float extremes, NaN, and
/// expressions that ask for a lot of memory.
pub const HUGE_VALUES: &[&str] = &[
    "10**30",
    "-9223372036854775809",
    "-9223372036854775808",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551616",
    "2**63",
    "2**64",
    "-2**63",
    "2**1000",
    "10**4300",
    "10**10**6",
    "(1 << 100000)",
    "1e308",
    "1e309",
    "-1e308",
    "5e-324",
    "float('nan')",
    "float('inf')",
    "-float('inf')",
    "-0.0",
    "0",
    "-1",
    "0x7fffffffffffffff",
    "1_000_000_000_000",
    "True",
    "None",
    "'a' * 10**8",
    "[0] * 10**8",
    "'x' * 100000",
];

/// Words that replace identifiers besides the program's own and the natives' names: keywords
/// (mostly syntax errors, which must be diagnostics) and dunders that reach odd paths.
pub const EXTRA_IDENTIFIERS: &[&str] = &[
    "None",
    "True",
    "False",
    "lambda",
    "yield",
    "await",
    "global",
    "nonlocal",
    "del",
    "pass",
    "return",
    "self",
    "super",
    "__class__",
    "__dict__",
    "__init__",
    "__del__",
    "__eq__",
    "__hash__",
    "__getattr__",
    "__name__",
    "__builtins__",
    "object",
    "type",
    "Exception",
    "BaseException",
    "StopIteration",
];

const OPERATORS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "~", "<", ">", "<=", ">=",
    "==", "!=", "=", "+=", "-=", "*=", "//=", "**=", ":=", ":", "@", " and ", " or ", " not ",
    " in ", " is ", " not in ", " is not ",
];

const ODD_BYTES: &[&[u8]] = &[
    b"\0",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\r",
    b"\r\n",
    b"\t",
    b"\xef\xbb\xbf",
    b"\x0c",
    b"\x1b",
    b"\\",
    b"\\\n",
    b"'",
    b"\"\"\"",
    "\u{2028}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{00e9}".as_bytes(),
    "'\\ud800'".as_bytes(),
    "'\\udfff\\ud800'".as_bytes(),
    "'\\U0010ffff'".as_bytes(),
    "'\\U00110000'".as_bytes(),
    "'\\N{BULLET}'".as_bytes(),
    "'\\x'".as_bytes(),
    "chr(0xd800)".as_bytes(),
    "'\\0'".as_bytes(),
];

/// Nesting depths: shallow enough to be legal Python, and far beyond any parser's stack.
const DEPTHS: &[usize] = &[50, 200, 1000, 5000, 10000, 100000];

/// Applies one mutation of the given kind to `program`; `other` is a second input for splices
/// and `vocabulary` supplies identifiers (the natives' names). Returns the mutant.
pub fn mutate(
    rng: &mut ChaCha8Rng,
    kind: MutationKind,
    program: &[u8],
    other: &[u8],
    vocabulary: &[&str],
) -> Vec<u8> {
    match kind {
        MutationKind::DeleteLines => delete_lines(rng, program),
        MutationKind::DuplicateLines => duplicate_lines(rng, program),
        MutationKind::SwapLines => swap_lines(rng, program),
        MutationKind::ChangeIndentation => change_indentation(rng, program),
        MutationKind::ReplaceNumber => {
            let value = *HUGE_VALUES.choose(rng).unwrap();
            replace_token(rng, program, &[TokenKind::Number], value)
        }
        MutationKind::ReplaceIdentifier => replace_identifier(rng, program, vocabulary),
        MutationKind::ReplaceOperator => {
            let op = *OPERATORS.choose(rng).unwrap();
            replace_token(rng, program, &[TokenKind::Operator], op)
        }
        MutationKind::Splice => splice(rng, program, other),
        MutationKind::DeepNesting => deep_nesting(rng, program),
        MutationKind::DeepBlocks => deep_blocks(rng, program),
        MutationKind::OddBytes => odd_bytes(rng, program),
        MutationKind::Truncate => {
            let at = rng.gen_range(0..=program.len());
            program[..at].to_vec()
        }
    }
}

/// A random line range `start..end` of at most `max` lines (empty when there are no lines).
fn line_range(rng: &mut ChaCha8Rng, count: usize, max: usize) -> (usize, usize) {
    if count == 0 {
        return (0, 0);
    }
    let start = rng.gen_range(0..count);
    let len = rng.gen_range(1..=max.min(count - start));
    (start, start + len)
}

fn join(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// Lines ending in a newline, so that moving one never glues it to its neighbour.
fn terminated_lines(program: &[u8]) -> Vec<Vec<u8>> {
    lines(program)
        .into_iter()
        .map(|l| {
            let mut l = l.to_vec();
            if !l.ends_with(b"\n") {
                l.push(b'\n');
            }
            l
        })
        .collect()
}

fn delete_lines(rng: &mut ChaCha8Rng, program: &[u8]) -> Vec<u8> {
    let ls = lines(program);
    let (start, end) = line_range(rng, ls.len(), 4);
    join(&[&ls[..start], &ls[end..]].concat())
}

fn duplicate_lines(rng: &mut ChaCha8Rng, program: &[u8]) -> Vec<u8> {
    let ls = terminated_lines(program);
    let (start, end) = line_range(rng, ls.len(), 4);
    let at = rng.gen_range(0..=ls.len());
    let mut out: Vec<Vec<u8>> = ls.clone();
    for (offset, line) in ls[start..end].iter().enumerate() {
        out.insert(at + offset, line.clone());
    }
    out.concat()
}

fn swap_lines(rng: &mut ChaCha8Rng, program: &[u8]) -> Vec<u8> {
    let mut ls = terminated_lines(program);
    if ls.len() >= 2 {
        let a = rng.gen_range(0..ls.len());
        let b = rng.gen_range(0..ls.len());
        ls.swap(a, b);
    }
    ls.concat()
}

fn change_indentation(rng: &mut ChaCha8Rng, program: &[u8]) -> Vec<u8> {
    let mut ls = terminated_lines(program);
    if ls.is_empty() {
        return b"    x = 1\n".to_vec();
    }
    let i = rng.gen_range(0..ls.len());
    let line = &ls[i];
    let indent = line
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let body = line[indent..].to_vec();
    let new_indent: Vec<u8> = match rng.gen_range(0..6) {
        0 => [&line[..indent], b"    "].concat(),
        1 => line[..indent.saturating_sub(4)].to_vec(),
        2 => vec![b'\t'; indent.div_ceil(4).max(1)],
        3 => [&line[..indent], b" "].concat(),
        4 => vec![b' '; rng.gen_range(100..=2000)],
        _ => [&line[..indent], b"\t "].concat(),
    };
    ls[i] = [new_indent, body].concat();
    ls.concat()
}

/// Replaces a random token of one of `kinds` with `replacement`; when there is none, puts the
/// replacement in place of a random identifier or number, or appends an assignment of it.
fn replace_token(
    rng: &mut ChaCha8Rng,
    program: &[u8],
    kinds: &[TokenKind],
    replacement: &str,
) -> Vec<u8> {
    let tokens = tokenize(program);
    let mut candidates: Vec<&Token> = tokens.iter().filter(|t| kinds.contains(&t.kind)).collect();
    if candidates.is_empty() {
        candidates = tokens
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Identifier | TokenKind::Number))
            .collect();
    }
    match candidates.choose(rng) {
        Some(t) => [
            &program[..t.start],
            replacement.as_bytes(),
            &program[t.end..],
        ]
        .concat(),
        None => [program, b"\nx = ", replacement.as_bytes(), b"\n"].concat(),
    }
}

fn replace_identifier(rng: &mut ChaCha8Rng, program: &[u8], vocabulary: &[&str]) -> Vec<u8> {
    let tokens = tokenize(program);
    let own: Vec<&[u8]> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Identifier)
        .map(|t| &program[t.start..t.end])
        .collect();
    let replacement: Vec<u8> = match rng.gen_range(0..3) {
        0 if !own.is_empty() => own.choose(rng).unwrap().to_vec(),
        1 if !vocabulary.is_empty() => vocabulary.choose(rng).unwrap().as_bytes().to_vec(),
        _ => EXTRA_IDENTIFIERS.choose(rng).unwrap().as_bytes().to_vec(),
    };
    let replacement = String::from_utf8_lossy(&replacement).into_owned();
    replace_token(rng, program, &[TokenKind::Identifier], &replacement)
}

/// Either inserts a few lines of `other` into `program`, or joins a head of one to a tail of the
/// other.
fn splice(rng: &mut ChaCha8Rng, program: &[u8], other: &[u8]) -> Vec<u8> {
    let mine = terminated_lines(program);
    let theirs = terminated_lines(other);
    let at = rng.gen_range(0..=mine.len());
    if rng.gen_bool(0.5) {
        let (start, end) = line_range(rng, theirs.len(), 8);
        [&mine[..at], &theirs[start..end], &mine[at..]]
            .concat()
            .concat()
    } else {
        let from = rng.gen_range(0..=theirs.len());
        [&mine[..at], &theirs[from..]].concat().concat()
    }
}

/// Wraps a random identifier, number or string (or a fresh `1`) in `depth` levels of one kind
/// of nesting.
fn deep_nesting(rng: &mut ChaCha8Rng, program: &[u8]) -> Vec<u8> {
    let depth = *DEPTHS.choose(rng).unwrap();
    let tokens = tokenize(program);
    let sites: Vec<&Token> = tokens
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                TokenKind::Identifier | TokenKind::Number | TokenKind::String
            )
        })
        .collect();
    let (start, end, inner) = match sites.choose(rng) {
        Some(t) => (t.start, t.end, program[t.start..t.end].to_vec()),
        None => (program.len(), program.len(), b"1".to_vec()),
    };
    let wrapped = nest(rng.gen_range(0..NESTING_FORMS), depth, &inner);
    let replacement = if sites.is_empty() {
        [b"\nx = ".as_slice(), &wrapped, b"\nprint(x)\n"].concat()
    } else {
        wrapped
    };
    [&program[..start], &replacement, &program[end..]].concat()
}

const NESTING_FORMS: usize = 14;

/// `inner` nested `depth` times in form number `form` (0..NESTING_FORMS).
pub fn nest(form: usize, depth: usize, inner: &[u8]) -> Vec<u8> {
    let around = |open: &str, close: &str| -> Vec<u8> {
        [
            open.repeat(depth).as_bytes(),
            inner,
            close.repeat(depth).as_bytes(),
        ]
        .concat()
    };
    match form {
        0 => around("(", ")"),
        1 => around("[", "]"),
        2 => around("(", ",)"),
        3 => around("{1: ", "}"),
        4 => around("len(", ")"),
        5 => around("(lambda v: v)(", ")"),
        6 => around("-", ""),
        7 => around("not ", ""),
        8 => around("~", ""),
        9 => around("", "[0]"),
        10 => around("", ".real"),
        11 => around("lambda: ", ""),
        12 => around("", " + 1"),
        _ => around("1 if 1 else ", ""),
    }
}

const BLOCK_HEADERS: &[&str] = &[
    "if True:",
    "for _ in range(1):",
    "def f():",
    "class C:",
    "try:",
    "with open:",
    "while False:",
];

/// Inserts `depth` nested compound statements at a random line.
fn deep_blocks(rng: &mut ChaCha8Rng, program: &[u8]) -> Vec<u8> {
    let depth = *[20, 100, 500, 1000, 5000].choose(rng).unwrap();
    let header = *BLOCK_HEADERS.choose(rng).unwrap();
    let mut block = Vec::new();
    for level in 0..depth {
        block.extend(std::iter::repeat_n(b' ', level));
        block.extend_from_slice(header.as_bytes());
        block.push(b'\n');
    }
    block.extend(std::iter::repeat_n(b' ', depth));
    block.extend_from_slice(b"pass\n");
    if header == "try:" {
        for level in (0..depth).rev() {
            block.extend(std::iter::repeat_n(b' ', level));
            block.extend_from_slice(b"finally:\n");
            block.extend(std::iter::repeat_n(b' ', level + 1));
            block.extend_from_slice(b"pass\n");
        }
    }
    let ls = terminated_lines(program);
    let at = rng.gen_range(0..=ls.len());
    [&ls[..at], &[block], &ls[at..]].concat().concat()
}

fn odd_bytes(rng: &mut ChaCha8Rng, program: &[u8]) -> Vec<u8> {
    let odd = *ODD_BYTES.choose(rng).unwrap();
    let at = rng.gen_range(0..=program.len());
    if rng.gen_bool(0.25) {
        // Put it in place of a token, where an escape inside a literal means something.
        let tokens = tokenize(program);
        if let Some(t) = tokens.choose(rng) {
            return [&program[..t.start], odd, &program[t.end..]].concat();
        }
    }
    [&program[..at], odd, &program[at..]].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    const PROGRAM: &[u8] = b"import threading\n\ncount = 0\n\ndef work(n):\n    global count\n    for i in range(n):\n        count += 1\n\nt = threading.Thread(target=work, args=(3,))\nt.start()\nt.join()\nprint(count == 3)\n";
    const OTHER: &[u8] = b"x = [1, 2, 3]\nprint(len(x))\nassert x\n";

    #[test]
    fn every_mutation_is_deterministic_and_changes_the_program() {
        for kind in MutationKind::ALL {
            for seed in 0..20 {
                let a = mutate(
                    &mut ChaCha8Rng::seed_from_u64(seed),
                    kind,
                    PROGRAM,
                    OTHER,
                    &["len", "math.sqrt"],
                );
                let b = mutate(
                    &mut ChaCha8Rng::seed_from_u64(seed),
                    kind,
                    PROGRAM,
                    OTHER,
                    &["len", "math.sqrt"],
                );
                assert_eq!(a, b, "{} with seed {seed}", kind.name());
            }
            let changed = (0..20).any(|seed| {
                mutate(
                    &mut ChaCha8Rng::seed_from_u64(seed),
                    kind,
                    PROGRAM,
                    OTHER,
                    &["len"],
                ) != PROGRAM
            });
            assert!(changed, "{} never changed the program", kind.name());
        }
    }

    #[test]
    fn mutations_of_an_empty_program_do_not_panic() {
        for kind in MutationKind::ALL {
            for seed in 0..10 {
                mutate(&mut ChaCha8Rng::seed_from_u64(seed), kind, b"", b"", &[]);
                mutate(&mut ChaCha8Rng::seed_from_u64(seed), kind, b"x", b"", &[]);
            }
        }
    }

    #[test]
    fn number_replacement_puts_a_huge_value_in_place_of_a_number() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let out = mutate(&mut rng, MutationKind::ReplaceNumber, b"x = 7\n", b"", &[]);
        let text = String::from_utf8(out).unwrap();
        let value = text.strip_prefix("x = ").unwrap().trim_end();
        assert!(HUGE_VALUES.contains(&value), "{text}");
    }

    #[test]
    fn nesting_forms_are_balanced_python() {
        assert_eq!(nest(0, 3, b"1"), b"(((1)))");
        assert_eq!(nest(2, 2, b"1"), b"((1,),)");
        assert_eq!(nest(4, 2, b"x"), b"len(len(x))");
        assert_eq!(nest(9, 2, b"x"), b"x[0][0]");
        for form in 0..NESTING_FORMS {
            assert!(nest(form, 10000, b"1").len() >= 10000);
        }
    }

    #[test]
    fn deep_blocks_nest_compound_statements() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let out = mutate(&mut rng, MutationKind::DeepBlocks, b"x = 1\n", b"", &[]);
        let text = String::from_utf8(out).unwrap();
        let deepest = text
            .lines()
            .map(|l| l.len() - l.trim_start().len())
            .max()
            .unwrap();
        assert!(deepest >= 20, "{text}");
    }
}

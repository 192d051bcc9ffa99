//! A forgiving tokenizer over raw bytes, for the mutators and the minimiser: it never fails (the
//! input may be any bytes) and splits a program into identifiers, numbers, strings, operators,
//! blanks and single other bytes, close enough to Python's tokens to edit them one at a time.

/// What a token is, as far as the mutators care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Identifier,
    Number,
    String,
    Operator,
    Blank,
    Newline,
    Other,
}

/// A token: the byte range `start..end` of the program and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

const OPERATOR_BYTES: &[u8] = b"+-*/%<>=!&|^~@:";

fn is_identifier_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_identifier_continue(b: u8) -> bool {
    is_identifier_start(b) || b.is_ascii_digit()
}

/// Splits `bytes` into tokens that cover it exactly, in order.
pub fn tokenize(bytes: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        let kind = if is_identifier_start(b) {
            while i < bytes.len() && is_identifier_continue(bytes[i]) {
                i += 1;
            }
            TokenKind::Identifier
        } else if b.is_ascii_digit()
            || (b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i = number_end(bytes, i);
            TokenKind::Number
        } else if b == b'\'' || b == b'"' {
            i = string_end(bytes, i);
            TokenKind::String
        } else if b == b' ' || b == b'\t' {
            while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
                i += 1;
            }
            TokenKind::Blank
        } else if b == b'\n' {
            i += 1;
            TokenKind::Newline
        } else if OPERATOR_BYTES.contains(&b) {
            while i < bytes.len() && i - start < 3 && OPERATOR_BYTES.contains(&bytes[i]) {
                i += 1;
            }
            TokenKind::Operator
        } else {
            i += 1;
            TokenKind::Other
        };
        tokens.push(Token {
            start,
            end: i,
            kind,
        });
    }
    tokens
}

fn number_end(bytes: &[u8], start: usize) -> usize {
    let hex = bytes[start..].starts_with(b"0x") || bytes[start..].starts_with(b"0X");
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        let exponent_sign =
            (b == b'+' || b == b'-') && i > 0 && matches!(bytes[i - 1], b'e' | b'E') && !hex;
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// The end of a quoted string starting at `i`: the matching quote, or the end of the line when
/// the string is unterminated (the program is then a syntax error, which is fine).
fn string_end(bytes: &[u8], i: usize) -> usize {
    let quote = bytes[i];
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'\n' => return j,
            b if b == quote => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// Splits `bytes` into lines, each keeping its `\n` (the last may have none).
pub fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_texts(src: &str) -> Vec<(TokenKind, String)> {
        tokenize(src.as_bytes())
            .into_iter()
            .map(|t| (t.kind, src[t.start..t.end].to_string()))
            .collect()
    }

    #[test]
    fn tokens_cover_the_input_and_have_the_right_kinds() {
        use TokenKind::*;
        let got = kinds_and_texts("x1 = 1.5e-3 + f('a\\'b', 0x1F) ** -2\n");
        let expected = [
            (Identifier, "x1"),
            (Blank, " "),
            (Operator, "="),
            (Blank, " "),
            (Number, "1.5e-3"),
            (Blank, " "),
            (Operator, "+"),
            (Blank, " "),
            (Identifier, "f"),
            (Other, "("),
            (String, "'a\\'b'"),
            (Other, ","),
            (Blank, " "),
            (Number, "0x1F"),
            (Other, ")"),
            (Blank, " "),
            (Operator, "**"),
            (Blank, " "),
            (Operator, "-"),
            (Number, "2"),
            (Newline, "\n"),
        ];
        let expected: Vec<(TokenKind, std::string::String)> =
            expected.iter().map(|(k, s)| (*k, s.to_string())).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn any_bytes_tokenize_without_gaps() {
        let bytes: Vec<u8> = (0..=255u8)
            .chain(b"'unterminated\n\"x".iter().copied())
            .collect();
        let tokens = tokenize(&bytes);
        let mut at = 0;
        for t in &tokens {
            assert_eq!(t.start, at);
            assert!(t.end > t.start);
            at = t.end;
        }
        assert_eq!(at, bytes.len());
    }

    #[test]
    fn lines_keep_their_newlines() {
        assert_eq!(lines(b"a\nb\nc"), [&b"a\n"[..], b"b\n", b"c"]);
        assert!(lines(b"").is_empty());
    }
}

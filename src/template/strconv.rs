//! The parts of Go's `strconv` the parser needs: `Unquote` for string and character constants,
//! and the integer and float syntaxes (base prefixes, underscores, hex floats) behind number
//! constants.

/// Go's `strconv.Unquote` for the forms the lexer produces: "…", `…` and '…'.
pub fn unquote(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    if bytes.len() < 2 {
        return Err("invalid syntax".into());
    }
    let quote = bytes[0];
    if bytes[bytes.len() - 1] != quote {
        return Err("invalid syntax".into());
    }
    let inner = &s[1..s.len() - 1];
    if quote == b'`' {
        if inner.contains('`') {
            return Err("invalid syntax".into());
        }
        return Ok(inner.replace('\r', ""));
    }
    if quote != b'"' && quote != b'\'' {
        return Err("invalid syntax".into());
    }
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == quote as char || c == '\n' {
            return Err("invalid syntax".into());
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            return Err("invalid syntax".into());
        };
        match e {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '\'' if quote == b'\'' => out.push('\''),
            '"' if quote == b'"' => out.push('"'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    let d = chars
                        .next()
                        .and_then(|c| c.to_digit(8))
                        .ok_or("invalid syntax")?;
                    v = v * 8 + d;
                }
                if v > 255 {
                    return Err("invalid syntax".into());
                }
                // A byte escape; Go strings may hold invalid UTF-8, ours hold the Latin-1 char.
                out.push(char::from_u32(v).ok_or("invalid syntax")?);
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v = 0u32;
                for _ in 0..n {
                    let d = chars
                        .next()
                        .and_then(|c| c.to_digit(16))
                        .ok_or("invalid syntax")?;
                    v = v * 16 + d;
                }
                out.push(char::from_u32(v).ok_or("invalid syntax")?);
            }
            _ => return Err("invalid syntax".into()),
        }
    }
    if quote == b'\'' && out.chars().count() != 1 {
        return Err("invalid syntax".into());
    }
    Ok(out)
}

/// Digits of an integer literal with Go's base prefixes and underscores; `None` if malformed.
pub fn int_digits(text: &str) -> Option<(bool, u32, String)> {
    let (neg, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = rest.to_ascii_lowercase();
    let (base, digits, prefixed) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d.to_string(), true)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d.to_string(), true)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d.to_string(), true)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower[1..].to_string(), true)
    } else {
        (10, lower.clone(), false)
    };
    // Underscores: only between digits, or after a base prefix.
    if digits.contains('_') {
        let d = if prefixed {
            format!("0{digits}")
        } else {
            digits.clone()
        };
        if d.starts_with('_') || d.ends_with('_') || d.contains("__") {
            return None;
        }
        if !prefixed && base == 10 && digits.starts_with('_') {
            return None;
        }
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if clean.is_empty() && (base != 8 || lower.starts_with("0o")) {
        return None;
    }
    Some((neg, base, clean))
}

pub fn parse_uint(text: &str) -> Option<u64> {
    let (neg, base, digits) = int_digits(text)?;
    if neg || text.starts_with('+') {
        return None;
    }
    if digits.is_empty() {
        return Some(0);
    }
    u64::from_str_radix(&digits, base).ok()
}

pub fn parse_int(text: &str) -> Option<i64> {
    let (neg, base, digits) = int_digits(text)?;
    if digits.is_empty() {
        return Some(0);
    }
    let mag = u64::from_str_radix(&digits, base).ok()?;
    if neg {
        if mag <= i64::MAX as u64 + 1 {
            Some((mag as i64).wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(mag).ok()
    }
}

pub fn parse_float(text: &str) -> Option<f64> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if body.starts_with("0x") {
        return parse_hex_float(&lower);
    }
    if body.is_empty() || body.contains("inf") || body.contains("nan") {
        return None;
    }
    lower.parse::<f64>().ok()
}

/// `0x1.8p3` and friends.
fn parse_hex_float(s: &str) -> Option<f64> {
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let rest = rest.strip_prefix("0x")?;
    let (mant, exp) = rest.split_once('p')?;
    let exp: i32 = exp.parse().ok()?;
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let mut v = 0f64;
    for c in int.chars() {
        v = v * 16.0 + c.to_digit(16)? as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in frac.chars() {
        v += c.to_digit(16)? as f64 * scale;
        scale /= 16.0;
    }
    let v = v * 2f64.powi(exp);
    Some(if neg { -v } else { v })
}

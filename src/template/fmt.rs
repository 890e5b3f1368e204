//! Go's fmt for template values: `Sprint`, `Sprintln`, `Sprintf` (flags, width, precision, `*`,
//! `%!verb(type=value)` for bad verbs, `MISSING` and `EXTRA`), `%v` of slices, maps and structs,
//! and `strconv.Quote`.

use super::value::Value;

/// Go's `strconv.Quote`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        quote_char(&mut out, c, '"');
    }
    out.push('"');
    out
}

fn quote_char(out: &mut String, c: char, q: char) {
    match c {
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        '\\' => out.push_str("\\\\"),
        c if c == q => {
            out.push('\\');
            out.push(c);
        }
        c if is_print(c) => out.push(c),
        c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push_str(&format!("\\U{:08x}", c as u32)),
    }
}

/// An approximation of Go's `strconv.IsPrint`: graphic characters and the ASCII space.
fn is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF | 0xFFFE | 0xFFFF
        | 0xF0000..=0x10FFFF | 0xD800..=0xDFFF)
}

/// `fmt.Sprint`: operands are separated by a space when neither side is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    let mut prev_string = false;
    for (i, a) in args.iter().enumerate() {
        let is_string = matches!(a, Value::Str(_) | Value::Named(..));
        if i > 0 && !is_string && !prev_string {
            out.push(' ');
        }
        out.push_str(&format_value(a, 'v', false));
        prev_string = is_string;
    }
    out
}

/// `fmt.Sprintln`: operands always separated by a space, then a newline.
pub fn sprintln(args: &[Value]) -> String {
    let parts: Vec<String> = args.iter().map(|a| format_value(a, 'v', false)).collect();
    let mut out = parts.join(" ");
    out.push('\n');
    out
}

/// `%v` (or `%+v` with `plus`) of a value at the top level, as `fmt.Fprint` prints it.
pub fn format_value(v: &Value, verb: char, plus: bool) -> String {
    let spec = Spec {
        verb,
        plus,
        ..Spec::default()
    };
    let mut out = String::new();
    print_arg(&mut out, v, &spec);
    out
}

#[derive(Clone, Default)]
struct Spec {
    verb: char,
    plus: bool,
    minus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

impl Spec {
    /// The sign a number prints with: `-`, or `+` / ` ` under those flags.
    fn sign(&self, neg: bool) -> &'static str {
        if neg {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        }
    }
}

fn pad(out: &mut String, s: &str, spec: &Spec) {
    let Some(w) = spec.width else {
        out.push_str(s);
        return;
    };
    let n = s.chars().count();
    if n >= w {
        out.push_str(s);
        return;
    }
    let fill = w - n;
    if spec.minus {
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if spec.zero {
        // Zero padding goes after a sign.
        let (sign, rest) = match s.as_bytes().first() {
            Some(b'-' | b'+' | b' ') => s.split_at(1),
            _ => ("", s),
        };
        out.push_str(sign);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(rest);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(s);
    }
}

fn bad_verb(out: &mut String, v: &Value, verb: char) {
    out.push_str("%!");
    out.push(verb);
    out.push('(');
    type_and_value(out, v);
    out.push(')');
}

/// `type=value` of an operand in Go's `%!verb(…)` and `%!(EXTRA …)` (`<nil>` for nil).
fn type_and_value(out: &mut String, v: &Value) {
    match v {
        Value::Nil | Value::Invalid => out.push_str("<nil>"),
        v => {
            out.push_str(&v.type_name());
            out.push('=');
            print_arg(
                out,
                v,
                &Spec {
                    verb: 'v',
                    ..Spec::default()
                },
            );
        }
    }
}

fn print_arg(out: &mut String, v: &Value, spec: &Spec) {
    print_value(out, v, spec, 0);
}

fn print_value(out: &mut String, v: &Value, spec: &Spec, depth: usize) {
    let verb = spec.verb;
    if verb == 'T' {
        pad(out, &v.type_name(), spec);
        return;
    }
    match v {
        Value::Invalid => {
            if depth == 0 {
                out.push_str("<invalid reflect.Value>");
            } else if verb == 'v' {
                out.push_str("<nil>");
            } else {
                bad_verb(out, v, verb);
            }
        }
        Value::Nil => match verb {
            'v' => pad(out, "<nil>", spec),
            _ => bad_verb(out, v, verb),
        },
        Value::Bool(b) => match verb {
            't' | 'v' => pad(out, if *b { "true" } else { "false" }, spec),
            _ => bad_verb(out, v, verb),
        },
        Value::Int(i) => fmt_integer(out, v, *i < 0, i.unsigned_abs(), spec),
        Value::Uint(u) => fmt_integer(out, v, false, *u, spec),
        Value::Float(f) => fmt_float(out, v, *f, spec),
        Value::Str(s) | Value::Named(_, s) => fmt_string(out, v, s, spec),
        Value::List(items, _) => {
            // The verb applies to each element.
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                print_value(out, item, spec, depth + 1);
            }
            out.push(']');
        }
        Value::Map(m, _) => {
            out.push_str("map[");
            for (i, (k, item)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                print_value(out, &Value::str(k), spec, depth + 1);
                out.push(':');
                print_value(out, item, spec, depth + 1);
            }
            out.push(']');
        }
        Value::Struct(s, _) => {
            out.push('{');
            for (i, (name, field)) in s.ty.fields.iter().zip(&s.fields).enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                if spec.plus {
                    out.push_str(name);
                    out.push(':');
                }
                print_value(out, field, spec, depth + 1);
            }
            out.push('}');
        }
        Value::Ptr(_, p) => match p {
            Some(s) if depth == 0 => {
                out.push('&');
                print_value(out, &Value::Struct(s.clone(), true), spec, depth + 1);
            }
            // Go prints a nested pointer as its address, which no second run reproduces; we print
            // a fixed stand-in.
            Some(_) => pad(out, "0xc000000000", spec),
            None => match verb {
                'v' | 's' => pad(out, "<nil>", spec),
                _ => bad_verb(out, v, verb),
            },
        },
    }
}

fn fmt_integer(out: &mut String, v: &Value, neg: bool, mag: u64, spec: &Spec) {
    let digits = match spec.verb {
        'v' | 'd' => mag.to_string(),
        'b' => format!("{mag:b}"),
        'o' | 'O' => format!("{mag:o}"),
        'x' => format!("{mag:x}"),
        'X' => format!("{mag:X}"),
        'c' => {
            let c = char::from_u32(mag as u32).unwrap_or('\u{FFFD}');
            pad(out, &c.to_string(), spec);
            return;
        }
        'q' => {
            let c = char::from_u32(mag as u32).unwrap_or('\u{FFFD}');
            let mut q = String::from("'");
            quote_char(&mut q, c, '\'');
            q.push('\'');
            pad(out, &q, spec);
            return;
        }
        'U' => {
            let mut s = format!("U+{mag:04X}");
            if spec.sharp
                && let Some(c) = char::from_u32(mag as u32).filter(|c| is_print(*c))
            {
                s.push_str(&format!(" '{c}'"));
            }
            pad(out, &s, spec);
            return;
        }
        _ => return bad_verb(out, v, spec.verb),
    };
    let mut digits = digits;
    if let Some(p) = spec.prec {
        if p == 0 && mag == 0 {
            digits.clear();
        }
        while digits.len() < p {
            digits.insert(0, '0');
        }
    }
    let prefix = match (spec.sharp, spec.verb) {
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        (true, 'o') if !digits.starts_with('0') => "0",
        (true, 'b') => "0b",
        (_, 'O') => "0o",
        _ => "",
    };
    let s = format!("{}{prefix}{digits}", spec.sign(neg));
    // Go ignores the zero flag when a precision is given.
    let spec = Spec {
        zero: spec.zero && spec.prec.is_none() && !spec.minus,
        ..spec.clone()
    };
    pad(out, &s, &spec);
}

fn fmt_string(out: &mut String, v: &Value, s: &str, spec: &Spec) {
    let s: std::borrow::Cow<'_, str> = match spec.prec {
        Some(p) => s.chars().take(p).collect::<String>().into(),
        None => s.into(),
    };
    match spec.verb {
        'v' | 's' => pad(
            out,
            &s,
            &Spec {
                zero: false,
                ..spec.clone()
            },
        ),
        'q' => pad(out, &quote(&s), spec),
        'x' | 'X' => {
            let mut h = String::new();
            for (i, b) in s.bytes().enumerate() {
                if spec.space && i > 0 {
                    h.push(' ');
                }
                if spec.sharp && (spec.space || i == 0) {
                    h.push_str(if spec.verb == 'x' { "0x" } else { "0X" });
                }
                if spec.verb == 'x' {
                    h.push_str(&format!("{b:02x}"));
                } else {
                    h.push_str(&format!("{b:02X}"));
                }
            }
            pad(out, &h, spec);
        }
        _ => bad_verb(out, v, spec.verb),
    }
}

/// Shortest decimal digits and exponent of a finite, non-zero |f|: (digits, decimal point position).
fn shortest_digits(f: f64) -> (String, i32) {
    let e = format!("{:e}", f.abs());
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    (digits, exp + 1)
}

/// `%e` with `prec` digits after the point (None: shortest).
fn format_e(f: f64, prec: Option<usize>, upper: bool) -> String {
    let s = match prec {
        Some(p) => format!("{:.*e}", p, f.abs()),
        None => {
            let (d, dp) = shortest_digits(f);
            let mut m = d[..1].to_string();
            if d.len() > 1 {
                m.push('.');
                m.push_str(&d[1..]);
            }
            format!("{m}e{}", if f == 0.0 { 0 } else { dp - 1 })
        }
    };
    // Rust writes 1.5e3; Go writes 1.5e+03.
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let sign = if e < 0 { '-' } else { '+' };
    let out = format!("{m}{}{sign}{:02}", if upper { 'E' } else { 'e' }, e.abs());
    out
}

/// `%g` with an optional precision, as strconv formats it.
fn format_g(f: f64, prec: Option<usize>, upper: bool) -> String {
    if f == 0.0 {
        return "0".into();
    }
    let (digits, dp, shortest) = match prec {
        None => {
            let (d, dp) = shortest_digits(f);
            (d, dp, true)
        }
        Some(p) => {
            let p = p.max(1);
            let e = format!("{:.*e}", p - 1, f.abs());
            let (m, ex) = e.split_once('e').unwrap_or((&e, "0"));
            let mut d: String = m.chars().filter(|c| c.is_ascii_digit()).collect();
            while d.len() > 1 && d.ends_with('0') {
                d.pop();
            }
            (d, ex.parse::<i32>().unwrap_or(0) + 1, false)
        }
    };
    let mut eprec = prec.map_or(digits.len() as i32, |p| p.max(1) as i32);
    if eprec > digits.len() as i32 && digits.len() as i32 >= dp {
        eprec = digits.len() as i32;
    }
    if shortest {
        eprec = 6;
    }
    let exp = dp - 1;
    if exp < -4 || exp >= eprec {
        let mut m = digits[..1].to_string();
        if digits.len() > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{m}{}{sign}{:02}", if upper { 'E' } else { 'e' }, exp.abs());
    }
    // %f form with exactly the significant digits.
    if dp <= 0 {
        format!("0.{}{}", "0".repeat((-dp) as usize), digits)
    } else if dp as usize >= digits.len() {
        format!("{}{}", digits, "0".repeat(dp as usize - digits.len()))
    } else {
        format!("{}.{}", &digits[..dp as usize], &digits[dp as usize..])
    }
}

fn fmt_float(out: &mut String, v: &Value, f: f64, spec: &Spec) {
    let body = if f.is_nan() {
        "NaN".to_string()
    } else if f.is_infinite() {
        "Inf".to_string()
    } else {
        match spec.verb {
            'v' | 'g' => format_g(f, spec.prec, false),
            'G' => format_g(f, spec.prec, true),
            'e' => format_e(f, Some(spec.prec.unwrap_or(6)), false),
            'E' => format_e(f, Some(spec.prec.unwrap_or(6)), true),
            'f' | 'F' => format!("{:.*}", spec.prec.unwrap_or(6), f.abs()),
            _ => return bad_verb(out, v, spec.verb),
        }
    };
    let neg = f.is_sign_negative() && !f.is_nan();
    let body = body.trim_start_matches('-').to_string();
    let s = format!("{}{body}", spec.sign(neg));
    let spec = Spec {
        zero: spec.zero && f.is_finite() && !spec.minus,
        ..spec.clone()
    };
    pad(out, &s, &spec);
}

/// The end of the run of ASCII digits starting at `i`.
fn digits_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// `fmt.Sprintf`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut argn = 0usize;
    let mut reordered = false;
    let bytes = format.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i] != b'%' {
            i += 1;
        }
        out.push_str(&format[start..i]);
        if i >= bytes.len() {
            break;
        }
        i += 1; // skip '%'
        let mut spec = Spec::default();
        // flags
        while i < bytes.len() {
            match bytes[i] {
                b'+' => spec.plus = true,
                b'-' => spec.minus = true,
                b'#' => spec.sharp = true,
                b' ' => spec.space = true,
                b'0' => spec.zero = !spec.minus,
                _ => break,
            }
            i += 1;
        }
        // argument index [n]
        let arg_index = |i: &mut usize, argn: &mut usize, reordered: &mut bool| -> bool {
            if *i < bytes.len() && bytes[*i] == b'[' {
                *reordered = true;
                if let Some(close) = format[*i..].find(']') {
                    let n: Option<usize> = format[*i + 1..*i + close].parse().ok();
                    *i += close + 1;
                    match n {
                        Some(n) if n >= 1 && n <= args.len() => {
                            *argn = n - 1;
                            return true;
                        }
                        _ => return false,
                    }
                }
                return false;
            }
            true
        };
        let mut good_index = arg_index(&mut i, &mut argn, &mut reordered);
        // width
        if i < bytes.len() && bytes[i] == b'*' {
            i += 1;
            match args.get(argn) {
                Some(Value::Int(w)) if w.unsigned_abs() > 1_000_000 => out.push_str("%!(BADWIDTH)"),
                Some(Value::Int(w)) => {
                    if *w < 0 {
                        spec.minus = true;
                        spec.zero = false;
                    }
                    spec.width = Some(w.unsigned_abs() as usize);
                }
                _ => out.push_str("%!(BADWIDTH)"),
            }
            argn += 1;
            good_index = good_index && arg_index(&mut i, &mut argn, &mut reordered);
        } else {
            let s = i;
            i = digits_end(bytes, i);
            if i > s {
                match format[s..i].parse::<usize>() {
                    Ok(w) if w <= 1_000_000 => spec.width = Some(w),
                    // Go gives up on the verb when a literal width is too large.
                    _ => {
                        out.push_str("%!(NOVERB)");
                        break;
                    }
                }
            }
        }
        // precision
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            good_index = good_index && arg_index(&mut i, &mut argn, &mut reordered);
            if i < bytes.len() && bytes[i] == b'*' {
                i += 1;
                match args.get(argn) {
                    Some(Value::Int(p)) if *p > 1_000_000 => out.push_str("%!(BADPREC)"),
                    Some(Value::Int(p)) if *p >= 0 => spec.prec = Some(*p as usize),
                    Some(Value::Int(_)) => spec.prec = None,
                    _ => out.push_str("%!(BADPREC)"),
                }
                argn += 1;
                good_index = good_index && arg_index(&mut i, &mut argn, &mut reordered);
            } else {
                let s = i;
                i = digits_end(bytes, i);
                match format[s..i].parse::<usize>() {
                    Ok(p) if p <= 1_000_000 => spec.prec = Some(p),
                    Err(_) if i == s => spec.prec = Some(0),
                    _ => {
                        out.push_str("%!(NOVERB)");
                        break;
                    }
                }
            }
        }
        good_index = arg_index(&mut i, &mut argn, &mut reordered) && good_index;
        if i >= bytes.len() {
            out.push_str("%!(NOVERB)");
            break;
        }
        let verb = format[i..].chars().next().unwrap_or('?');
        i += verb.len_utf8();
        spec.verb = verb;
        if verb == '%' {
            out.push('%');
            continue;
        }
        if !good_index {
            out.push_str(&format!("%!{verb}(BADINDEX)"));
            continue;
        }
        let Some(arg) = args.get(argn) else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        argn += 1;
        if verb == 'v' && spec.sharp {
            // %#v: Go syntax; approximate with %v.
            spec.sharp = false;
        }
        print_arg(&mut out, arg, &spec);
    }
    if !reordered && argn < args.len() {
        out.push_str("%!(EXTRA ");
        for (k, a) in args[argn..].iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            type_and_value(&mut out, a);
        }
        out.push(')');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_like_go() {
        let g = |f: f64| format_value(&Value::Float(f), 'v', false);
        assert_eq!(g(1.5), "1.5");
        assert_eq!(g(100000.0), "100000");
        assert_eq!(g(1000000.0), "1e+06");
        assert_eq!(g(123456789.0), "1.23456789e+08");
        assert_eq!(g(0.0001), "0.0001");
        assert_eq!(g(0.00001), "1e-05");
        assert_eq!(g(-2.0), "-2");
        assert_eq!(
            sprintf(
                "%.2f|%e|%g|%8.3f|%-6.1f|",
                &[
                    Value::Float(2.5151),
                    Value::Float(1234.5),
                    Value::Float(0.5),
                    Value::Float(2.0),
                    Value::Float(1.25)
                ]
            ),
            "2.52|1.234500e+03|0.5|   2.000|1.2   |"
        );
    }

    #[test]
    fn printf_verbs() {
        let s = |x: &str| Value::str(x);
        assert_eq!(
            sprintf(
                "%s-%d-%v-%q-%t-%x-%%",
                &[
                    s("a"),
                    Value::Int(-3),
                    Value::Bool(true),
                    s("q\""),
                    Value::Bool(false),
                    Value::Int(255)
                ]
            ),
            "a--3-true-\"q\\\"\"-false-ff-%"
        );
        assert_eq!(
            sprintf(
                "%5s|%-5s|%05d|%+d|%x",
                &[s("ab"), s("ab"), Value::Int(42), Value::Int(7), s("hi")]
            ),
            "   ab|ab   |00042|+7|6869"
        );
        assert_eq!(sprintf("%d %s", &[s("x")]), "%!d(string=x) %!s(MISSING)");
        assert_eq!(
            sprintf("%d", &[Value::Int(1), Value::str("x")]),
            "1%!(EXTRA string=x)"
        );
        assert_eq!(sprintf("%!", &[]), "%!!(MISSING)");
        assert_eq!(sprintf("a%", &[]), "a%!(NOVERB)");
        assert_eq!(
            sprintf("%[2]s %[1]s", &[Value::str("a"), Value::str("b")]),
            "b a"
        );
    }

    #[test]
    fn sprint_spacing() {
        assert_eq!(
            sprint(&[Value::Int(1), Value::Int(2), Value::str("a"), Value::Int(3)]),
            "1 2a3"
        );
        assert_eq!(sprintln(&[Value::str("a"), Value::Int(1)]), "a 1\n");
    }
}

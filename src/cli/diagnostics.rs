//! Renders validation findings for people, compiler-style: the code and the
//! message, the location (`file:line:column`, the column counted in
//! characters), the offending line of the file read again at render time,
//! a caret under the offending value with the column (or key) it sits in,
//! and the fix:
//!
//! ```text
//! error[E0203]: time `17:70` does not exist
//!  --> shifts.csv:3:9
//!   |
//! 3 | S,13:00,17:70,0,Après-midi,
//!   |         ^^^^^ column `end`
//!   = fix: hours 00..23, minutes 00..59 (24:00 only as an end)
//! ```
//!
//! A finding names a column by its *name* (CSV) or key (TOML), so the caret
//! is placed by reading the file's header (delimiter detected like the
//! loader does, quotes honoured) and splitting the line into cells; the
//! value of a list cell (`covers`, `max_shifts`) is underlined alone. A BOM,
//! CRLF, tabs (shown as 4 spaces) and multi-byte characters are handled; a
//! file that cannot be read again, or a finding without a line, is shown
//! without the source. Colours only when asked (a terminal).
//!
//! It knows the file conventions but not what the columns mean; it never
//! fails: at worst it prints less.

use crate::validate::Finding;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Width of a tab in the shown source line.
const TAB: usize = 4;
/// Longest source line shown whole; longer lines are cut around the caret.
const MAX_SHOWN: usize = 100;
/// Files larger than this are not read again for display.
const MAX_FILE_BYTES: u64 = 64 << 20;

/// ANSI styles, or none.
#[derive(Debug, Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn level(&self, warning: bool, text: &str) -> String {
        self.paint(if warning { "1;33" } else { "1;31" }, text)
    }
    fn gutter(&self, text: &str) -> String {
        self.paint("1;34", text)
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// Where to underline, in characters of the source line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    /// 0-based character index of the first underlined character.
    start: usize,
    /// Number of characters underlined (≥ 1).
    len: usize,
    /// What is underlined, when the finding names neither column nor value.
    note: Option<&'static str>,
}

/// Renders `findings` read from files of `base` (a finding's `file` is
/// joined to it; `None`: the file name is a path). Each file is read once.
pub fn render_all(findings: &[Finding], base: Option<&Path>, color: bool) -> String {
    let mut cache: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
    let mut out = String::new();
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let path = match base {
            Some(b) => b.join(&f.file),
            None => PathBuf::from(&f.file),
        };
        let source = if f.line.is_some() {
            cache
                .entry(path.clone())
                .or_insert_with(|| read_source(&path))
                .as_deref()
        } else {
            None
        };
        out.push_str(&render(f, source, color));
    }
    out
}

/// The text of `path` for display: `None` unless a readable regular file of
/// reasonable size; invalid UTF-8 is replaced (the finding says so).
fn read_source(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Line `n` (1-based) of `text`, without BOM and line terminator.
fn nth_line(text: &str, n: usize) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let line = text.split('\n').nth(n.checked_sub(1)?)?;
    Some(line.strip_suffix('\r').unwrap_or(line))
}

/// Renders one finding; `source` is the whole text of its file, if known.
pub fn render(f: &Finding, source: Option<&str>, color: bool) -> String {
    let style = Style { color };
    let warning = f.is_warning();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}",
        style.level(
            warning,
            &format!("{}[{}]", if warning { "warning" } else { "error" }, f.code)
        ),
        style.bold(&format!(": {}", f.message))
    );
    let line_text = f.line.and_then(|n| source.and_then(|s| nth_line(s, n)));
    let span = match (line_text, f.line) {
        (Some(text), Some(n)) => locate(f, text, source.unwrap_or(""), n),
        _ => None,
    };
    let width = f.line.map_or(1, |n| n.to_string().len());
    let pad = " ".repeat(width);
    let mut location = f.file.clone();
    if let Some(n) = f.line {
        let _ = write!(location, ":{n}");
        if let Some(s) = span {
            let _ = write!(location, ":{}", s.start + 1);
        }
    }
    let label = label(f).or(span.and_then(|s| s.note.map(str::to_string)));
    // Without a source line, the column and value are named on the location line.
    let shown_apart = match (&label, line_text) {
        (Some(l), None) => format!(" ({l})"),
        _ => String::new(),
    };
    let _ = writeln!(out, "{pad}{} {location}{shown_apart}", style.gutter("-->"));
    if let (Some(text), Some(n)) = (line_text, f.line) {
        let bar = style.gutter("|");
        let _ = writeln!(out, "{pad} {bar}");
        let (shown, caret) = display(text, span);
        let _ = writeln!(out, "{} {bar} {shown}", style.gutter(&n.to_string()));
        match caret {
            Some((col, len)) => {
                let carets = style.level(warning, &"^".repeat(len.max(1)));
                let label = label.map(|l| format!(" {l}")).unwrap_or_default();
                let _ = writeln!(out, "{pad} {bar} {}{carets}{label}", " ".repeat(col));
            }
            None => {
                if let Some(l) = label {
                    let _ = writeln!(out, "{pad} {bar} ({l})");
                }
            }
        }
    }
    if !f.fix.is_empty() {
        let _ = writeln!(out, "{pad} {} fix: {}", style.gutter("="), f.fix);
    }
    out
}

/// What the caret points at: the column (CSV) or key (TOML) and the raw
/// value when the message does not already show it.
fn label(f: &Finding) -> Option<String> {
    let value = f.value.as_deref().filter(|v| !v.is_empty());
    let is_toml = f.file.ends_with(".toml");
    let column = f.column.as_deref().filter(|c| !c.is_empty());
    let what = match column {
        Some(c) if is_toml && c.chars().all(|ch| ch.is_ascii_digit()) => None,
        Some(c) if is_toml => Some(format!("key `{c}`")),
        Some(c) if c.starts_with("column ") => Some(c.to_string()),
        Some(c) => Some(format!("column `{c}`")),
        None => None,
    };
    let value = value.filter(|v| !f.message.contains(&format!("`{v}`")) && !f.message.contains(v));
    match (what, value) {
        (Some(w), Some(v)) => Some(format!("{w} = `{v}`")),
        (Some(w), None) => Some(w),
        (None, Some(v)) => Some(format!("`{v}`")),
        (None, None) => None,
    }
}

/// The shown line (tabs expanded, cut when long) and the caret's display
/// column and width.
fn display(text: &str, span: Option<Span>) -> (String, Option<(usize, usize)>) {
    let chars: Vec<char> = text.chars().collect();
    let (mut from, mut to) = (0, chars.len());
    if chars.len() > MAX_SHOWN {
        let centre = span.map_or(0, |s| s.start);
        from = centre.saturating_sub(MAX_SHOWN / 3);
        to = (from + MAX_SHOWN).min(chars.len());
        from = to.saturating_sub(MAX_SHOWN);
    }
    let mut shown = String::new();
    let mut col = 0usize; // display column of the next character
    let mut caret: Option<(usize, usize)> = None;
    if from > 0 {
        shown.push('…');
        col += 1;
    }
    for (i, &c) in chars.iter().enumerate().take(to).skip(from) {
        if let Some(s) = span {
            if i == s.start {
                caret = Some((col, 0));
            }
        }
        let w = match c {
            '\t' => {
                shown.push_str(&" ".repeat(TAB));
                TAB
            }
            c if c.is_control() => {
                shown.push('\u{fffd}');
                1
            }
            c if is_combining(c) => {
                shown.push(c);
                0
            }
            c => {
                shown.push(c);
                1
            }
        };
        if let (Some(s), Some((_, len))) = (span, caret.as_mut()) {
            if i >= s.start && i < s.start + s.len {
                *len += w;
            }
        }
        col += w;
    }
    if to < chars.len() {
        shown.push('…');
    }
    if let Some(s) = span {
        if s.start >= to && caret.is_none() && to == chars.len() {
            // Just past the end of the line (a missing column).
            caret = Some((col, 1));
        }
    }
    (shown, caret.map(|(c, l)| (c, l.max(1))))
}

/// Combining marks (shown on the previous character, no width of their own).
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The span of the finding in its line `text` (line `n` of `source`).
fn locate(f: &Finding, text: &str, source: &str, n: usize) -> Option<Span> {
    let value = f.value.as_deref().filter(|v| !v.is_empty());
    let lower = f.file.to_lowercase();
    if lower.ends_with(".csv") {
        if let Some(span) = locate_csv(f, text, source, n) {
            return Some(span);
        }
    } else if lower.ends_with(".toml") {
        if let Some(span) = locate_toml(f, text) {
            return Some(span);
        }
    }
    if let Some(v) = value {
        return find_chars(text, v, false);
    }
    // Bytes that are not UTF-8 were replaced when the file was read again.
    let at = text.find('\u{fffd}')?;
    Some(Span {
        note: Some("not UTF-8"),
        ..char_span(text, at, at + '\u{fffd}'.len_utf8())
    })
}

/// Byte range → character span.
fn char_span(text: &str, start: usize, end: usize) -> Span {
    let start_chars = text[..start].chars().count();
    let len = text[start..end].chars().count();
    Span {
        start: start_chars,
        len: len.max(1),
        note: None,
    }
}

/// The first (or last) occurrence of `needle` in `text`, as a character span.
fn find_chars(text: &str, needle: &str, last: bool) -> Option<Span> {
    let at = if last {
        text.rfind(needle)?
    } else {
        text.find(needle)?
    };
    Some(char_span(text, at, at + needle.len()))
}

/// Byte ranges of the cells of a CSV line (content inside quotes, trimmed).
fn cells(line: &str, delimiter: char) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut quoted = false;
    let mut cell_start = 0usize;
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if quoted {
            if c == '"' {
                if iter.peek().is_some_and(|&(_, n)| n == '"') {
                    iter.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        // Like the loader's CSV reader: a quote opens a quoted cell only as
        // its very first character.
        if c == '"' && i == cell_start {
            quoted = true;
        } else if c == delimiter {
            out.push(trim_cell(line, start, i));
            start = i + c.len_utf8();
            cell_start = start;
        }
    }
    out.push(trim_cell(line, start, line.len()));
    out
}

/// `[start, end)` without surrounding blanks and quotes; an empty cell keeps
/// its position (zero width).
fn trim_cell(line: &str, start: usize, end: usize) -> (usize, usize) {
    let cell = &line[start..end];
    let lead = cell.len() - cell.trim_start().len();
    let trail = cell.len() - cell.trim_end().len();
    let (mut s, mut e) = (start + lead, (end - trail).max(start + lead));
    let inner = &line[s..e];
    if inner.len() >= 2 && inner.starts_with('"') && inner.ends_with('"') {
        s += 1;
        e -= 1;
    }
    (s, e)
}

fn locate_csv(f: &Finding, text: &str, source: &str, n: usize) -> Option<Span> {
    let value = f.value.as_deref().filter(|v| !v.is_empty());
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let (header_no, header) = source
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty())?;
    let delimiter = crate::io::parse::detect_delimiter(header) as char;
    let names: Vec<String> = cells(header, delimiter)
        .into_iter()
        .map(|(s, e)| header[s..e].to_lowercase())
        .collect();
    let column = f.column.as_deref().unwrap_or("").to_lowercase();
    let index = match column.strip_prefix("column ").map(str::parse::<usize>) {
        Some(Ok(k)) if k >= 1 => Some(k - 1),
        _ if column.is_empty() => None,
        // On the header line (a duplicated column), the later one is the culprit.
        _ if header_no + 1 == n => names.iter().rposition(|c| *c == column),
        _ => names.iter().position(|c| *c == column),
    };
    let row = cells(text, delimiter);
    match index.and_then(|i| row.get(i)) {
        Some(&(s, e)) => {
            let cell = &text[s..e];
            // A value inside a list cell (`covers`, `max_shifts`): underline it alone.
            if let Some(v) = value.filter(|v| cell != *v) {
                if let Some(at) = cell.find(v) {
                    return Some(char_span(text, s + at, s + at + v.len()));
                }
            }
            Some(char_span(text, s, e))
        }
        None => {
            if let Some(v) = value {
                // Extra cells of a malformed row sit at its end.
                return find_chars(text, v, true);
            }
            if column.is_empty() && row.len() > names.len() && !names.is_empty() {
                // A row with more cells than the header: from the delimiter
                // that opens the first extra cell to the end of the line.
                let (s, _) = row[names.len()];
                let from = text[..s].rfind(delimiter).unwrap_or(s);
                return Some(Span {
                    note: Some("from here on, cells the header has no column for"),
                    ..char_span(text, from, text.len())
                });
            }
            // A column missing from the header: point past its end.
            (header_no + 1 == n && !column.is_empty()).then(|| Span {
                start: text.chars().count(),
                len: 1,
                note: None,
            })
        }
    }
}

fn locate_toml(f: &Finding, text: &str) -> Option<Span> {
    let column = f.column.as_deref().unwrap_or("");
    if let Ok(col) = column.parse::<usize>() {
        let len = text.chars().count();
        let start = col.saturating_sub(1).min(len);
        return Some(Span {
            start,
            len: 1,
            note: None,
        });
    }
    let key = column.rsplit('.').next().unwrap_or(column);
    let value = f.value.as_deref().filter(|v| !v.is_empty());
    let trimmed = text.trim_start();
    let indent = text.len() - trimmed.len();
    let quoted_key = format!("\"{key}\"");
    let key_len = [key, quoted_key.as_str()]
        .into_iter()
        .find(|k| !k.is_empty() && trimmed.starts_with(k))
        .map(str::len);
    let key_span = key_len.map(|l| char_span(text, indent, indent + l));
    if value.is_some_and(|v| v == key) || value.is_none() {
        return key_span;
    }
    // The value token after `=`, up to a comment outside quotes.
    let eq = text.find('=')?;
    let rest = &text[eq + 1..];
    let mut end = rest.len();
    let mut quoted = false;
    for (i, c) in rest.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let token = rest[..end].trim();
    if token.is_empty() {
        return key_span;
    }
    let start = eq + 1 + (rest[..end].len() - rest[..end].trim_start().len());
    Some(char_span(text, start, start + token.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(file: &str, line: usize, column: &str, value: &str) -> Finding {
        Finding::cell(file, line, column, value, "E0203", "bad", "fix it")
    }

    fn caret_line(out: &str) -> &str {
        out.lines().nth(4).unwrap_or("")
    }

    #[test]
    fn caret_under_the_cell_of_its_column() {
        let src = "id,start,end\nM,08:00,17:70\n";
        let out = render(&cell("s.csv", 2, "end", "17:70"), Some(src), false);
        assert_eq!(
            out,
            "error[E0203]: bad\n --> s.csv:2:9\n  |\n2 | M,08:00,17:70\n  |         ^^^^^ column `end` = `17:70`\n  = fix: fix it\n"
        );
    }

    #[test]
    fn bom_crlf_semicolons_quotes_tabs_and_accents() {
        let src = "\u{feff}ID;Nom;Fin\r\nA1;\"Hél\tène; B\";17h70\r\n";
        let out = render(&cell("a.csv", 2, "fin", "17h70"), Some(src), false);
        assert!(out.contains(" --> a.csv:2:17\n"), "{out}");
        assert_eq!(out.lines().nth(3), Some("2 | A1;\"Hél    ène; B\";17h70"));
        assert_eq!(
            caret_line(&out),
            "  |                    ^^^^^ column `fin` = `17h70`"
        );
        let out = render(&cell("a.csv", 2, "nom", "Hél\tène; B"), Some(src), false);
        assert!(out.contains(" --> a.csv:2:5\n"), "{out}");
        assert_eq!(
            caret_line(&out),
            "  |     ^^^^^^^^^^^^^ column `nom` = `Hél\tène; B`"
        );
    }

    #[test]
    fn combining_marks_take_no_width() {
        let src = "a,b\ne\u{301}e\u{301},x\n";
        let out = render(&cell("c.csv", 2, "b", "x"), Some(src), false);
        assert_eq!(caret_line(&out), "  |    ^ column `b` = `x`");
    }

    #[test]
    fn a_value_inside_a_list_cell_is_underlined_alone() {
        let src = "id,max_shifts\nFT,J=10|N4\n";
        let out = render(&cell("c.csv", 2, "max_shifts", "N4"), Some(src), false);
        assert_eq!(
            caret_line(&out),
            "  |         ^^ column `max_shifts` = `N4`"
        );
    }

    #[test]
    fn header_problems_point_at_the_header() {
        let src = "id,label,label\nx,y,z\n";
        let f = Finding::cell("c.csv", 1, "label", "label", "E0008", "twice", "");
        let out = render(&f, Some(src), false);
        assert_eq!(
            caret_line(&out),
            "  |          ^^^^^ column `label` = `label`"
        );
        let f = Finding::new("c.csv", "E0007", "min missing", "add it")
            .at_line(1)
            .in_column("min");
        let out = render(&f, Some(src), false);
        assert_eq!(caret_line(&out), "  |               ^ column `min`");
    }

    #[test]
    fn extra_cells_and_empty_cells() {
        let src = "a,b\n1,2,3\n,\n";
        let f = Finding::new("c.csv", "E0010", "extra", "")
            .at_line(2)
            .with_value("3");
        assert_eq!(caret_line(&render(&f, Some(src), false)), "  |     ^ `3`");
        let f = Finding::new("c.csv", "E0010", "extra", "").at_line(2);
        assert_eq!(
            caret_line(&render(&f, Some(src), false)),
            "  |    ^^ from here on, cells the header has no column for"
        );
        let f = Finding::new("c.csv", "E0003", "not UTF-8", "").at_line(2);
        let latin1 = "a,b\nx,\u{fffd}t\u{fffd}\n";
        assert_eq!(
            caret_line(&render(&f, Some(latin1), false)),
            "  |   ^ not UTF-8"
        );
        let f = Finding::cell("c.csv", 3, "b", "", "E0201", "`b` is empty", "");
        assert_eq!(
            caret_line(&render(&f, Some(src), false)),
            "  |  ^ column `b`"
        );
    }

    #[test]
    fn toml_keys_values_and_syntax_columns() {
        let src = "name = \"x\"\n[rules]\n  weekly_hours = \"35\" # hours\nmax_weekend = 2\n";
        let f = cell("instance.toml", 3, "rules.weekly_hours", "35");
        let out = render(&f, Some(src), false);
        assert!(out.contains("instance.toml:3:18"), "{out}");
        assert_eq!(
            caret_line(&out),
            "  |                  ^^^^ key `rules.weekly_hours` = `35`"
        );
        let f = Finding::cell(
            "instance.toml",
            4,
            "rules.max_weekend",
            "max_weekend",
            "E0104",
            "unknown key `rules.max_weekend`",
            "",
        );
        assert_eq!(
            caret_line(&render(&f, Some(src), false)),
            "  | ^^^^^^^^^^^ key `rules.max_weekend`"
        );
        let f = Finding::new("instance.toml", "E0101", "syntax", "")
            .at_line(1)
            .in_column("8");
        assert_eq!(caret_line(&render(&f, Some(src), false)), "  |        ^");
    }

    #[test]
    fn findings_without_line_or_source() {
        let f = Finding::new("agents.csv", "E0001", "missing", "create it");
        assert_eq!(
            render(&f, None, false),
            "error[E0001]: missing\n --> agents.csv\n  = fix: create it\n"
        );
        let f =
            Finding::new("instance.toml", "E0102", "no days", "add days = 28").in_column("days");
        assert_eq!(
            render(&f, Some("x = 1\n"), false),
            "error[E0102]: no days\n --> instance.toml (key `days`)\n  = fix: add days = 28\n"
        );
        // A line past the end of the file: no source shown.
        let f = cell("s.csv", 9, "end", "x");
        assert!(render(&f, Some("a\n"), false).contains(" --> s.csv:9 (column `end` = `x`)\n"));
        let w = Finding::new("n.csv", "W0701", "outside", "");
        assert!(render(&w, None, false).starts_with("warning[W0701]: outside\n"));
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let long = format!("a,b\n{},XYZ\n", "x".repeat(300));
        let out = render(&cell("l.csv", 2, "b", "XYZ"), Some(&long), false);
        let shown = out.lines().nth(3).unwrap_or("");
        assert!(
            shown.starts_with("2 | …") && shown.chars().count() < 120,
            "{shown}"
        );
        let caret = caret_line(&out);
        let col = caret.find('^').unwrap_or(0);
        let under: String = shown.chars().skip(col).take(3).collect();
        assert_eq!(under, "XYZ", "{out}");
    }

    #[test]
    fn colours_only_when_asked() {
        let f = cell("s.csv", 2, "end", "17:70");
        assert!(!render(&f, Some("id,end\nM,17:70\n"), false).contains('\x1b'));
        assert!(render(&f, Some("id,end\nM,17:70\n"), true).contains("\x1b[1;31m"));
    }
}

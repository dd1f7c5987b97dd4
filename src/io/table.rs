//! A located CSV reader used for every input file: strips a UTF-8 BOM,
//! reports invalid UTF-8 with its line, detects `,` or `;` from the header,
//! accepts LF or CRLF and quoted cells, trims cells, ignores `#` columns and
//! blank rows, and checks the header against a [`Schema`] (unknown, missing,
//! duplicated, unnamed columns). Every row keeps its 1-based line so that a
//! finding can name file, line, column and raw value. It knows the CSV
//! conventions of SPEC §2 but nothing of what the columns mean.
//!
//! Size limits (README "Limits"), checked before the memory is spent: a
//! file above [`MAX_FILE_BYTES`] is refused before it is read (`E0011`), a
//! file with more data rows than [`max_rows`] allows is refused as soon as
//! the row past the limit is met (`E0011`), and a cell longer than
//! [`MAX_CELL_CHARS`] is reported (`E0012`) and its row left out.

use crate::io::parse::{self, Bad};
use crate::validate::codes;
use crate::validate::{Finding, Sink};
use std::collections::BTreeMap;
use std::path::Path;

/// Largest input file rota reads, in bytes (64 MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Longest cell, in characters.
pub const MAX_CELL_CHARS: usize = 1_000;
/// Most agents (data rows of agents.csv).
pub const MAX_AGENTS: usize = 10_000;
/// Most data rows of any other file.
pub const MAX_ROWS: usize = 200_000;

/// The most data rows `file` may have.
pub fn max_rows(file: &str) -> usize {
    if file == "agents.csv" {
        MAX_AGENTS
    } else {
        MAX_ROWS
    }
}

/// The finding for a file of `bytes` bytes when it exceeds [`MAX_FILE_BYTES`].
pub fn file_too_large(file: &str, bytes: u64) -> Option<Finding> {
    (bytes > MAX_FILE_BYTES).then(|| {
        Finding::new(
            file,
            codes::FILE_TOO_LARGE,
            format!(
                "file is {:.1} MiB; rota reads files up to {} MiB",
                bytes as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "split the instance (one pôle, a shorter horizon) or remove rows that do not belong to it",
        )
    })
}

/// Reads `path` unless it is larger than [`MAX_FILE_BYTES`] (checked on its
/// metadata before reading, and again on what was read): `Ok(None)` with
/// the finding pushed to `sink` when it is.
pub fn read_bounded(path: &Path, file: &str, sink: &mut Sink) -> std::io::Result<Option<Vec<u8>>> {
    let meta = std::fs::metadata(path)?;
    if let Some(f) = file_too_large(file, meta.len()) {
        sink.push(f);
        return Ok(None);
    }
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if let Some(f) = file_too_large(file, bytes.len() as u64) {
        sink.push(f);
        return Ok(None);
    }
    Ok(Some(bytes))
}

/// Shows at most 40 characters of a long value.
fn shorten(value: &str) -> String {
    let mut it = value.chars();
    let head: String = it.by_ref().take(40).collect();
    if it.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The columns a file may have.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// Columns that must be in the header.
    pub required: &'static [&'static str],
    /// Columns that may be in the header.
    pub optional: &'static [&'static str],
}

impl Schema {
    fn all(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.required.iter().chain(self.optional.iter()).copied()
    }
}

/// Whether a file must exist and have rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// The file may be absent.
    Optional,
    /// The file must exist; a header alone is fine.
    Required,
    /// The file must exist and have at least one data row.
    RequiredWithRows,
}

/// One data row.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line where the row starts.
    pub line: usize,
    cells: Vec<String>,
}

/// A read CSV file.
#[derive(Debug, Clone)]
pub struct Table {
    /// File name used in findings.
    pub file: String,
    /// Whether decimals may be written with a comma (`;` files).
    pub decimal_comma: bool,
    columns: BTreeMap<&'static str, usize>,
    /// Data rows, in file order (blank rows dropped).
    pub rows: Vec<Row>,
    /// Malformed rows (more cells than the header), already reported and
    /// left out of `rows` since their cells are shifted; id-defining files
    /// use them to silence references to the ids they hold.
    pub skipped: Vec<Row>,
}

/// One cell of a row, located for findings.
#[derive(Debug, Clone, Copy)]
pub struct Cell<'a> {
    /// File name.
    pub file: &'a str,
    /// 1-based line.
    pub line: usize,
    /// Column name.
    pub column: &'static str,
    /// Raw trimmed value; `None` when the cell is empty or the column absent.
    pub raw: Option<&'a str>,
    /// Whether the column is in the header.
    pub present: bool,
    /// Whether decimals may use a comma.
    pub decimal_comma: bool,
}

impl<'a> Cell<'a> {
    /// A finding about this cell.
    pub fn finding(
        &self,
        code: &'static str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Finding {
        Finding::cell(
            self.file,
            self.line,
            self.column,
            self.raw.unwrap_or(""),
            code,
            message,
            fix,
        )
    }

    /// A finding from a parse failure of this cell.
    pub fn bad(&self, bad: Bad) -> Finding {
        self.finding(bad.code, bad.message, bad.fix)
    }

    /// The value of a required cell; reports `E0201` when empty (not when
    /// the column itself is missing: that was reported once already).
    pub fn required(&self, sink: &mut Sink) -> Option<&'a str> {
        if self.raw.is_none() && self.present {
            sink.push(self.finding(
                codes::EMPTY_CELL,
                format!("`{}` is empty", self.column),
                format!("write a value in column `{}`", self.column),
            ));
        }
        self.raw
    }

    /// Parses an optional cell: `None` when empty, or when invalid (reported).
    pub fn parse<T>(&self, sink: &mut Sink, f: impl FnOnce(&str) -> Result<T, Bad>) -> Option<T> {
        let raw = self.raw?;
        match f(raw) {
            Ok(v) => Some(v),
            Err(bad) => {
                sink.push(self.bad(bad));
                None
            }
        }
    }

    /// Parses a required cell: `None` when empty (reported) or invalid (reported).
    pub fn parse_required<T>(
        &self,
        sink: &mut Sink,
        f: impl FnOnce(&str) -> Result<T, Bad>,
    ) -> Option<T> {
        self.required(sink)?;
        self.parse(sink, f)
    }

    /// Optional decimal.
    pub fn decimal(&self, sink: &mut Sink) -> Option<f64> {
        let comma = self.decimal_comma;
        self.parse(sink, |s| parse::parse_decimal(s, comma))
    }

    /// Optional non-negative decimal.
    pub fn non_negative(&self, sink: &mut Sink) -> Option<f64> {
        let comma = self.decimal_comma;
        self.parse(sink, |s| parse::parse_non_negative(s, comma))
    }

    /// Optional whole number ≥ 0.
    pub fn count(&self, sink: &mut Sink) -> Option<u32> {
        self.parse(sink, parse::parse_count)
    }
}

impl Table {
    /// Whether the header has `column`.
    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// The cell of `row` in `column` (a schema column name).
    pub fn cell<'a>(&'a self, row: &'a Row, column: &'static str) -> Cell<'a> {
        let idx = self.columns.get(column).copied();
        let raw = idx
            .and_then(|i| row.cells.get(i))
            .map(String::as_str)
            .filter(|s| !s.is_empty());
        Cell {
            file: &self.file,
            line: row.line,
            column,
            raw,
            present: idx.is_some(),
            decimal_comma: self.decimal_comma,
        }
    }
}

/// Reads `dir/file` as a table; findings go to `sink`. `None` when the file
/// is absent or cannot be read as a table at all.
pub fn read_table(
    dir: &Path,
    file: &str,
    schema: &Schema,
    presence: Presence,
    sink: &mut Sink,
) -> Option<Table> {
    let path = dir.join(file);
    match read_bounded(&path, file, sink) {
        Ok(None) => None,
        Ok(Some(bytes)) => parse_table(
            file,
            &bytes,
            schema,
            presence == Presence::RequiredWithRows,
            sink,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if presence != Presence::Optional {
                sink.push(Finding::new(
                    file,
                    codes::MISSING_FILE,
                    format!("required file `{file}` is missing"),
                    format!("create `{file}` with a header row (see SPEC §2)"),
                ));
            }
            None
        }
        Err(e) => {
            sink.push(Finding::new(
                file,
                codes::UNREADABLE_FILE,
                format!("cannot read `{file}`: {e}"),
                "check that it is a readable file",
            ));
            None
        }
    }
}

/// Decodes file bytes: strips a BOM; invalid UTF-8 is reported (first bad
/// line and how many lines) and replaced, so that the rest is still checked.
pub fn decode(file: &str, bytes: &[u8], sink: &mut Sink) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let bad_lines: Vec<usize> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| std::str::from_utf8(line).is_err())
        .map(|(i, _)| i + 1)
        .collect();
    let first = bad_lines.first().copied().unwrap_or(1);
    let more = if bad_lines.len() > 1 {
        format!(
            " (and {} more line{})",
            bad_lines.len() - 1,
            if bad_lines.len() > 2 { "s" } else { "" }
        )
    } else {
        String::new()
    };
    sink.push(
        Finding::new(
            file,
            codes::NOT_UTF8,
            format!("file is not UTF-8: invalid bytes on line {first}{more}"),
            "save the file as « CSV UTF-8 » (Excel) or UTF-8 (LibreOffice)",
        )
        .at_line(first),
    );
    String::from_utf8_lossy(bytes).into_owned()
}

/// 1-based line of the record the csv reader places at `byte`: its offset
/// points before the line terminators and blank lines that precede the
/// record (and its own line counter skips blank lines), so skip those first.
/// Records come in file order, so the newlines are counted from the last
/// position asked for (linear in the file, not quadratic).
struct LineCounter {
    at: usize,
    newlines: usize,
}

impl LineCounter {
    fn line_of(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        let mut at = byte.min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        if at < self.at {
            // Never happens with the csv reader; stay correct anyway.
            self.at = 0;
            self.newlines = 0;
        }
        self.newlines += bytes[self.at..at].iter().filter(|&&b| b == b'\n').count();
        self.at = at;
        self.newlines + 1
    }
}

/// Parses CSV content (see the module docs). `rows_required`: a header
/// without data rows is a finding.
pub fn parse_table(
    file: &str,
    bytes: &[u8],
    schema: &Schema,
    rows_required: bool,
    sink: &mut Sink,
) -> Option<Table> {
    if let Some(f) = file_too_large(file, bytes.len() as u64) {
        sink.push(f);
        return None;
    }
    let text = decode(file, bytes, sink);
    if text.trim().is_empty() {
        sink.push(Finding::new(
            file,
            codes::EMPTY_FILE,
            "file is empty",
            format!("write the header row: {}", schema.required.join(",")),
        ));
        return None;
    }
    let header_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = parse::detect_delimiter(header_line);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());

    let mut lines = LineCounter { at: 0, newlines: 0 };
    let mut records: Vec<(usize, Vec<String>)> = Vec::new();
    let mut too_long: Vec<(usize, Vec<String>)> = Vec::new();
    let limit = max_rows(file);
    for result in reader.records() {
        match result {
            Ok(rec) => {
                let line = rec
                    .position()
                    .map(|p| lines.line_of(&text, p.byte() as usize))
                    .unwrap_or(0);
                let mut cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
                if cells.iter().all(String::is_empty) {
                    continue;
                }
                if records.len() + too_long.len() > limit {
                    sink.push(
                        Finding::new(
                            file,
                            codes::FILE_TOO_LARGE,
                            format!("file has more than {limit} data rows"),
                            "split the instance (one pôle, a shorter horizon) or remove rows that do not belong to it",
                        )
                        .at_line(line),
                    );
                    return None;
                }
                let mut long = false;
                for (i, cell) in cells.iter_mut().enumerate() {
                    if cell.chars().count() > MAX_CELL_CHARS {
                        let column = records
                            .first()
                            .and_then(|(_, h)| h.get(i))
                            .filter(|h| !h.is_empty() && h.chars().count() <= MAX_CELL_CHARS)
                            .cloned()
                            .unwrap_or_else(|| format!("column {}", i + 1));
                        sink.push(Finding::cell(
                            file,
                            line,
                            column,
                            shorten(cell),
                            codes::CELL_TOO_LONG,
                            format!(
                                "cell of {} characters; rota reads cells up to {MAX_CELL_CHARS}",
                                cell.chars().count()
                            ),
                            "shorten the cell (or move long notes to a `#` column kept short)",
                        ));
                        cell.clear();
                        long = true;
                    }
                }
                if long {
                    if records.is_empty() {
                        return None; // a header with an unreadable column name
                    }
                    too_long.push((line, cells));
                    continue;
                }
                records.push((line, cells));
            }
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| lines.line_of(&text, p.byte() as usize))
                    .unwrap_or(0);
                let mut f = Finding::new(
                    file,
                    codes::MALFORMED_ROW,
                    format!("row cannot be read as CSV: {e}"),
                    "check the quotes of this row",
                );
                if line > 0 {
                    f = f.at_line(line);
                }
                sink.push(f);
            }
        }
    }
    let mut records = records.into_iter();
    let Some((header_line_no, header)) = records.next() else {
        sink.push(Finding::new(
            file,
            codes::EMPTY_FILE,
            "file has no header row",
            format!("write the header row: {}", schema.required.join(",")),
        ));
        return None;
    };
    let data: Vec<(usize, Vec<String>)> = records.collect();

    let mut columns: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, name) in header.iter().enumerate() {
        if name.starts_with('#') {
            continue;
        }
        let lower = name.to_lowercase();
        if name.is_empty() {
            if let Some((line, cells)) = data
                .iter()
                .find(|(_, c)| c.get(i).is_some_and(|v| !v.is_empty()))
            {
                sink.push(Finding::cell(
                    file,
                    *line,
                    format!("column {}", i + 1),
                    cells[i].clone(),
                    codes::UNNAMED_COLUMN,
                    format!("column {} has values but no name in the header", i + 1),
                    "name the column, prefix it with # to keep it as a comment, or delete it",
                ));
            }
            continue;
        }
        match schema.all().find(|c| *c == lower) {
            Some(known) => {
                if columns.insert(known, i).is_some() {
                    sink.push(Finding::cell(
                        file,
                        header_line_no,
                        known,
                        name.clone(),
                        codes::DUPLICATE_COLUMN,
                        format!("column `{known}` appears twice in the header"),
                        "delete one of them",
                    ));
                }
            }
            None => {
                let hint = match parse::closest(&lower, schema.all()) {
                    Some(c) => format!(
                        "did you mean `{c}`? (or prefix the column with # to keep it as a comment)"
                    ),
                    None => format!(
                        "columns are {}; prefix a column with # to keep it as a comment",
                        schema.all().collect::<Vec<_>>().join(", ")
                    ),
                };
                sink.push(Finding::cell(
                    file,
                    header_line_no,
                    name.clone(),
                    name.clone(),
                    codes::UNKNOWN_COLUMN,
                    format!("unknown column `{name}`"),
                    hint,
                ));
            }
        }
    }
    for required in schema.required {
        if !columns.contains_key(required) {
            sink.push(
                Finding::new(
                    file,
                    codes::MISSING_COLUMN,
                    format!("required column `{required}` is missing from the header"),
                    format!("add a column `{required}`"),
                )
                .at_line(header_line_no)
                .in_column(*required),
            );
        }
    }

    let mut rows = Vec::with_capacity(data.len());
    let mut skipped: Vec<Row> = too_long
        .into_iter()
        .map(|(line, cells)| Row { line, cells })
        .collect();
    for (line, cells) in data {
        if cells.len() > header.len() {
            let extra = cells[header.len()..].join(&(delimiter as char).to_string());
            sink.push(
                Finding::new(
                    file,
                    codes::MALFORMED_ROW,
                    format!(
                        "row has {} cells but the header has {}",
                        cells.len(),
                        header.len()
                    ),
                    if delimiter == b',' {
                        "quote cells that contain a comma, or write decimals with a point"
                    } else {
                        "remove the extra cells or add a header for them"
                    },
                )
                .at_line(line)
                .with_value(extra),
            );
            skipped.push(Row { line, cells });
            continue;
        }
        rows.push(Row { line, cells });
    }
    if rows.is_empty() && skipped.is_empty() && rows_required {
        sink.push(Finding::new(
            file,
            codes::NO_ROWS,
            "file has a header but no rows",
            format!("add at least one row to `{file}`"),
        ));
    }
    Some(Table {
        file: file.to_string(),
        decimal_comma: delimiter == b';',
        columns,
        rows,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: Schema = Schema {
        required: &["id", "start"],
        optional: &["label"],
    };

    fn table(text: &[u8]) -> (Option<Table>, Sink) {
        let mut sink = Sink::default();
        let t = parse_table("t.csv", text, &SCHEMA, true, &mut sink);
        (t, sink)
    }

    #[test]
    fn semicolon_bom_crlf_and_comment_columns() {
        let (t, sink) = table(b"\xEF\xBB\xBFID;#note;start\r\nM;x;08:00\r\n\r\n;;\r\nS;;13:00\r\n");
        assert!(sink.errors.is_empty(), "{:?}", sink.errors);
        let t = t.unwrap();
        assert!(t.decimal_comma);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].line, 5);
        assert_eq!(t.cell(&t.rows[1], "start").raw, Some("13:00"));
        assert_eq!(t.cell(&t.rows[0], "label").raw, None);
        assert!(!t.cell(&t.rows[0], "label").present);
    }

    #[test]
    fn header_problems_are_all_reported() {
        let (_, sink) = table(b"id,id,lable,,\nM,M,x,,v\n");
        let codes: Vec<_> = sink.errors.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            vec![
                codes::DUPLICATE_COLUMN,
                codes::UNKNOWN_COLUMN,
                codes::UNNAMED_COLUMN,
                codes::MISSING_COLUMN
            ]
        );
        assert!(sink.errors[1].fix.contains("label"));
    }

    #[test]
    fn empty_header_only_and_latin1() {
        assert_eq!(table(b"").1.errors[0].code, codes::EMPTY_FILE);
        assert_eq!(table(b"  \n").1.errors[0].code, codes::EMPTY_FILE);
        assert_eq!(table(b"id,start\n").1.errors[0].code, codes::NO_ROWS);
        let (t, sink) = table(b"id,start,label\nM,08:00,ok\nS,13:00,Apr\xe8s-midi\n");
        assert_eq!(sink.errors[0].code, codes::NOT_UTF8);
        assert_eq!(sink.errors[0].line, Some(3));
        assert_eq!(t.unwrap().rows.len(), 2);
    }

    #[test]
    fn a_cell_past_the_limit_is_reported_with_its_column_and_its_row_left_out() {
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        let text = format!("id,start,label\nM,08:00,{long}\nS,13:00,ok\n");
        let (t, sink) = table(text.as_bytes());
        assert_eq!(sink.errors.len(), 1);
        let f = &sink.errors[0];
        assert_eq!(f.code, codes::CELL_TOO_LONG);
        assert_eq!((f.line, f.column.as_deref()), (Some(2), Some("label")));
        assert_eq!(f.value.as_ref().map(|v| v.chars().count()), Some(41));
        let t = t.unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.skipped.len(), 1);
        // Exactly at the limit is fine.
        let ok = format!("id,start,label\nM,08:00,{}\n", "é".repeat(MAX_CELL_CHARS));
        assert!(table(ok.as_bytes()).1.errors.is_empty());
    }

    #[test]
    fn rows_past_the_limit_refuse_the_file_at_the_first_extra_row() {
        let mut text = String::from("id,start\n");
        for i in 0..=MAX_ROWS {
            text.push_str(&format!("S{i},08:00\n"));
        }
        let (t, sink) = table(text.as_bytes());
        assert!(t.is_none());
        assert_eq!(sink.errors.len(), 1);
        assert_eq!(sink.errors[0].code, codes::FILE_TOO_LARGE);
        assert_eq!(sink.errors[0].line, Some(MAX_ROWS + 2));
        assert!(file_too_large("a.csv", MAX_FILE_BYTES).is_none());
        assert!(file_too_large("a.csv", MAX_FILE_BYTES + 1).is_some());
    }

    #[test]
    fn line_numbers_stay_right_over_blank_lines_and_quoted_newlines() {
        let (t, sink) = table(b"id,start,label\n\nM,08:00,\"two\nlines\"\n\n\nS,13:00,x\n");
        assert!(sink.errors.is_empty(), "{:?}", sink.errors);
        let t = t.unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 7]);
    }

    #[test]
    fn extra_cells_are_a_malformed_row() {
        let (_, sink) = table(b"id,start\nM,08:00,37,5\n");
        assert_eq!(sink.errors[0].code, codes::MALFORMED_ROW);
        assert_eq!(sink.errors[0].line, Some(2));
    }
}

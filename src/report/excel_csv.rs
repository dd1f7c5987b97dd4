//! The French-Excel flavour of rota's CSV files (`--excel-csv`): one
//! transform over the finished bytes of any CSV rota writes, so no writer
//! knows about it. The file is parsed with the csv crate and rewritten with
//! a UTF-8 byte-order mark, `;` between fields, CRLF line ends, dates
//! `YYYY-MM-DD` as `DD/MM/YYYY` and decimals `37.5` as `37,5` — what a
//! French Excel opens with a double click. rota's own readers accept all
//! of it (`rota check` reads such a `planning.csv`).
//!
//! Which fields change: a field that is exactly a valid `YYYY-MM-DD` date,
//! or exactly a decimal number with a fractional part (`-?digits.digits`),
//! outside the identifier and free-text columns named in [`TEXT_COLUMNS`]
//! (by header, case-insensitive), so that an agent id or a label that
//! happens to look like a number or a date is kept as it is. Everything
//! else (times `08:00`, weeks `2026-W50`, months `2026-12`, integers) is
//! copied unchanged. Bytes that are not valid UTF-8 are copied unchanged.

use chrono::NaiveDate;

/// Columns never converted: identifiers and free text.
pub const TEXT_COLUMNS: [&str; 23] = [
    "agent",
    "id",
    "name",
    "code",
    "kind",
    "secretariat",
    "shift",
    "pole",
    "pool",
    "home",
    "covers",
    "skills",
    "contract",
    "candidate",
    "type",
    "label",
    "labels",
    "reason",
    "detail",
    "blocked_by",
    "before",
    "after",
    "decision",
];

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The French-Excel version of a CSV text rota wrote (`,`-separated, first
/// row the header). A malformed row is rewritten as far as it parses; the
/// transform never fails.
pub fn to_excel_csv(bytes: &[u8]) -> Vec<u8> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let mut text_columns: Vec<bool> = Vec::new();
    for (i, record) in reader.byte_records().enumerate() {
        let Ok(record) = record else {
            continue;
        };
        if i == 0 {
            text_columns = record
                .iter()
                .map(|h| {
                    let h = String::from_utf8_lossy(h).trim().to_lowercase();
                    TEXT_COLUMNS.contains(&h.as_str())
                })
                .collect();
            let _ = writer.write_byte_record(&record);
            continue;
        }
        let fields: Vec<Vec<u8>> = record
            .iter()
            .enumerate()
            .map(|(c, f)| {
                if text_columns.get(c).copied().unwrap_or(false) {
                    f.to_vec()
                } else {
                    convert(f)
                }
            })
            .collect();
        let _ = writer.write_record(&fields);
    }
    writer
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone())
}

/// Applies [`to_excel_csv`] to every `.csv` file of an output folder's list.
pub fn excel_files(files: Vec<(&'static str, Vec<u8>)>) -> Vec<(&'static str, Vec<u8>)> {
    files
        .into_iter()
        .map(|(name, bytes)| {
            if name.ends_with(".csv") {
                (name, to_excel_csv(&bytes))
            } else {
                (name, bytes)
            }
        })
        .collect()
}

fn convert(field: &[u8]) -> Vec<u8> {
    let Ok(s) = std::str::from_utf8(field) else {
        return field.to_vec();
    };
    if is_iso_date(s) {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return d.format("%d/%m/%Y").to_string().into_bytes();
        }
    }
    if is_decimal(s) {
        return s.replace('.', ",").into_bytes();
    }
    field.to_vec()
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    match s.split_once('.') {
        Some((int, frac)) => {
            !int.is_empty()
                && !frac.is_empty()
                && int.bytes().all(|c| c.is_ascii_digit())
                && frac.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excel(text: &str) -> String {
        let out = to_excel_csv(text.as_bytes());
        assert!(out.starts_with(BOM));
        String::from_utf8(out[BOM.len()..].to_vec()).expect("utf8")
    }

    #[test]
    fn dates_decimals_separator_and_quotes() {
        assert_eq!(
            excel(
                "agent,date,start,minutes,week,month,ratio,reason\n\
                 2026-12-07,2026-12-07,08:00,240,2026-W50,2026-12,37.5,\"a; b, 1.5\"\n\
                 1.5,2026-02-30,24:00,-0.25,,,12,x\n"
            ),
            "agent;date;start;minutes;week;month;ratio;reason\r\n\
             2026-12-07;07/12/2026;08:00;240;2026-W50;2026-12;37,5;\"a; b, 1.5\"\r\n\
             1.5;2026-02-30;24:00;-0,25;;;12;x\r\n"
        );
    }

    #[test]
    fn an_existing_bom_is_not_doubled_and_empty_input_gives_a_bom() {
        let once = to_excel_csv(b"a,b\n1,2\n");
        let mut with_bom = BOM.to_vec();
        with_bom.extend_from_slice(b"a,b\n1,2\n");
        assert_eq!(to_excel_csv(&with_bom), once);
        assert_eq!(to_excel_csv(b""), BOM);
    }

    #[test]
    fn only_csv_files_are_transformed() {
        let files = excel_files(vec![
            ("planning.csv", b"date\n2026-12-07\n".to_vec()),
            ("summary.json", b"{\"d\": \"2026-12-07\"}".to_vec()),
        ]);
        assert!(files[0].1.ends_with(b"date\r\n07/12/2026\r\n"));
        assert_eq!(files[1].1, b"{\"d\": \"2026-12-07\"}");
    }
}

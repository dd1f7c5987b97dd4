//! A minimal CSV writer for the outputs: `,` separator, LF line ends, a
//! field quoted only when it holds `,`, `"`, CR or LF (quotes doubled).
//! Enough for our own files; reading CSV is `io`'s business.

/// Builds a CSV document row by row.
#[derive(Debug, Clone, Default)]
pub struct CsvWriter {
    text: String,
}

impl CsvWriter {
    /// A document starting with `header`.
    pub fn with_header(header: &[&str]) -> Self {
        let mut w = CsvWriter::default();
        w.row(header.iter().copied());
        w
    }

    /// Appends one row.
    pub fn row<I, S>(&mut self, fields: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            push_field(&mut self.text, f.as_ref());
        }
        self.text.push('\n');
    }

    /// The document.
    pub fn finish(self) -> String {
        self.text
    }
}

fn push_field(out: &mut String, f: &str) {
    if f.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let mut w = CsvWriter::with_header(&["a", "b"]);
        w.row(["x", "y,z"]);
        w.row(["say \"hi\"", ""]);
        assert_eq!(w.finish(), "a,b\nx,\"y,z\"\n\"say \"\"hi\"\"\",\n");
    }
}

//! A finding: one problem (or warning) found in an input file, located by
//! file, line, column and raw value, with a stable code and a fix the user
//! can apply. Also the collector that gathers every finding of a load so
//! that all problems are reported at once.

use std::fmt;

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// File name inside the instance folder (`needs.csv`), or the path given.
    pub file: String,
    /// 1-based line, when the finding concerns a line.
    pub line: Option<usize>,
    /// Column name (CSV) or key (TOML), when the finding concerns one.
    pub column: Option<String>,
    /// Raw value as written, when the finding concerns one.
    pub value: Option<String>,
    /// Stable code (`E0xxx` error, `W0xxx` warning); see [`super::codes`].
    pub code: &'static str,
    /// What is wrong, in plain language.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl Finding {
    /// A file-level finding (missing file, empty file ...).
    pub fn new(
        file: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Finding {
            file: file.into(),
            line: None,
            column: None,
            value: None,
            code,
            message: message.into(),
            fix: fix.into(),
        }
    }

    /// A finding about one cell.
    pub fn cell(
        file: impl Into<String>,
        line: usize,
        column: impl Into<String>,
        value: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Finding::new(file, code, message, fix)
            .at_line(line)
            .in_column(column)
            .with_value(value)
    }

    /// Sets the 1-based line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the column name (or TOML key).
    pub fn in_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// Sets the raw value.
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// Whether this is a warning (`W…` code) rather than an error.
    pub fn is_warning(&self) -> bool {
        self.code.starts_with('W')
    }
}

impl fmt::Display for Finding {
    /// `needs.csv:12:min: E0207 value `abc` is not a whole number — fix: write a number like 2`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ":{column}")?;
        }
        write!(f, ": {} {}", self.code, self.message)?;
        if !self.fix.is_empty() {
            write!(f, " — fix: {}", self.fix)?;
        }
        Ok(())
    }
}

/// Every error found while loading; nothing can be planned until they are fixed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationErrors {
    /// The errors, in file order then line order.
    pub findings: Vec<Finding>,
}

impl ValidationErrors {
    /// The codes of the findings, in order (handy in tests).
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.code).collect()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, finding) in self.findings.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{finding}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Collects findings while a load goes on, errors and warnings apart.
#[derive(Debug, Default)]
pub struct Sink {
    /// Errors so far.
    pub errors: Vec<Finding>,
    /// Warnings so far.
    pub warnings: Vec<Finding>,
}

impl Sink {
    /// Records a finding (as a warning when its code is `W…`).
    pub fn push(&mut self, finding: Finding) {
        if finding.is_warning() {
            self.warnings.push(finding);
        } else {
            self.errors.push(finding);
        }
    }

    /// Number of errors so far.
    pub fn error_count(&self) -> usize {
        self.errors.len()
    }

    /// `Err` with every error when there is any, else the warnings.
    pub fn finish(self) -> Result<Vec<Finding>, ValidationErrors> {
        if self.errors.is_empty() {
            Ok(self.warnings)
        } else {
            Err(ValidationErrors {
                findings: self.errors,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_code_and_fix() {
        let f = Finding::cell(
            "needs.csv",
            12,
            "min",
            "abc",
            "E0207",
            "value `abc` is not a whole number",
            "write a number like 2",
        );
        assert_eq!(f.to_string(), "needs.csv:12:min: E0207 value `abc` is not a whole number — fix: write a number like 2");
        let f = Finding::new("agents.csv", "E0001", "file is missing", "create it");
        assert_eq!(
            f.to_string(),
            "agents.csv: E0001 file is missing — fix: create it"
        );
    }

    #[test]
    fn sink_separates_warnings() {
        let mut sink = Sink::default();
        sink.push(Finding::new("needs.csv", "W0701", "w", ""));
        assert_eq!(sink.error_count(), 0);
        assert_eq!(sink.finish().map(|w| w.len()), Ok(1));
    }
}

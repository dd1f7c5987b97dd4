//! Id tables: the ids of one file in file order (dense indices), and the
//! lookup of a reference from another file, which reports an unknown id with
//! a "did you mean" hint. When the defining file could not be read, lookups
//! fail silently (`reliable = false`) so one missing file does not bury the
//! user under a cascade of unknown references.

use crate::io::parse;
use crate::io::table::{Cell, Table};
use crate::validate::Sink;
use std::collections::BTreeMap;

/// Ids of one kind (shifts, secretariats, ...), in file order.
#[derive(Debug, Clone, Default)]
pub struct Ids {
    map: BTreeMap<String, usize>,
    order: Vec<String>,
    broken: std::collections::BTreeSet<String>,
    /// Whether the defining file was read: unknown references are reported only then.
    pub reliable: bool,
}

impl Ids {
    /// An empty table; `reliable` when its file was read.
    pub fn new(reliable: bool) -> Self {
        Ids {
            map: BTreeMap::new(),
            order: Vec::new(),
            broken: Default::default(),
            reliable,
        }
    }

    /// The id table of a file's `id` column: reliable when the column
    /// exists (and, with `require_rows`, the file has rows); the ids of its
    /// malformed (skipped) rows are marked broken.
    pub fn for_table(table: &Table, require_rows: bool) -> Self {
        let mut ids = Ids::new(table.has("id") && (!require_rows || !table.rows.is_empty()));
        for row in &table.skipped {
            if let Some(raw) = table.cell(row, "id").raw {
                ids.mark_broken(raw);
            }
        }
        ids
    }

    /// Adds an id; `None` if it is already there.
    pub fn insert(&mut self, id: &str) -> Option<usize> {
        if self.map.contains_key(id) {
            return None;
        }
        let idx = self.order.len();
        self.map.insert(id.to_string(), idx);
        self.order.push(id.to_string());
        Some(idx)
    }

    /// Records an id defined on a row with errors: references to it are
    /// not reported as unknown (the row's own error says it all).
    pub fn mark_broken(&mut self, id: &str) {
        self.broken.insert(id.to_string());
    }

    /// Index of `id`.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.map.get(id).copied()
    }

    /// Whether `id` is known.
    pub fn contains(&self, id: &str) -> bool {
        self.map.contains_key(id)
    }

    /// Ids in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }

    /// A fix hint for an unknown `id` that should be one of these.
    pub fn hint(&self, id: &str, defining_file: &str) -> String {
        if let Some(c) = parse::closest(id, self.ids()) {
            return format!("did you mean `{c}`? (ids are case-sensitive)");
        }
        let mut known: Vec<&str> = self.ids().take(8).collect();
        if self.order.len() > 8 {
            known.push("…");
        }
        if known.is_empty() {
            format!("add `{id}` to {defining_file}")
        } else {
            format!(
                "use one of {} or add `{id}` to {defining_file}",
                known.join(", ")
            )
        }
    }

    /// Resolves `id` read in `cell`; reports `code` when unknown.
    pub fn resolve(
        &self,
        cell: &Cell<'_>,
        id: &str,
        code: &'static str,
        what: &str,
        defining_file: &str,
        sink: &mut Sink,
    ) -> Option<usize> {
        match self.get(id) {
            Some(i) => Some(i),
            None => {
                if self.reliable && !self.broken.contains(id) {
                    sink.push(
                        cell.finding(
                            code,
                            format!("unknown {what} `{id}`"),
                            self.hint(id, defining_file),
                        )
                        .with_value(id),
                    );
                }
                None
            }
        }
    }
}

//! Every validation code, listed once with its meaning. Codes are stable:
//! once published, a code keeps its meaning (add new ones, never renumber).
//! `E…` codes are errors (nothing is planned), `W…` codes are warnings (the
//! row is ignored and loading goes on).
//!
//! Numbering: `E00xx` files and CSV structure (`E001x` size limits), `E01xx` instance.toml,
//! `E02xx` cell values in any file, `E03xx` shifts.csv, `E04xx`
//! secretariats.csv and pools.csv, `E05xx` contracts.csv, `E06xx`
//! agents.csv, `E07xx` needs.csv, `E080x` closures.csv, `E081x`
//! availability.csv, `E090x` leave.csv, `E095x` a planning.csv read by
//! `check` / `replan`. `instances/invalid/<code>-…/` holds one instance per
//! code, and `tests/validate_cases.rs` checks that each yields its code.

macro_rules! codes {
    ($( $name:ident = $code:literal, $meaning:literal; )*) => {
        $(
            #[doc = concat!("`", $code, "`: ", $meaning)]
            pub const $name: &str = $code;
        )*
        /// Every code with its meaning, in numbering order.
        pub const ALL: &[(&str, &str)] = &[ $( ($code, $meaning) ),* ];
    };
}

codes! {
    MISSING_FILE = "E0001", "a required file is missing from the instance folder";
    UNREADABLE_FILE = "E0002", "a file exists but cannot be read";
    NOT_UTF8 = "E0003", "a file is not valid UTF-8 (e.g. saved as Latin-1 / ANSI)";
    EMPTY_FILE = "E0004", "a file is empty (not even a header row)";
    NO_ROWS = "E0005", "a file has a header but no data row where rows are required (shifts, secretariats, agents)";
    UNKNOWN_COLUMN = "E0006", "a header names a column the file does not have (prefix it with # to keep it as a comment)";
    MISSING_COLUMN = "E0007", "a required column is absent from the header";
    DUPLICATE_COLUMN = "E0008", "a column appears twice in the header";
    UNNAMED_COLUMN = "E0009", "a column has values but an empty header cell";
    MALFORMED_ROW = "E0010", "a row has more cells than the header, or broken CSV quoting";
    FILE_TOO_LARGE = "E0011", "a file is larger than rota reads (64 MiB, or more data rows than its limit: 10 000 agents, 200 000 rows in any other file)";
    CELL_TOO_LONG = "E0012", "a cell is longer than 1 000 characters";
    MODEL_TOO_LARGE = "E0013", "the instance would give a model larger than rota builds (agents × days × shift kinds × secretariats each may work at, above 2 000 000)";
    UNKNOWN_FILE = "W0001", "a .csv file of the folder is not one rota reads (misspelt name?); it is ignored";

    TOML_SYNTAX = "E0101", "instance.toml is not valid TOML";
    TOML_MISSING_KEY = "E0102", "instance.toml lacks a required key (`start`, `days`)";
    TOML_WRONG_TYPE = "E0103", "an instance.toml value has the wrong type (text where a number is expected, ...)";
    TOML_UNKNOWN_KEY = "E0104", "instance.toml has a key rota does not know (top level, [rules] or [weights])";
    BAD_HORIZON_DAYS = "E0105", "`days` is not between 1 and 366";
    BAD_RULE_VALUE = "E0106", "a [rules] or [weights] value is out of range (negative, zero where it cannot be)";

    EMPTY_CELL = "E0201", "a required cell is empty";
    BAD_DATE = "E0202", "a date is not YYYY-MM-DD or DD/MM/YYYY, or does not exist";
    BAD_TIME = "E0203", "a time is not HH:MM (00:00..23:59, 24:00 as an end only)";
    BAD_WEEKDAY = "E0204", "a weekday is not MON..SUN or LUN..DIM";
    BAD_DAY = "E0205", "a `day` cell is neither a date nor a weekday";
    BAD_NUMBER = "E0206", "a cell is not a number";
    BAD_WHOLE_NUMBER = "E0207", "a cell is not a whole number";
    NEGATIVE = "E0208", "a number is negative where it cannot be";
    BAD_ID = "E0209", "an id contains `|` or `=` (reserved for lists)";

    DUPLICATE_SHIFT = "E0301", "two shifts have the same id";
    ZERO_LENGTH_SHIFT = "E0302", "a shift ends when it starts";
    SHIFT_TOO_LONG = "E0303", "a shift is longer than `max_amplitude_hours` (it could never be worked)";
    BREAK_TOO_LONG = "E0304", "a shift's break is as long as the shift or longer";
    UNKNOWN_CANNOT_FOLLOW = "E0305", "`cannot_follow` names an unknown shift";
    SHIFT_OVER_DAILY_MAX = "E0306", "a shift's paid time exceeds `max_daily_hours` (it could never be worked)";

    DUPLICATE_SECRETARIAT = "E0401", "two secretariats have the same id";
    EMPTY_OPENING = "E0402", "a secretariat opens and closes at the same time";
    POOL_ID_CLASH = "E0411", "a pool has the id of a secretariat";
    UNKNOWN_POOL_MEMBER = "E0412", "a pool member is not a secretariat";

    DUPLICATE_CONTRACT = "E0501", "two contracts have the same id";
    MIN_TOTAL_ABOVE_MAX = "E0502", "a contract's `min_total_hours` exceeds its `max_total_hours`";
    BAD_MAX_SHIFTS = "E0503", "a `max_shifts` entry is not written SHIFT=N";
    UNKNOWN_MAX_SHIFTS_SHIFT = "E0504", "a `max_shifts` entry names an unknown shift";
    CONTRACT_OUT_OF_RANGE = "E0505", "a contract value is out of range (weekly hours not in (0,168], days per week not in 1..7, a run length of 0)";
    DUPLICATE_MAX_SHIFTS_SHIFT = "E0506", "a `max_shifts` list names the same shift twice";

    DUPLICATE_AGENT = "E0601", "two agents have the same id";
    BAD_RATE = "E0602", "a rate (quotité) is not in (0, 100]";
    UNKNOWN_HOME = "E0603", "an agent's `home` is not a secretariat";
    UNKNOWN_COVERS = "E0604", "an agent's `covers` names neither a secretariat nor a pool";
    UNKNOWN_CONTRACT = "E0605", "an agent's `contract` is not in contracts.csv";

    NEED_UNKNOWN_SECRETARIAT = "E0701", "a need names an unknown secretariat";
    NEED_BAD_START = "E0702", "a need's `start` is neither a time nor a shift id";
    NEED_EMPTY_WINDOW = "E0703", "a need's window does not end after it starts";
    TARGET_BELOW_MIN = "E0704", "a need's `target` is below its `min`";
    MAX_BELOW_TARGET = "E0705", "a need's `max` is below its `target`";
    NEED_ON_CLOSED_WEEKDAY = "E0706", "a weekday need falls on a weekday the secretariat is not open";
    NEED_OUTSIDE_OPENING = "E0707", "a need's window (or shift) lies outside the secretariat's opening hours";
    NEED_SHIFT_WITH_END = "E0708", "a need names a shift in `start` but also has an `end`";
    NEED_OUTSIDE_HORIZON = "W0701", "a dated need lies outside the horizon; it is ignored";
    NEED_NOBODY_ELIGIBLE = "W0702", "a secretariat has needs but no agent has it as home or in covers";

    CLOSURE_UNKNOWN_SECRETARIAT = "E0801", "a closure names an unknown secretariat";
    CLOSURE_OUTSIDE_HORIZON = "W0801", "a closure date lies outside the horizon; it is ignored";

    AVAIL_UNKNOWN_AGENT = "E0811", "an availability row names an unknown agent";
    AVAIL_BAD_KIND = "E0812", "an availability `kind` is not off, prefer_off or prefer_on";
    AVAIL_UNKNOWN_SHIFT = "E0813", "an availability row names an unknown shift";
    AVAIL_EMPTY_WINDOW = "E0814", "an availability window does not end after it starts";
    AVAIL_SHIFT_AND_WINDOW = "E0815", "an availability row gives both a shift and a window";
    AVAIL_HALF_WINDOW = "E0816", "an availability row gives `start` without `end` or the reverse";
    AVAIL_OUTSIDE_HORIZON = "W0811", "a dated availability row lies outside the horizon; it is ignored";

    DUPLICATE_LEAVE = "E0901", "two leave rows have the same id";
    LEAVE_UNKNOWN_AGENT = "E0902", "a leave row names an unknown agent";
    LEAVE_ENDS_BEFORE_START = "E0903", "a leave's `last_day` is before its `first_day`";
    LEAVE_BAD_STATUS = "E0904", "a leave `status` is not approved or requested";
    LEAVE_BAD_PART = "E0905", "a leave `part` is not day, am or pm";

    PLAN_UNKNOWN_AGENT = "E0951", "a planning row names an unknown agent";
    PLAN_UNKNOWN_SHIFT = "E0952", "a work row's `code` is not a shift id";
    PLAN_UNKNOWN_SECRETARIAT = "E0953", "a work row names an unknown secretariat";
    PLAN_OUTSIDE_HORIZON = "E0954", "a planning row's date lies outside the horizon";
    PLAN_BAD_KIND = "E0955", "a planning row's `kind` is not work or leave";
    PLAN_TIMES_MISMATCH = "E0956", "a work row's `start`/`end` differ from its shift's times";
    PLAN_BAD_LOCKED = "E0957", "a `locked` cell is not 1 or 0";
}

/// The meaning of a code, if it exists.
pub fn meaning(code: &str) -> Option<&'static str> {
    ALL.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for (code, meaning) in ALL {
            assert!(seen.insert(*code), "code {code} listed twice");
            assert_eq!(code.len(), 5, "{code}");
            assert!(code.starts_with("E0") || code.starts_with("W0"), "{code}");
            assert!(code[1..].chars().all(|c| c.is_ascii_digit()), "{code}");
            assert!(!meaning.is_empty());
        }
        assert_eq!(
            meaning("E0303"),
            Some("a shift is longer than `max_amplitude_hours` (it could never be worked)")
        );
    }
}

//! Every validation code, listed once with its meaning. Codes are stable:
//! once published, a code keeps its meaning (add new ones, never renumber).
//! `E…` codes are errors (nothing is planned), `W…` codes are warnings (the
//! row is ignored and loading goes on). Each code also carries a short
//! title (the README table), the usual fix and an example ([`CATALOGUE`],
//! printed by `rota explain CODE`).
//!
//! Numbering: `E00xx` files and CSV structure (`E001x` size limits), `E01xx` instance.toml,
//! `E02xx` cell values in any file, `E03xx` shifts.csv, `E04xx`
//! secretariats.csv and pools.csv, `E05xx` contracts.csv, `E06xx`
//! agents.csv, `E07xx` needs.csv, `E080x` closures.csv, `E081x`
//! availability.csv, `E090x` leave.csv, `E095x` a planning.csv read by
//! `check` / `replan`. `instances/invalid/<code>-…/` holds one instance per
//! code, and `tests/validate_cases.rs` checks that each yields its code.

macro_rules! codes {
    (@or) => { "" };
    (@or $x:literal) => { $x };
    (@example) => { ("", "", "") };
    (@example ($w:literal, $b:literal, $g:literal)) => { ($w, $b, $g) };
    ($( $name:ident = $code:literal, $meaning:literal $(, {
        title: $title:literal,
        fix: $fix:literal,
        example: ($where:literal, $bad:literal, $good:literal) $(,)?
    })? ; )*) => {
        $(
            #[doc = concat!("`", $code, "`: ", $meaning)]
            pub const $name: &str = $code;
        )*
        /// Every code with its meaning, in numbering order.
        pub const ALL: &[(&str, &str)] = &[ $( ($code, $meaning) ),* ];
        /// Every code with its title, trigger, fix and example, in numbering
        /// order: what `rota explain` prints and the README table lists.
        pub const CATALOGUE: &[Code] = &[ $( Code {
            code: $code,
            title: codes!(@or $($title)?),
            meaning: $meaning,
            fix: codes!(@or $($fix)?),
            example: codes!(@example $( ($where, $bad, $good) )?),
        } ),* ];
    };
}

/// One code of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// `E0203`.
    pub code: &'static str,
    /// Short title (the README table's wording).
    pub title: &'static str,
    /// What triggers it.
    pub meaning: &'static str,
    /// The usual fix (a finding's own fix is more precise).
    pub fix: &'static str,
    /// Example: where, a wrong row or line, the same row fixed.
    pub example: (&'static str, &'static str, &'static str),
}

codes! {
    MISSING_FILE = "E0001", "a required file is missing from the instance folder", {
        title: "a required file is missing from the instance folder",
        fix: "create the file with its header row (SPEC §2), or check the folder path",
        example: ("agents.csv", "(no agents.csv in the folder)", "id,name,contract,rate,home,covers"),
    };
    UNREADABLE_FILE = "E0002", "a file exists but cannot be read", {
        title: "a file exists but cannot be read",
        fix: "make it a readable regular file (not a folder, permissions r)",
        example: ("leave.csv", "leave.csv/ (a folder)", "leave.csv (a file)"),
    };
    NOT_UTF8 = "E0003", "a file is not valid UTF-8 (e.g. saved as Latin-1 / ANSI)", {
        title: "a file is not valid UTF-8 (e.g. saved as Latin-1 / ANSI)",
        fix: "save the file as « CSV UTF-8 » (Excel) or UTF-8 (LibreOffice)",
        example: ("agents.csv", "A2,B\\xe9atrice Dupont,... (Latin-1 byte)", "A2,Béatrice Dupont,... (UTF-8)"),
    };
    EMPTY_FILE = "E0004", "a file is empty (not even a header row)", {
        title: "a file is empty (not even a header row)",
        fix: "write at least the header row, or delete an optional file",
        example: ("needs.csv", "(0 bytes)", "secretariat,day,start,end,min"),
    };
    NO_ROWS = "E0005", "a file has a header but no data row where rows are required (shifts, secretariats, agents)", {
        title: "header but no data row where rows are required (shifts, secretariats, agents)",
        fix: "add at least one data row under the header",
        example: ("shifts.csv", "id,start,end,break_minutes (and nothing else)", "M,08:00,12:30,0"),
    };
    UNKNOWN_COLUMN = "E0006", "a header names a column the file does not have (prefix it with # to keep it as a comment)", {
        title: "unknown column (prefix it with `#` to keep it as a comment)",
        fix: "correct the column name, or prefix it with # to keep it as a comment",
        example: ("needs.csv (header)", "secretariat,day,start,end,min,weigth_over", "secretariat,day,start,end,min,weight_over"),
    };
    MISSING_COLUMN = "E0007", "a required column is absent from the header", {
        title: "a required column is absent from the header",
        fix: "add the column to the header and a value on each row",
        example: ("needs.csv (header)", "secretariat,day,start,end,target", "secretariat,day,start,end,min,target"),
    };
    DUPLICATE_COLUMN = "E0008", "a column appears twice in the header", {
        title: "a column appears twice in the header",
        fix: "delete one of the two columns (or rename one)",
        example: ("closures.csv (header)", "secretariat,date,label,label", "secretariat,date,label"),
    };
    UNNAMED_COLUMN = "E0009", "a column has values but an empty header cell", {
        title: "a column has values but an empty header cell",
        fix: "name the column, prefix its header with # to keep it as a comment, or delete its values",
        example: ("pools.csv", "pool,secretariat,  /  POOL1,CARDIO,x", "pool,secretariat,#note  /  POOL1,CARDIO,x"),
    };
    MALFORMED_ROW = "E0010", "a row has more cells than the header, or broken CSV quoting", {
        title: "a row has more cells than the header, or broken CSV quoting",
        fix: "quote a cell that contains the delimiter, or write decimals with a point in a `,` file",
        example: ("needs.csv", "CARDIO,MON,08:00,12:00,1,2,3,Consultation, Dr X", "CARDIO,MON,08:00,12:00,1,2,3,\"Consultation, Dr X\""),
    };
    FILE_TOO_LARGE = "E0011", "a file is larger than rota reads (64 MiB, or more data rows than its limit: 10 000 agents, 200 000 rows in any other file)", {
        title: "a file is too large (64 MiB, 10 000 agents, 200 000 rows)",
        fix: "split the file (several instances), or remove rows that are not needed",
        example: ("agents.csv", "10 001 agent rows", "at most 10 000 agent rows"),
    };
    CELL_TOO_LONG = "E0012", "a cell is longer than 1 000 characters", {
        title: "a cell is longer than 1 000 characters",
        fix: "shorten the cell (labels are for people: a few words)",
        example: ("closures.csv (secretariat,date,label)", "CARDIO,2026-12-24,(1 200 characters)", "CARDIO,2026-12-24,Réveillon"),
    };
    MODEL_TOO_LARGE = "E0013", "the instance would give a model larger than rota builds (agents × days × shift kinds × secretariats each may work at, above 2 000 000)", {
        title: "the model would be too large (agents × days × shift kinds × secretariats > 2 000 000)",
        fix: "plan a shorter horizon, fewer shift kinds, or narrower `covers`",
        example: ("instance.toml and shifts.csv", "days = 366 with 2 000 shift kinds", "days = 28 with 4 shift kinds"),
    };
    UNKNOWN_FILE = "W0001", "a .csv file of the folder is not one rota reads (misspelt name?); it is ignored", {
        title: "a .csv file in the folder is not one rota reads (misspelt name?); ignored",
        fix: "rename the file to the name rota reads, or delete it",
        example: ("the instance folder", "need.csv", "needs.csv"),
    };

    TOML_SYNTAX = "E0101", "instance.toml is not valid TOML", {
        title: "instance.toml is not valid TOML",
        fix: "fix the TOML syntax: strings in double quotes, `key = value`, `[section]` headers",
        example: ("instance.toml", "name = \"tiny", "name = \"tiny\""),
    };
    TOML_MISSING_KEY = "E0102", "instance.toml lacks a required key (`start`, `days`)", {
        title: "instance.toml lacks `start` or `days`",
        fix: "add the key at the top of the file",
        example: ("instance.toml", "start = \"2026-12-07\"  (and no days)", "start = \"2026-12-07\" then days = 28"),
    };
    TOML_WRONG_TYPE = "E0103", "an instance.toml value has the wrong type (text where a number is expected, ...)", {
        title: "an instance.toml value has the wrong type",
        fix: "write numbers without quotes, dates and times in quotes",
        example: ("instance.toml", "weekly_hours = \"35\"", "weekly_hours = 35"),
    };
    TOML_UNKNOWN_KEY = "E0104", "instance.toml has a key rota does not know (top level, [rules] or [weights])", {
        title: "unknown key (top level, `[rules]` or `[weights]`)",
        fix: "correct the key's spelling (the message names the known keys), or delete it",
        example: ("instance.toml, [rules]", "max_weekend = 2", "max_weekends = 2"),
    };
    BAD_HORIZON_DAYS = "E0105", "`days` is not between 1 and 366", {
        title: "`days` is not between 1 and 366",
        fix: "plan between 1 and 366 days",
        example: ("instance.toml", "days = 0", "days = 28"),
    };
    BAD_RULE_VALUE = "E0106", "a [rules] or [weights] value is out of range (negative, zero where it cannot be)", {
        title: "a `[rules]` or `[weights]` value is out of range",
        fix: "write a value in range: weights ≥ 0, hours > 0 where a zero makes no sense",
        example: ("instance.toml, [weights]", "uncovered = -500", "uncovered = 500"),
    };

    EMPTY_CELL = "E0201", "a required cell is empty", {
        title: "a required cell is empty",
        fix: "write a value in the cell",
        example: ("agents.csv (id,name,contract,rate,home)", "A2,,PT,80,PNEUMO", "A2,Béatrice Dupont,PT,80,PNEUMO"),
    };
    BAD_DATE = "E0202", "a date is not YYYY-MM-DD or DD/MM/YYYY, or does not exist", {
        title: "bad or non-existent date",
        fix: "write an existing date as YYYY-MM-DD or DD/MM/YYYY",
        example: ("leave.csv (id,agent,type,first_day,last_day,status)", "L2,A2,CA,31/11/2026,02/12/2026,approved", "L2,A2,CA,30/11/2026,02/12/2026,approved"),
    };
    BAD_TIME = "E0203", "a time is not HH:MM (00:00..23:59, 24:00 as an end only)", {
        title: "bad time (`24:00` only as an end)",
        fix: "write the time as HH:MM, hours 00..23 and minutes 00..59 (24:00 only as an end)",
        example: ("shifts.csv (id,start,end,break_minutes)", "S,13:00,17:70,0", "S,13:00,17:30,0"),
    };
    BAD_WEEKDAY = "E0204", "a weekday is not MON..SUN or LUN..DIM", {
        title: "bad weekday",
        fix: "write MON TUE WED THU FRI SAT SUN (or LUN MAR MER JEU VEN SAM DIM), joined by |",
        example: ("secretariats.csv (id,name,pole,days)", "PNEUMO,Pneumologie,P1,MON|MRA|WED", "PNEUMO,Pneumologie,P1,MON|TUE|WED"),
    };
    BAD_DAY = "E0205", "a `day` cell is neither a date nor a weekday", {
        title: "a `day` cell is neither a date nor a weekday",
        fix: "write a date (2026-12-07, 07/12/2026) or a weekday (MON, LUN)",
        example: ("availability.csv (agent,day,kind)", "A1,MERC,off", "A1,WED,off"),
    };
    BAD_NUMBER = "E0206", "a cell is not a number", {
        title: "not a number",
        fix: "write a plain number (decimal point, or comma in a `;` file), without unit",
        example: ("contracts.csv (id,weekly_hours)", "PT,35h", "PT,35"),
    };
    BAD_WHOLE_NUMBER = "E0207", "a cell is not a whole number", {
        title: "not a whole number",
        fix: "write a whole number",
        example: ("needs.csv (secretariat,day,start,end,min)", "CARDIO,MON,08:00,12:00,1.5", "CARDIO,MON,08:00,12:00,2"),
    };
    NEGATIVE = "E0208", "a number is negative where it cannot be", {
        title: "negative where it cannot be",
        fix: "write 0 or a positive number",
        example: ("shifts.csv (id,start,end,break_minutes)", "J,08:30,17:00,-60", "J,08:30,17:00,60"),
    };
    BAD_ID = "E0209", "an id contains `|` or `=` (reserved for lists)", {
        title: "an id contains `|` or `=`",
        fix: "use letters, digits, `-` or `_` in ids; `|` separates list items and `=` pairs",
        example: ("agents.csv (id,name)", "A4|A5,Denise Moreau", "A4,Denise Moreau"),
    };

    DUPLICATE_SHIFT = "E0301", "two shifts have the same id", {
        title: "duplicate shift id",
        fix: "give each shift its own id, or delete the duplicate row",
        example: ("shifts.csv (id,start,end,break_minutes)", "M,08:00,12:30,0 (a second time)", "M2,07:30,12:00,0"),
    };
    ZERO_LENGTH_SHIFT = "E0302", "a shift ends when it starts", {
        title: "a shift ends when it starts",
        fix: "give the end time; an end before the start means the next day",
        example: ("shifts.csv (id,start,end,break_minutes)", "X,08:00,08:00,0", "X,08:00,16:00,30"),
    };
    SHIFT_TOO_LONG = "E0303", "a shift is longer than `max_amplitude_hours` (it could never be worked)", {
        title: "shift longer than `max_amplitude_hours`",
        fix: "shorten the shift or raise [rules] max_amplitude_hours",
        example: ("shifts.csv, with max_amplitude_hours = 10.5", "L,07:00,19:00,60", "L,07:30,18:00,60"),
    };
    BREAK_TOO_LONG = "E0304", "a shift's break is as long as the shift or longer", {
        title: "break as long as the shift or longer",
        fix: "write the unpaid break in minutes, shorter than the shift",
        example: ("shifts.csv (id,start,end,break_minutes)", "C,08:00,09:00,60", "C,08:00,09:00,0"),
    };
    UNKNOWN_CANNOT_FOLLOW = "E0305", "`cannot_follow` names an unknown shift", {
        title: "`cannot_follow` names an unknown shift",
        fix: "name shifts of shifts.csv in `cannot_follow`, joined by |",
        example: ("shifts.csv (id,start,end,break_minutes,label,cannot_follow)", "N,20:00,06:00,60,Nuit,M|Z", "N,20:00,06:00,60,Nuit,M|J"),
    };
    SHIFT_OVER_DAILY_MAX = "E0306", "a shift's paid time exceeds `max_daily_hours` (it could never be worked)", {
        title: "a shift's paid time exceeds `max_daily_hours`",
        fix: "shorten the shift, lengthen its break or raise [rules] max_daily_hours",
        example: ("shifts.csv, with max_daily_hours = 9", "L,07:00,17:00,0", "L,07:00,17:00,60"),
    };

    DUPLICATE_SECRETARIAT = "E0401", "two secretariats have the same id", {
        title: "duplicate secretariat id",
        fix: "give each secretariat its own id, or delete the duplicate row",
        example: ("secretariats.csv (id,name,pole)", "CARDIO,Cardiologie bis,P1 (a second CARDIO)", "CARDIO2,Cardiologie bis,P1"),
    };
    EMPTY_OPENING = "E0402", "a secretariat opens and closes at the same time", {
        title: "secretariat opens and closes at the same time",
        fix: "give different opening and closing times (closes before opens = past midnight)",
        example: ("secretariats.csv (id,name,pole,days,opens,closes)", "URG,Urgences,P2,,08:00,08:00", "URG,Urgences,P2,,08:00,20:00"),
    };
    POOL_ID_CLASH = "E0411", "a pool has the id of a secretariat", {
        title: "a pool has the id of a secretariat",
        fix: "rename the pool so that `covers` names one thing",
        example: ("pools.csv (pool,secretariat)", "PNEUMO,CARDIO", "POOL-PNEUMO,CARDIO"),
    };
    UNKNOWN_POOL_MEMBER = "E0412", "a pool member is not a secretariat", {
        title: "a pool member is not a secretariat",
        fix: "name a secretariat of secretariats.csv (ids are case-sensitive)",
        example: ("pools.csv (pool,secretariat)", "POOL1,CARDOI", "POOL1,CARDIO"),
    };

    DUPLICATE_CONTRACT = "E0501", "two contracts have the same id", {
        title: "duplicate contract id",
        fix: "give each contract its own id, or delete the duplicate row",
        example: ("contracts.csv (id,weekly_hours)", "FT,35 (a second FT)", "FT35,35"),
    };
    MIN_TOTAL_ABOVE_MAX = "E0502", "a contract's `min_total_hours` exceeds its `max_total_hours`", {
        title: "`min_total_hours` > `max_total_hours`",
        fix: "raise max_total_hours or lower min_total_hours",
        example: ("contracts.csv (id,weekly_hours,min_total_hours,max_total_hours)", "PT,28,120,100", "PT,28,100,120"),
    };
    BAD_MAX_SHIFTS = "E0503", "a `max_shifts` entry is not written SHIFT=N", {
        title: "`max_shifts` entry not `SHIFT=N`",
        fix: "write the list as SHIFT=N items joined by |",
        example: ("contracts.csv (id,weekly_hours,max_shifts)", "FT,37.5,N4", "FT,37.5,N=4"),
    };
    UNKNOWN_MAX_SHIFTS_SHIFT = "E0504", "a `max_shifts` entry names an unknown shift", {
        title: "`max_shifts` names an unknown shift",
        fix: "name a shift of shifts.csv, or add the shift",
        example: ("contracts.csv (id,weekly_hours,max_shifts)", "FT,37.5,X=3", "FT,37.5,N=3"),
    };
    CONTRACT_OUT_OF_RANGE = "E0505", "a contract value is out of range (weekly hours not in (0,168], days per week not in 1..7, a run length of 0)", {
        title: "contract value out of range",
        fix: "write a value in range, or leave the cell empty for the default",
        example: ("contracts.csv (id,weekly_hours,max_days_per_week)", "FT,37.5,8", "FT,37.5,5"),
    };
    DUPLICATE_MAX_SHIFTS_SHIFT = "E0506", "a `max_shifts` list names the same shift twice", {
        title: "`max_shifts` names a shift twice",
        fix: "keep one SHIFT=N item per shift",
        example: ("contracts.csv (id,weekly_hours,max_shifts)", "PT,28,J=4|J=6", "PT,28,J=4"),
    };

    DUPLICATE_AGENT = "E0601", "two agents have the same id", {
        title: "duplicate agent id",
        fix: "give each agent her own id, or delete the duplicate row",
        example: ("agents.csv (id,name,contract,rate,home)", "A1,Anne Petit,FT,100,URG (a second A1)", "A4,Anne Petit,FT,100,URG"),
    };
    BAD_RATE = "E0602", "a rate (quotité) is not in (0, 100]", {
        title: "rate not in (0, 100]",
        fix: "write the quotité in percent, above 0 and at most 100 (e.g. 100, 80 or 50)",
        example: ("agents.csv (id,name,contract,rate)", "A2,Béatrice Dupont,PT,800", "A2,Béatrice Dupont,PT,80"),
    };
    UNKNOWN_HOME = "E0603", "an agent's `home` is not a secretariat", {
        title: "unknown `home`",
        fix: "name a secretariat of secretariats.csv (ids are case-sensitive)",
        example: ("agents.csv (id,name,contract,rate,home)", "A3,Chloé Bernard,,50,CARIDO", "A3,Chloé Bernard,,50,CARDIO"),
    };
    UNKNOWN_COVERS = "E0604", "an agent's `covers` names neither a secretariat nor a pool", {
        title: "`covers` entry neither a secretariat nor a pool",
        fix: "name secretariats or pools, joined by |",
        example: ("agents.csv (id,name,contract,rate,home,covers)", "A1,Alice Martin,FT,100,CARDIO,PNEUMOO", "A1,Alice Martin,FT,100,CARDIO,PNEUMO"),
    };
    UNKNOWN_CONTRACT = "E0605", "an agent's `contract` is not in contracts.csv", {
        title: "unknown contract",
        fix: "name a contract of contracts.csv, add it there, or leave the cell empty for `default`",
        example: ("agents.csv (id,name,contract)", "A2,Béatrice Dupont,TP", "A2,Béatrice Dupont,PT"),
    };

    NEED_UNKNOWN_SECRETARIAT = "E0701", "a need names an unknown secretariat", {
        title: "need: unknown secretariat",
        fix: "name a secretariat of secretariats.csv, or add it there",
        example: ("needs.csv (secretariat,day,start,end,min)", "RADIO,MON,08:00,12:00,1", "CARDIO,MON,08:00,12:00,1"),
    };
    NEED_BAD_START = "E0702", "a need's `start` is neither a time nor a shift id", {
        title: "need: `start` neither a time nor a shift id",
        fix: "write a time (08:30) or a shift id in `start`",
        example: ("needs.csv (secretariat,day,start,end,min)", "CARDIO,MON,JJ,,1", "CARDIO,MON,J,,1"),
    };
    NEED_EMPTY_WINDOW = "E0703", "a need's window does not end after it starts", {
        title: "need: window does not end after it starts",
        fix: "write an end after the start (24:00 for midnight)",
        example: ("needs.csv (secretariat,day,start,end,min)", "CARDIO,MON,12:00,08:00,1", "CARDIO,MON,08:00,12:00,1"),
    };
    TARGET_BELOW_MIN = "E0704", "a need's `target` is below its `min`", {
        title: "need: target < min",
        fix: "write a target ≥ min, or leave it empty (target = min)",
        example: ("needs.csv (secretariat,day,start,end,min,target)", "CARDIO,MON,08:00,12:00,2,1", "CARDIO,MON,08:00,12:00,2,3"),
    };
    MAX_BELOW_TARGET = "E0705", "a need's `max` is below its `target`", {
        title: "need: max < target",
        fix: "write a max ≥ target, or leave it empty (no maximum)",
        example: ("needs.csv (secretariat,day,start,end,min,target,max)", "CARDIO,MON,08:00,12:00,1,2,1", "CARDIO,MON,08:00,12:00,1,2,3"),
    };
    NEED_ON_CLOSED_WEEKDAY = "E0706", "a weekday need falls on a weekday the secretariat is not open", {
        title: "weekday need on a weekday the secretariat is closed",
        fix: "add the weekday to the secretariat's `days`, or write a dated row (a dated need opens its day)",
        example: ("needs.csv, CARDIO open MON..FRI", "CARDIO,SAT,08:00,12:00,1", "CARDIO,2026-12-12,08:00,12:00,1"),
    };
    NEED_OUTSIDE_OPENING = "E0707", "a need's window (or shift) lies outside the secretariat's opening hours", {
        title: "need window or shift outside the opening hours",
        fix: "move the window inside the opening hours, or widen `opens`/`closes` in secretariats.csv",
        example: ("needs.csv, CARDIO open 07:30-18:30", "CARDIO,MON,07:00,12:00,1", "CARDIO,MON,07:30,12:00,1"),
    };
    NEED_SHIFT_WITH_END = "E0708", "a need names a shift in `start` but also has an `end`", {
        title: "shift need with an `end`",
        fix: "empty the `end` cell of a shift need, or write a time in `start`",
        example: ("needs.csv (secretariat,day,start,end,min)", "CARDIO,MON,J,17:00,1", "CARDIO,MON,J,,1"),
    };
    NEED_OUTSIDE_HORIZON = "W0701", "a dated need lies outside the horizon; it is ignored", {
        title: "dated need outside the horizon; ignored",
        fix: "nothing to do if the file is reused from month to month; otherwise check the date",
        example: ("needs.csv, horizon in December 2026", "CARDIO,2027-03-01,08:00,12:00,1", "CARDIO,2026-12-14,08:00,12:00,1"),
    };
    NEED_NOBODY_ELIGIBLE = "W0702", "a secretariat has needs but no agent has it as home or in covers", {
        title: "needs at a secretariat no agent may work at",
        fix: "add the secretariat to the `home` or `covers` of some agents",
        example: ("agents.csv (id,name,contract,rate,home,covers)", "A3,Chloé Bernard,,50,URG,  (nobody covers PNEUMO)", "A3,Chloé Bernard,,50,URG,PNEUMO"),
    };

    CLOSURE_UNKNOWN_SECRETARIAT = "E0801", "a closure names an unknown secretariat", {
        title: "closure: unknown secretariat",
        fix: "name a secretariat of secretariats.csv",
        example: ("closures.csv (secretariat,date)", "PNEUMOLOGIE,2026-12-24", "PNEUMO,2026-12-24"),
    };
    CLOSURE_OUTSIDE_HORIZON = "W0801", "a closure date lies outside the horizon; it is ignored", {
        title: "closure outside the horizon; ignored",
        fix: "nothing to do if the file is reused; otherwise check the date",
        example: ("closures.csv, horizon in December 2026", "CARDIO,2027-05-01", "CARDIO,2026-12-24"),
    };

    AVAIL_UNKNOWN_AGENT = "E0811", "an availability row names an unknown agent", {
        title: "availability: unknown agent",
        fix: "name an agent of agents.csv",
        example: ("availability.csv (agent,day,kind)", "A9,MON,off", "A1,MON,off"),
    };
    AVAIL_BAD_KIND = "E0812", "an availability `kind` is not off, prefer_off or prefer_on", {
        title: "availability: bad `kind`",
        fix: "write off (cannot work), prefer_off or prefer_on",
        example: ("availability.csv (agent,day,kind)", "A1,MON,unavailable", "A1,MON,off"),
    };
    AVAIL_UNKNOWN_SHIFT = "E0813", "an availability row names an unknown shift", {
        title: "availability: unknown shift",
        fix: "name a shift of shifts.csv, or leave `shift` empty for the whole day",
        example: ("availability.csv (agent,day,kind,shift)", "A1,MON,off,Q", "A1,MON,off,N"),
    };
    AVAIL_EMPTY_WINDOW = "E0814", "an availability window does not end after it starts", {
        title: "availability: window does not end after it starts",
        fix: "write an end after the start (24:00 for midnight)",
        example: ("availability.csv (agent,day,kind,shift,weight,start,end)", "A1,MON,off,,,14:00,12:00", "A1,MON,off,,,12:00,14:00"),
    };
    AVAIL_SHIFT_AND_WINDOW = "E0815", "an availability row gives both a shift and a window", {
        title: "availability: both a shift and a window",
        fix: "keep either `shift` or the window `start`/`end`",
        example: ("availability.csv (agent,day,kind,shift,weight,start,end)", "A1,MON,off,M,,08:00,12:00", "A1,MON,off,M,,,"),
    };
    AVAIL_HALF_WINDOW = "E0816", "an availability row gives `start` without `end` or the reverse", {
        title: "availability: `start` without `end` or the reverse",
        fix: "fill both `start` and `end`, or empty both for the whole day",
        example: ("availability.csv (agent,day,kind,shift,weight,start,end)", "A1,MON,off,,,14:00,", "A1,MON,off,,,14:00,18:00"),
    };
    AVAIL_OUTSIDE_HORIZON = "W0811", "a dated availability row lies outside the horizon; it is ignored", {
        title: "dated availability outside the horizon; ignored",
        fix: "nothing to do if the file is reused; otherwise check the date",
        example: ("availability.csv, horizon in December 2026", "A1,2027-02-01,off", "A1,2026-12-15,off"),
    };

    DUPLICATE_LEAVE = "E0901", "two leave rows have the same id", {
        title: "duplicate leave id",
        fix: "give each leave row its own id",
        example: ("leave.csv (id,agent,type,first_day,last_day,status)", "L1,A2,RTT,2026-12-18,2026-12-18,approved (a second L1)", "L4,A2,RTT,2026-12-18,2026-12-18,approved"),
    };
    LEAVE_UNKNOWN_AGENT = "E0902", "a leave row names an unknown agent", {
        title: "leave: unknown agent",
        fix: "name an agent of agents.csv",
        example: ("leave.csv (id,agent,type,first_day,last_day,status)", "L3,A7,CA,2026-12-21,2026-12-23,requested", "L3,A1,CA,2026-12-21,2026-12-23,requested"),
    };
    LEAVE_ENDS_BEFORE_START = "E0903", "a leave's `last_day` is before its `first_day`", {
        title: "leave: `last_day` before `first_day`",
        fix: "swap the dates, or check the year",
        example: ("leave.csv (id,agent,type,first_day,last_day,status)", "L3,A1,CA,2026-12-24,2026-12-22,approved", "L3,A1,CA,2026-12-22,2026-12-24,approved"),
    };
    LEAVE_BAD_STATUS = "E0904", "a leave `status` is not approved or requested", {
        title: "leave: bad status",
        fix: "write approved (a fixed absence) or requested (rota decides)",
        example: ("leave.csv (id,agent,type,first_day,last_day,status)", "L3,A1,CA,2026-12-21,2026-12-23,pending", "L3,A1,CA,2026-12-21,2026-12-23,requested"),
    };
    LEAVE_BAD_PART = "E0905", "a leave `part` is not day, am or pm", {
        title: "leave: bad part",
        fix: "write day (whole day), am (morning) or pm (afternoon), or leave it empty",
        example: ("leave.csv (id,agent,type,first_day,last_day,status,part)", "L3,A1,RTT,2026-12-21,2026-12-21,approved,morning", "L3,A1,RTT,2026-12-21,2026-12-21,approved,am"),
    };

    PLAN_UNKNOWN_AGENT = "E0951", "a planning row names an unknown agent", {
        title: "planning: unknown agent",
        fix: "use an agent id of agents.csv",
        example: ("planning.csv (agent,date,kind,code,secretariat,start,end)", "A8,2026-12-08,work,J,PNEUMO,08:30,17:00", "A2,2026-12-08,work,J,PNEUMO,08:30,17:00"),
    };
    PLAN_UNKNOWN_SHIFT = "E0952", "a work row's `code` is not a shift id", {
        title: "planning: work `code` is not a shift",
        fix: "use a shift id of shifts.csv in `code` of a work row",
        example: ("planning.csv (agent,date,kind,code,secretariat)", "A2,2026-12-08,work,Q,PNEUMO", "A2,2026-12-08,work,J,PNEUMO"),
    };
    PLAN_UNKNOWN_SECRETARIAT = "E0953", "a work row names an unknown secretariat", {
        title: "planning: unknown secretariat",
        fix: "use a secretariat id of secretariats.csv",
        example: ("planning.csv (agent,date,kind,code,secretariat)", "A2,2026-12-08,work,J,PNEUMOO", "A2,2026-12-08,work,J,PNEUMO"),
    };
    PLAN_OUTSIDE_HORIZON = "E0954", "a planning row's date lies outside the horizon", {
        title: "planning: date outside the horizon",
        fix: "remove the row, or check the date against `start` and `days` of instance.toml",
        example: ("planning.csv, horizon 2026-12-07 .. 2026-12-27", "A2,2027-01-15,work,J,PNEUMO", "A2,2026-12-15,work,J,PNEUMO"),
    };
    PLAN_BAD_KIND = "E0955", "a planning row's `kind` is not work or leave", {
        title: "planning: `kind` is not work/leave",
        fix: "write work or leave",
        example: ("planning.csv (agent,date,kind,code,secretariat)", "A2,2026-12-08,travail,J,PNEUMO", "A2,2026-12-08,work,J,PNEUMO"),
    };
    PLAN_TIMES_MISMATCH = "E0956", "a work row's `start`/`end` differ from its shift's times", {
        title: "planning: start/end differ from the shift's",
        fix: "write the shift's own times, or leave start and end empty",
        example: ("planning.csv (agent,date,kind,code,secretariat,start,end)", "A2,2026-12-08,work,J,PNEUMO,08:15,17:00", "A2,2026-12-08,work,J,PNEUMO,08:30,17:00"),
    };
    PLAN_BAD_LOCKED = "E0957", "a `locked` cell is not 1 or 0", {
        title: "planning: bad `locked`",
        fix: "write 1 to pin the row, 0 or nothing otherwise",
        example: ("planning.csv (agent,date,kind,code,secretariat,start,end,minutes,locked)", "A1,2026-12-07,work,M,CARDIO,08:00,12:30,270,2", "A1,2026-12-07,work,M,CARDIO,08:00,12:30,270,1"),
    };
}

/// The catalogue entry of a code (any case), if it exists.
pub fn lookup(code: &str) -> Option<&'static Code> {
    CATALOGUE
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code.trim()))
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

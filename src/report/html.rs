//! `planning.html`: one self-contained page (inline CSS and JavaScript, no
//! network access) for pôle meetings and référents. Absence types are
//! personal data, so the page is the référents' view: every leave is
//! shown `ABS`, in the grid and in the causes of gaps.
//!
//! Sections, in order: filters (pôle, secretariat; also read from the
//! address, e.g. `planning.html#pole=Cardio&sec=ECHO`); a per-pôle summary
//! ([`super::meeting`]: coverage rate of minimum needs, overtime hours,
//! under-hours, refused requests, uncovered windows); the planning grid
//! (one `tr.agent` per agent, grouped by pôle and home secretariat, one
//! `td.cell` per day, as in `planning_referents.csv`); a coverage heat-map
//! per pôle (one `td.hm` per secretariat and day with the day's rate of
//! minimum needs covered); the uncovered windows with their causes (who
//! is absent, who could come); the refused leave requests with their
//! reasons. Rows carry `data-pole`/`data-sec`/`data-agent`/`data-date`
//! attributes, which the filters and the tests read. No date or time of
//! the run is written, so two writes give the same bytes.

use super::coverage::CoverageRow;
use super::grid::{
    agent_pole, cell_rgb, cell_text, day_heading, is_shaded, planning_grid, poles, secretariat_rgb,
};
use super::leave_decisions::{LeaveDecision, NO_REASON};
use super::meeting::{daily_cover, pole_summaries, Cover};
use crate::check::REDACTED_LEAVE_TYPE;
use crate::domain::calendar::format_hhmm;
use crate::domain::leave::requests_in_order;
use crate::domain::{Instance, Planning};
use crate::replace::UncoveredNeed;
use std::fmt::Write;

const STYLE: &str = "
body{font-family:system-ui,Segoe UI,Arial,sans-serif;margin:1em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}h3{font-size:1em}
table{border-collapse:collapse;font-size:12px;margin-bottom:1em}
th,td{border:1px solid #bbb;padding:2px 4px;text-align:center;white-space:nowrap}
th{background:#f3f3f3;position:sticky;top:0}
td.name{text-align:left}
th.shade{background:#d9d9d9}
.gap{background:#ea9999}
.wrap{overflow:auto;max-height:80vh}
.legend span{display:inline-block;padding:2px 6px;margin:2px;border:1px solid #bbb}
#filters{position:sticky;top:0;background:#fff;padding:.5em 0;z-index:2}
td.left{text-align:left;white-space:normal;max-width:40em}
";

const SCRIPT: &str = "
(function(){
  var fp=document.getElementById('f-pole'),fs=document.getElementById('f-sec');
  var rows=document.querySelectorAll('tr.agent');
  var poles=[],secs=[];
  rows.forEach(function(r){
    if(poles.indexOf(r.dataset.pole)<0)poles.push(r.dataset.pole);
  });
  document.querySelectorAll('tr[data-pole][data-sec]').forEach(function(e){
    var k=e.dataset.pole+'\\u0000'+e.dataset.sec;
    if(e.dataset.sec&&secs.indexOf(k)<0)secs.push(k);
  });
  function add(sel,value,text){var o=document.createElement('option');o.value=value;o.textContent=text;sel.appendChild(o);}
  poles.forEach(function(p){add(fp,p,p);});
  function fillSecs(){
    while(fs.options.length>1)fs.remove(1);
    var seen=[];
    secs.forEach(function(k){var p=k.split('\\u0000');
      if((!fp.value||p[0]===fp.value)&&seen.indexOf(p[1])<0){seen.push(p[1]);add(fs,p[1],p[1]);}});
  }
  function apply(){
    var p=fp.value,s=fs.value;
    document.querySelectorAll('tr[data-pole],section[data-pole]').forEach(function(e){
      var ok=(!p||e.dataset.pole===p)&&(!s||!e.dataset.sec||e.dataset.sec===s);
      e.hidden=!ok;
    });
  }
  var h=new URLSearchParams(location.hash.slice(1));
  fp.value=h.get('pole')||'';fillSecs();fs.value=h.get('sec')||'';
  if(fp.value!==(h.get('pole')||''))fp.value='';
  apply();
  fp.addEventListener('change',function(){fillSecs();fs.value='';apply();});
  fs.addEventListener('change',apply);
})();
";

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The rate as a whole percentage, rounded down (so 99.9 % never shows 100).
pub fn percent(rate: f64) -> u32 {
    (rate * 100.0 + 1e-9).floor().clamp(0.0, 100.0) as u32
}

/// Heat-map colour of a rate.
fn heat_rgb(rate: f64) -> u32 {
    if rate >= 1.0 - 1e-9 {
        0xB6D7A8
    } else if rate >= 0.75 {
        0xFFE599
    } else if rate >= 0.5 {
        0xF9CB9C
    } else {
        0xEA9999
    }
}

/// `37h30`.
fn hours(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    format!("{sign}{}h{:02}", m / 60, m % 60)
}

/// The text of `planning.html`.
pub fn planning_html(
    inst: &Instance,
    planning: &Planning,
    coverage: &[CoverageRow],
    decisions: &[LeaveDecision],
    gaps: &[UncoveredNeed],
) -> String {
    let mut h = String::new();
    let title = format!("Planning — {}", inst.name);
    let last = inst.horizon.date(inst.horizon.days.saturating_sub(1));
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n\
         <p>Du {} au {} — {} agents, {} secrétariats. Absences affichées <b>{}</b>.</p>\n",
        escape(&title),
        escape(&title),
        inst.horizon.start.format("%d/%m/%Y"),
        last.format("%d/%m/%Y"),
        inst.agents.len(),
        inst.secretariats.len(),
        REDACTED_LEAVE_TYPE,
    );
    h.push_str(
        "<div id=\"filters\">Pôle <select id=\"f-pole\"><option value=\"\">tous</option></select>\n\
         Secrétariat <select id=\"f-sec\"><option value=\"\">tous</option></select></div>\n",
    );
    summary_section(&mut h, inst, planning, coverage);
    grid_section(&mut h, inst, planning);
    heatmap_section(&mut h, inst, coverage);
    gaps_section(&mut h, inst, coverage, gaps);
    refused_section(&mut h, inst, planning, decisions);
    let _ = write!(h, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    h
}

fn summary_section(h: &mut String, inst: &Instance, planning: &Planning, coverage: &[CoverageRow]) {
    h.push_str(
        "<h2>Synthèse par pôle</h2>\n<table id=\"summary\">\n<tr><th>Pôle</th><th>Agents</th>\
         <th>Couverture des besoins minimaux</th><th>Créneaux non couverts</th>\
         <th>Heures sup.</th><th>Heures non faites</th><th>Demandes refusées</th></tr>\n",
    );
    for s in pole_summaries(inst, planning, coverage) {
        let rate = s
            .cover
            .rate()
            .map(|r| format!("{} %", percent(r)))
            .unwrap_or_else(|| "—".into());
        let _ = writeln!(
            h,
            "<tr data-pole=\"{p}\"><td class=\"name\">{p}</td><td>{}</td>\
             <td class=\"rate\">{rate}</td><td>{}</td><td>{}</td><td>{}</td><td>{} / {}</td></tr>",
            s.agents,
            s.gaps,
            hours(s.overtime_minutes),
            hours(s.under_minutes),
            s.refused,
            s.requests,
            p = escape(&s.pole),
        );
    }
    h.push_str("</table>\n");
}

fn day_headers(h: &mut String, inst: &Instance) {
    for day in inst.horizon.all_days() {
        let _ = write!(
            h,
            "<th{} data-date=\"{}\">{}</th>",
            if is_shaded(inst, day) {
                " class=\"shade\""
            } else {
                ""
            },
            inst.horizon.date(day).format("%Y-%m-%d"),
            escape(&day_heading(inst, day)),
        );
    }
}

fn grid_section(h: &mut String, inst: &Instance, planning: &Planning) {
    let grid = planning_grid(inst, planning, true);
    h.push_str("<h2>Planning</h2>\n<p class=\"legend\">");
    for (idx, s) in inst.secretariats.iter().enumerate() {
        let _ = write!(
            h,
            "<span style=\"background:#{:06X}\" title=\"{}\">{}</span>",
            secretariat_rgb(idx),
            escape(&s.name),
            escape(&s.id)
        );
    }
    let _ = writeln!(
        h,
        "<span style=\"background:#{:06X}\">{}</span> <code>SHIFT@SEC</code>: hors du \
         secrétariat d'affectation</p>",
        super::grid::ABSENCE_RGB,
        REDACTED_LEAVE_TYPE
    );
    h.push_str(
        "<div class=\"wrap\"><table id=\"grid\">\n<thead><tr><th>Pôle</th><th>Secrétariat</th>\
         <th>Agent</th>",
    );
    day_headers(h, inst);
    h.push_str("</tr></thead>\n<tbody>\n");
    for &agent in &grid.agents {
        let a = &inst.agents[agent];
        let home = inst
            .secretariats
            .get(a.home)
            .map(|s| s.id.as_str())
            .unwrap_or("");
        let pole = agent_pole(inst, agent);
        let _ = write!(
            h,
            "<tr class=\"agent\" data-agent=\"{}\" data-pole=\"{}\" data-sec=\"{}\">\
             <td class=\"name\">{}</td><td class=\"name\">{}</td><td class=\"name\" title=\"{}\">{}</td>",
            escape(&a.id),
            escape(pole),
            escape(home),
            escape(pole),
            escape(home),
            escape(&a.id),
            escape(if a.name.trim().is_empty() {
                &a.id
            } else {
                &a.name
            }),
        );
        for day in inst.horizon.all_days() {
            let entries = grid.entries(agent, day);
            let style = cell_rgb(inst, day, entries)
                .map(|rgb| format!(" style=\"background:#{rgb:06X}\""))
                .unwrap_or_default();
            let _ = write!(
                h,
                "<td class=\"cell\" data-date=\"{}\"{style}>{}</td>",
                inst.horizon.date(day).format("%Y-%m-%d"),
                escape(&cell_text(inst, agent, entries)),
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
}

fn heatmap_section(h: &mut String, inst: &Instance, coverage: &[CoverageRow]) {
    let daily = daily_cover(inst, coverage);
    h.push_str(
        "<h2>Couverture des besoins minimaux</h2>\n<p>Part des agent-heures minimales tenues, \
         par secrétariat et par jour (— : aucun besoin).</p>\n",
    );
    for pole in poles(inst) {
        let _ = write!(
            h,
            "<section class=\"heatmap\" data-pole=\"{p}\"><h3>{p}</h3>\n<div class=\"wrap\">\
             <table>\n<tr><th>Secrétariat</th>",
            p = escape(&pole)
        );
        day_headers(h, inst);
        h.push_str("</tr>\n");
        for (sec, s) in inst.secretariats.iter().enumerate() {
            if s.pole != pole {
                continue;
            }
            let _ = write!(
                h,
                "<tr data-pole=\"{}\" data-sec=\"{}\"><td class=\"name\" title=\"{}\">{}</td>",
                escape(&pole),
                escape(&s.id),
                escape(&s.name),
                escape(&s.id)
            );
            for day in inst.horizon.all_days() {
                let c = daily
                    .get(sec)
                    .and_then(|d| d.get(day))
                    .copied()
                    .unwrap_or(Cover::default());
                let date = inst.horizon.date(day).format("%Y-%m-%d");
                match c.rate() {
                    Some(rate) => {
                        let _ = write!(
                            h,
                            "<td class=\"hm\" data-sec=\"{}\" data-date=\"{date}\" \
                             data-rate=\"{}\" style=\"background:#{:06X}\" \
                             title=\"{} / {} agent-heures\">{} %</td>",
                            escape(&s.id),
                            percent(rate),
                            heat_rgb(rate),
                            hours(c.covered),
                            hours(c.need),
                            percent(rate),
                        );
                    }
                    None => {
                        let _ = write!(
                            h,
                            "<td class=\"hm\" data-sec=\"{}\" data-date=\"{date}\"{}>—</td>",
                            escape(&s.id),
                            if is_shaded(inst, day) {
                                " style=\"background:#D9D9D9\""
                            } else {
                                ""
                            }
                        );
                    }
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</table></div></section>\n");
    }
}

/// The causes of one gap in plain words, leave types redacted.
fn causes(inst: &Instance, gap: &UncoveredNeed) -> String {
    let name = |a: usize| inst.agents.get(a).map(|x| x.id.clone()).unwrap_or_default();
    let mut parts = Vec::new();
    if !gap.absent.is_empty() {
        let who: Vec<String> = gap
            .absent
            .iter()
            .map(|(a, kind)| {
                let kind = if kind == "off" {
                    "indisponible"
                } else {
                    REDACTED_LEAVE_TYPE
                };
                format!("{} ({kind})", name(*a))
            })
            .collect();
        parts.push(format!("absentes : {}", who.join(", ")));
    }
    let free: Vec<String> = gap
        .candidates
        .iter()
        .filter(|c| c.blocked_by.is_empty())
        .map(|c| name(c.agent))
        .collect();
    if !free.is_empty() {
        parts.push(format!("pourraient venir : {}", free.join(", ")));
    }
    let blocked: Vec<String> = gap
        .candidates
        .iter()
        .filter(|c| !c.blocked_by.is_empty() && c.absence.is_none())
        .map(|c| {
            let rules: Vec<&str> = c.blocked_by.iter().map(|f| f.name()).collect();
            format!("{} ({})", name(c.agent), rules.join(", "))
        })
        .collect();
    if !blocked.is_empty() {
        parts.push(format!("bloquées par une règle : {}", blocked.join(", ")));
    }
    if gap.eligible == 0 {
        parts.push("aucun autre agent ne peut y travailler".into());
    }
    parts.join(" ; ")
}

fn gaps_section(h: &mut String, inst: &Instance, coverage: &[CoverageRow], gaps: &[UncoveredNeed]) {
    h.push_str(
        "<h2>Besoins minimaux non couverts</h2>\n<table id=\"gaps\">\n<tr><th>Pôle</th>\
         <th>Secrétariat</th><th>Date</th><th>Créneau</th><th>Min</th><th>Affectés</th>\
         <th>Manque</th><th>Causes</th></tr>\n",
    );
    let mut any = false;
    for r in coverage.iter().filter(|r| r.shortfall() > 0) {
        any = true;
        let Some(s) = inst.secretariats.get(r.secretariat) else {
            continue;
        };
        let window = match r.shift.and_then(|k| inst.shifts.get(k)) {
            Some(shift) => format!(
                "{} ({}–{})",
                shift.id,
                format_hhmm(r.start),
                format_hhmm(r.end)
            ),
            None => format!("{}–{}", format_hhmm(r.start), format_hhmm(r.end)),
        };
        let cause = gaps
            .iter()
            .find(|g| {
                g.secretariat == r.secretariat
                    && g.day == r.day
                    && g.start == r.start
                    && g.end == r.end
                    && g.shift == r.shift
            })
            .map(|g| causes(inst, g))
            .unwrap_or_default();
        let date = inst.horizon.start + chrono::Duration::days(r.day as i64);
        let _ = writeln!(
            h,
            "<tr class=\"gap-row\" data-pole=\"{}\" data-sec=\"{}\" data-date=\"{}\"><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"gap\">{}</td>\
             <td class=\"left\">{}</td></tr>",
            escape(&s.pole),
            escape(&s.id),
            date.format("%Y-%m-%d"),
            escape(&s.pole),
            escape(&s.id),
            date.format("%d/%m/%Y"),
            window,
            r.min,
            r.assigned,
            r.shortfall(),
            escape(&cause),
        );
    }
    if !any {
        h.push_str(
            "<tr><td colspan=\"8\">Aucun : tous les besoins minimaux sont tenus.</td></tr>\n",
        );
    }
    h.push_str("</table>\n");
}

/// The type of a refused request as shown: `CA` and `RTT` are congés
/// anyone may see; any other type is personal data and shows `ABS`.
fn request_type(leave_type: &str) -> &str {
    if leave_type.eq_ignore_ascii_case("CA") || leave_type.eq_ignore_ascii_case("RTT") {
        leave_type
    } else {
        REDACTED_LEAVE_TYPE
    }
}

fn refused_section(
    h: &mut String,
    inst: &Instance,
    planning: &Planning,
    decisions: &[LeaveDecision],
) {
    h.push_str(
        "<h2>Demandes de congé refusées</h2>\n<table id=\"refused\">\n<tr><th>Pôle</th>\
         <th>Demande</th><th>Agent</th><th>Type</th><th>Du</th><th>Au</th><th>Motif</th></tr>\n",
    );
    let mut any = false;
    for idx in requests_in_order(inst) {
        if planning.granted.contains(&idx) {
            continue;
        }
        any = true;
        let l = &inst.leaves[idx];
        let agent = inst.agents.get(l.agent);
        let pole = agent_pole(inst, l.agent);
        let home = agent
            .and_then(|a| inst.secretariats.get(a.home))
            .map(|s| s.id.as_str())
            .unwrap_or("");
        let reason = decisions
            .iter()
            .find(|d| d.leave == idx && !d.granted && !d.reason.trim().is_empty())
            .map(|d| d.reason.trim().to_string())
            .unwrap_or_else(|| NO_REASON.to_string());
        let _ = writeln!(
            h,
            "<tr class=\"refused-row\" data-pole=\"{p}\" data-sec=\"{}\"><td>{p}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"left\">{}</td></tr>",
            escape(home),
            escape(&l.id),
            escape(agent.map(|a| a.id.as_str()).unwrap_or("")),
            escape(request_type(&l.leave_type)),
            l.first_day.format("%d/%m/%Y"),
            l.last_day.format("%d/%m/%Y"),
            escape(&reason),
            p = escape(pole),
        );
    }
    if !any {
        h.push_str("<tr><td colspan=\"7\">Aucune.</td></tr>\n");
    }
    h.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::coverage::coverage_rows;
    use crate::report::testutil::tiny;

    #[test]
    fn tiny_page_has_one_row_per_agent_and_the_heat_map() {
        let (inst, p) = tiny();
        let rows = coverage_rows(&inst, &p);
        let decisions = vec![LeaveDecision {
            leave: 1,
            granted: false,
            reason: "CARDIO <Wed>".into(),
        }];
        let html = planning_html(&inst, &p, &rows, &decisions, &[]);
        assert_eq!(html.matches("<tr class=\"agent\"").count(), 2);
        assert!(html.contains(
            "<td class=\"hm\" data-sec=\"CARDIO\" data-date=\"2026-12-07\" data-rate=\"44\""
        ));
        assert!(html.contains("data-date=\"2026-12-09\" data-rate=\"100\""));
        // Référents' view: leave shown ABS, never the type.
        assert!(html.contains(">ABS N</td>"), "{html}");
        assert!(!html.contains(">CA</td>"));
        assert!(html.contains("CARDIO &lt;Wed&gt;"));
        assert_eq!(html.matches("<tr class=\"gap-row\"").count(), 3);
        assert!(!html.contains("http"), "no network access");
        assert_eq!(html, planning_html(&inst, &p, &rows, &decisions, &[]));
    }

    #[test]
    fn percent_never_rounds_up_to_full_coverage() {
        assert_eq!(percent(0.999), 99);
        assert_eq!(percent(1.0), 100);
        assert_eq!(percent(240.0 / 540.0), 44);
        assert_eq!(escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
    }
}

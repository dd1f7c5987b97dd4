//! Writes a generated CHU as the files of an instance folder (SPEC §2):
//! `,`-separated CSV with a header row, LF line endings, ISO dates, `.`
//! decimals, English weekdays. Rows come out in a fixed order, so the same
//! CHU always gives the same bytes.

use super::build::Chu;

/// Quotes a CSV cell when it needs it.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `37.5`, `2` (no trailing `.0`).
fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn opt_num(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

fn csv(header: &str, rows: Vec<Vec<String>>) -> String {
    let mut out = String::from(header);
    out.push('\n');
    for r in rows {
        out.push_str(&r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// The files of the instance folder, in a fixed order.
pub(crate) fn files(chu: &Chu) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();

    let holidays: Vec<String> = chu
        .holidays
        .iter()
        .map(|d| format!("\"{}\"", d.format("%Y-%m-%d")))
        .collect();
    out.push((
        "instance.toml".into(),
        format!(
            "name = \"{}\"\nstart = \"{}\"\ndays = {}\nholidays = [{}]\n\n[rules]\n# French public-hospital defaults (décret 2002-9): 37.5 h contracts, 9 h a day,\n# 12 h daily rest, 36 h weekly rest, 48 h over any 7 days.\n\n[weights]\n",
            chu.name.replace('"', "'"),
            chu.start.format("%Y-%m-%d"),
            chu.days,
            holidays.join(", ")
        ),
    ));

    out.push((
        "shifts.csv".into(),
        csv(
            "id,start,end,break_minutes,label,cannot_follow",
            [
                ["M", "08:00", "12:30", "0", "Matin"],
                ["S", "13:00", "17:30", "0", "Après-midi"],
                ["J", "08:30", "17:00", "60", "Journée"],
                ["L", "10:30", "18:30", "60", "Journée longue"],
            ]
            .iter()
            .map(|r| {
                r.iter()
                    .map(|s| s.to_string())
                    .chain([String::new()])
                    .collect()
            })
            .collect(),
        ),
    ));

    out.push((
        "secretariats.csv".into(),
        csv(
            "id,name,pole,days,opens,closes",
            chu.secs
                .iter()
                .map(|s| {
                    vec![
                        s.id.clone(),
                        s.name.clone(),
                        s.pole.clone(),
                        "MON|TUE|WED|THU|FRI".into(),
                        "08:00".into(),
                        "18:30".into(),
                    ]
                })
                .collect(),
        ),
    ));

    out.push((
        "pools.csv".into(),
        csv(
            "pool,secretariat",
            chu.pools
                .iter()
                .flat_map(|p| {
                    p.members
                        .iter()
                        .map(move |&m| vec![p.id.clone(), chu.secs[m].id.clone()])
                })
                .collect(),
        ),
    ));

    out.push((
        "contracts.csv".into(),
        csv(
            "id,weekly_hours,max_days_per_week,max_consecutive_days,min_consecutive_days,min_consecutive_days_off,max_weekends,min_total_hours,max_total_hours,max_shifts",
            vec![
                ["C375", "37.5", "5", "", "", "", "", "", "", ""].iter().map(|s| s.to_string()).collect(),
                ["C35", "35", "5", "", "", "", "", "", "", ""].iter().map(|s| s.to_string()).collect(),
            ],
        ),
    ));

    out.push((
        "agents.csv".into(),
        csv(
            "id,name,contract,rate,home,covers,skills,overtime_month_hours_done,ca_days_left,rtt_days_left",
            chu.agents
                .iter()
                .map(|a| {
                    let covers: Vec<String> = a
                        .covers_pools
                        .iter()
                        .map(|&p| chu.pools[p].id.clone())
                        .chain(a.covers_secs.iter().map(|&s| chu.secs[s].id.clone()))
                        .collect();
                    vec![
                        a.id.clone(),
                        a.name.clone(),
                        a.contract.into(),
                        a.rate.to_string(),
                        chu.secs[a.home].id.clone(),
                        covers.join("|"),
                        a.skills.clone(),
                        num(a.overtime_done),
                        num(a.ca_left),
                        num(a.rtt_left),
                    ]
                })
                .collect(),
        ),
    ));

    out.push((
        "needs.csv".into(),
        csv(
            "secretariat,day,start,end,min,target,max,label,weight_under,weight_over",
            chu.needs
                .iter()
                .map(|n| {
                    vec![
                        chu.secs[n.sec].id.clone(),
                        n.day.clone(),
                        n.start.into(),
                        n.end.into(),
                        n.min.to_string(),
                        n.target.to_string(),
                        n.max.map(|m| m.to_string()).unwrap_or_default(),
                        n.label.clone(),
                        opt_num(n.weight_under),
                        String::new(),
                    ]
                })
                .collect(),
        ),
    ));

    out.push((
        "closures.csv".into(),
        csv(
            "secretariat,date,label",
            chu.closures
                .iter()
                .map(|c| {
                    vec![
                        chu.secs[c.sec].id.clone(),
                        c.date.format("%Y-%m-%d").to_string(),
                        c.label.clone(),
                    ]
                })
                .collect(),
        ),
    ));

    let mut avail: Vec<&super::build::AvailG> = chu.availability.iter().collect();
    avail.sort_by_key(|r| r.agent);
    out.push((
        "availability.csv".into(),
        csv(
            "agent,day,kind,shift,weight,start,end",
            avail
                .iter()
                .map(|r| {
                    let (s, e) = r.window.unwrap_or(("", ""));
                    vec![
                        chu.agents[r.agent].id.clone(),
                        r.day.clone(),
                        r.kind.into(),
                        r.shift.into(),
                        opt_num(r.weight),
                        s.into(),
                        e.into(),
                    ]
                })
                .collect(),
        ),
    ));

    let mut leaves: Vec<&super::build::LeaveG> = chu.leaves.iter().collect();
    leaves.sort_by_key(|l| (l.agent, l.first));
    out.push((
        "leave.csv".into(),
        csv(
            "id,agent,type,first_day,last_day,status,part,requested_on,priority",
            leaves
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    vec![
                        format!("L{:03}", i + 1),
                        chu.agents[l.agent].id.clone(),
                        l.kind.into(),
                        l.first.format("%Y-%m-%d").to_string(),
                        l.last.format("%Y-%m-%d").to_string(),
                        if l.approved {
                            "approved".into()
                        } else {
                            "requested".into()
                        },
                        l.part.into(),
                        l.requested_on
                            .map(|d| d.format("%Y-%m-%d").to_string())
                            .unwrap_or_default(),
                        l.priority.map(|p| p.to_string()).unwrap_or_default(),
                    ]
                })
                .collect(),
        ),
    ));
    out
}

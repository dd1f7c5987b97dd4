//! Pairwise conflicts as clique rows. The families one_shift_at_a_time,
//! max_amplitude, min_daily_rest and cannot_follow each declare which pairs
//! of (day offset, shift kind) in a two-day window may not both be worked
//! (a [`constraints::ConflictFn`]). Conflicts depend only on shift kinds
//! and the day offset, so the union graph is built once, its maximal cliques
//! enumerated (Bron–Kerbosch with pivot), and each clique becomes, for every
//! agent and day, the row `Σ z ≤ 1` (or `Σ z ≤ w[a, d]` when the clique lies
//! within one day) over the kinds that agent may work. This is the standard
//! strong formulation: no big-M, and one row replaces many pairwise rows.

use super::constraints::{self, REGISTRY};
use super::{Builder, Lin};
use crate::domain::{RuleFamily, ShiftIdx};

/// A node of the two-day window: (day offset 0 or 1, shift kind).
pub(crate) type Node = (usize, ShiftIdx);

/// Above this many maximal cliques, fall back to one row per conflicting pair.
const MAX_CLIQUES: usize = 5000;

#[allow(clippy::needless_range_loop)]
/// Adds the clique rows; returns `covered[agent][day][shift]`: kinds that
/// appear in a same-day clique row `Σ z ≤ w` (their `w ≥ z` is implied).
pub(crate) fn add_cliques(b: &mut Builder) -> Vec<Vec<Vec<bool>>> {
    let n_shifts = b.inst.shifts.len();
    let days = b.days();
    let mut covered = vec![vec![vec![false; n_shifts]; days]; b.inst.agents.len()];
    let fams: Vec<(RuleFamily, constraints::ConflictFn)> = REGISTRY
        .iter()
        .filter(|f| b.enabled(f.family))
        .filter_map(|f| f.conflicts.map(|c| (f.family, c)))
        .collect();
    if fams.is_empty() || n_shifts == 0 {
        return covered;
    }
    // Graph over 2·S nodes: index = offset·S + s. Edge tag = first family (registry order).
    let n = 2 * n_shifts;
    let node = |i: usize| -> Node { (i / n_shifts, i % n_shifts) };
    let mut tag: Vec<Vec<Option<RuleFamily>>> = vec![vec![None; n]; n];
    for i in 0..n {
        for j in (i + 1)..n {
            let (ni, nj) = (node(i), node(j));
            if ni.0 == 1 && nj.0 == 1 {
                continue; // same as offset 0, filled below
            }
            if let Some(&(f, _)) = fams.iter().find(|(_, c)| c(b, ni, nj)) {
                tag[i][j] = Some(f);
                tag[j][i] = Some(f);
            }
        }
    }
    for i in 0..n_shifts {
        for j in 0..n_shifts {
            if i != j {
                tag[n_shifts + i][n_shifts + j] = tag[i][j];
            }
        }
    }
    let cliques = maximal_cliques(&tag, n);
    // Keep cliques with an edge: same-day ones (offset 0 only) and mixed ones.
    let mut same_day: Vec<(Vec<ShiftIdx>, RuleFamily)> = Vec::new();
    let mut mixed: Vec<(Vec<Node>, RuleFamily)> = Vec::new();
    for c in &cliques {
        if c.len() < 2 {
            continue;
        }
        let fam = clique_family(&tag, c);
        let offsets: Vec<usize> = c.iter().map(|&i| i / n_shifts).collect();
        if offsets.iter().all(|&o| o == 0) {
            same_day.push((c.iter().map(|&i| i % n_shifts).collect(), fam));
        } else if offsets.contains(&0) {
            mixed.push((c.iter().map(|&i| node(i)).collect(), fam));
        }
    }
    let agents = b.agents.clone();
    for &a in &agents {
        for d in 0..days {
            // Same-day cliques restricted to her kinds, deduplicated, subsets removed.
            let mut sets: Vec<(Vec<ShiftIdx>, RuleFamily)> = same_day
                .iter()
                .map(|(k, f)| {
                    (
                        k.iter()
                            .copied()
                            .filter(|&s| b.has(a, d, s))
                            .collect::<Vec<_>>(),
                        *f,
                    )
                })
                .filter(|(k, _)| k.len() >= 2)
                .collect();
            prune(&mut sets);
            for (k, fam) in sets {
                let mut l = Lin::default();
                for &s in &k {
                    l.add_lin(&b.z(a, d, s), 1.0);
                    covered[a][d][s] = true;
                }
                match b.work_var[a][d] {
                    Some(w) => {
                        l.add(w, -1.0);
                        b.le(fam, &l, 0.0);
                    }
                    None => b.le(fam, &l, 1.0),
                }
            }
            if d + 1 >= days {
                continue;
            }
            let mut sets: Vec<(Vec<Node>, RuleFamily)> = mixed
                .iter()
                .map(|(k, f)| {
                    (
                        k.iter()
                            .copied()
                            .filter(|&(o, s)| b.has(a, d + o, s))
                            .collect::<Vec<_>>(),
                        *f,
                    )
                })
                .filter(|(k, _)| k.iter().any(|n| n.0 == 0) && k.iter().any(|n| n.0 == 1))
                .collect();
            prune(&mut sets);
            for (k, fam) in sets {
                let mut l = Lin::default();
                for &(o, s) in &k {
                    l.add_lin(&b.z(a, d + o, s), 1.0);
                }
                b.le(fam, &l, 1.0);
            }
        }
    }
    covered
}

/// The family a clique row is counted under: the first in registry order
/// among its edges.
fn clique_family(tag: &[Vec<Option<RuleFamily>>], c: &[usize]) -> RuleFamily {
    let mut best: Option<RuleFamily> = None;
    for (x, &i) in c.iter().enumerate() {
        for &j in &c[x + 1..] {
            if let Some(f) = tag[i][j] {
                let pos = |f: RuleFamily| {
                    REGISTRY
                        .iter()
                        .position(|r| r.family == f)
                        .unwrap_or(usize::MAX)
                };
                if best.is_none_or(|b| pos(f) < pos(b)) {
                    best = Some(f);
                }
            }
        }
    }
    best.unwrap_or(RuleFamily::OneShiftAtATime)
}

/// Removes duplicates and sets contained in another (keeps first order).
fn prune<T: PartialEq + Clone>(sets: &mut Vec<(Vec<T>, RuleFamily)>) {
    let all = sets.clone();
    let mut keep: Vec<(Vec<T>, RuleFamily)> = Vec::new();
    for (i, (s, f)) in all.iter().enumerate() {
        let dominated = all.iter().enumerate().any(|(j, (t, _))| {
            j != i
                && t.len() >= s.len()
                && s.iter().all(|x| t.contains(x))
                && (t.len() > s.len() || j < i)
        });
        if !dominated {
            keep.push((s.clone(), *f));
        }
    }
    *sets = keep;
}

#[allow(clippy::needless_range_loop)]
/// Maximal cliques of the graph (`tag[i][j]` is Some for an edge), each
/// sorted ascending, in a deterministic order. Falls back to the edges
/// themselves when the graph is too large or has too many cliques.
fn maximal_cliques(tag: &[Vec<Option<RuleFamily>>], n: usize) -> Vec<Vec<usize>> {
    let edges = || {
        let mut out = Vec::new();
        for i in 0..n {
            for j in (i + 1)..n {
                if tag[i][j].is_some() {
                    out.push(vec![i, j]);
                }
            }
        }
        out
    };
    if n > 128 {
        return edges();
    }
    let adj: Vec<u128> = (0..n)
        .map(|i| {
            (0..n)
                .filter(|&j| tag[i][j].is_some())
                .fold(0u128, |m, j| m | (1u128 << j))
        })
        .collect();
    let mut out: Vec<u128> = Vec::new();
    let all: u128 = if n == 128 {
        u128::MAX
    } else {
        (1u128 << n) - 1
    };
    if !bron_kerbosch(0, all, 0, &adj, &mut out) {
        return edges();
    }
    let mut cliques: Vec<Vec<usize>> = out
        .into_iter()
        .map(|m| (0..n).filter(|&i| m & (1u128 << i) != 0).collect())
        .collect();
    cliques.sort();
    cliques
}

/// Bron–Kerbosch with pivot; false when more than [`MAX_CLIQUES`] were found.
fn bron_kerbosch(r: u128, mut p: u128, mut x: u128, adj: &[u128], out: &mut Vec<u128>) -> bool {
    if p == 0 && x == 0 {
        out.push(r);
        return out.len() <= MAX_CLIQUES;
    }
    let px = p | x;
    let pivot = (0..adj.len())
        .filter(|&u| px & (1u128 << u) != 0)
        .max_by_key(|&u| ((p & adj[u]).count_ones(), std::cmp::Reverse(u)))
        .unwrap_or(0);
    let candidates = p & !adj[pivot];
    for v in 0..adj.len() {
        let bit = 1u128 << v;
        if candidates & bit == 0 {
            continue;
        }
        if !bron_kerbosch(r | bit, p & adj[v], x & adj[v], adj, out) {
            return false;
        }
        p &= !bit;
        x |= bit;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<Option<RuleFamily>>> {
        let mut t = vec![vec![None; n]; n];
        for &(i, j) in edges {
            t[i][j] = Some(RuleFamily::OneShiftAtATime);
            t[j][i] = Some(RuleFamily::OneShiftAtATime);
        }
        t
    }

    #[test]
    fn maximal_cliques_of_a_triangle_with_a_tail() {
        let t = graph(4, &[(0, 1), (1, 2), (0, 2), (2, 3)]);
        assert_eq!(maximal_cliques(&t, 4), vec![vec![0, 1, 2], vec![2, 3]]);
    }

    #[test]
    fn prune_drops_subsets_and_duplicates() {
        let f = RuleFamily::OneShiftAtATime;
        let mut s = vec![
            (vec![1, 2], f),
            (vec![1, 2, 3], f),
            (vec![1, 2, 3], f),
            (vec![4, 5], f),
        ];
        prune(&mut s);
        assert_eq!(s, vec![(vec![1, 2, 3], f), (vec![4, 5], f)]);
    }
}

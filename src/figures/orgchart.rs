//! The decision-making map's layout: a tidy tree of the client's reporting lines.
//!
//! Parents are centred over their children, siblings are ordered by decision power then
//! name, and subtrees never overlap: each subtree gets the width of its widest level, a
//! simple variant of Reingold–Tilford, in time linear in the number of people.
//! External stakeholders (consultancies, partners) sit in a band of their own.

use crate::model::{Account, Stakeholder};

/// A placed box, in points, relative to the chart's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Index in `Account::stakeholders`.
    pub stakeholder: usize,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Depth in the tree (0 for roots; externals are on their own band).
    pub depth: usize,
}

/// Box and spacing sizes of a layout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Box width.
    pub w: f64,
    /// Box height.
    pub h: f64,
    /// Horizontal gap between neighbouring boxes.
    pub gap: f64,
    /// Vertical distance between levels (box top to box top).
    pub level: f64,
    /// Stack a manager's reports under it when they have no reports of their own: a wide
    /// team then takes one column instead of one row.
    pub stack_leaves: bool,
}

/// A laid-out chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Internal stakeholders' boxes.
    pub boxes: Vec<Placed>,
    /// External stakeholders' boxes (one row under the band's label).
    pub external: Vec<Placed>,
    /// Reporting lines as (manager, report, stacked) — stacked reports hang in columns
    /// under their manager instead of a row beneath it.
    pub edges: Vec<(usize, usize, bool)>,
    /// Total width and height of the internal tree.
    pub size: (f64, f64),
}

/// Children of each stakeholder (internal only, within `allowed`), siblings by power (high
/// first) then name. Ids are looked up in a map: with thousands of people a search per link
/// made this quadratic.
fn children(a: &Account, allowed: Option<&[usize]>) -> (Vec<usize>, Vec<Vec<usize>>) {
    let s = &a.stakeholders;
    let mut within = vec![allowed.is_none(); s.len()];
    for &i in allowed.unwrap_or(&[]) {
        if let Some(w) = within.get_mut(i) {
            *w = true;
        }
    }
    let ids: std::collections::HashMap<&str, usize> = s.iter().enumerate().map(|(i, x)| (x.id.as_str(), i)).collect();
    let mut kids = vec![Vec::new(); s.len()];
    let mut roots = Vec::new();
    for (i, st) in s.iter().enumerate().filter(|(i, st)| !st.external && within[*i]) {
        let boss = st.reports_to.as_deref().and_then(|id| ids.get(id).copied());
        match boss.filter(|&b| within[b] && !s[b].external && b != i) {
            Some(boss) => kids[boss].push(i),
            None => roots.push(i),
        }
    }
    let order = |v: &mut Vec<usize>| v.sort_by(|&x, &y| by_power(&s[x], &s[y]));
    order(&mut roots);
    for k in &mut kids {
        order(k);
    }
    (roots, kids)
}

/// Higher decision power first, then name, then id (a total order: stable layouts).
fn by_power(a: &Stakeholder, b: &Stakeholder) -> std::cmp::Ordering {
    b.power.unwrap_or(0).cmp(&a.power.unwrap_or(0)).then_with(|| a.name.cmp(&b.name)).then_with(|| a.id.cmp(&b.id))
}

/// Every subtree's width, children before parents, without recursion: a reporting chain
/// thousands deep would overflow a worker thread's stack. A cycle in reporting lines (which
/// validation allows only through data errors) counts a box already on the path as one box.
fn widths(kids: &[Vec<usize>], m: &Metrics) -> Vec<f64> {
    let n = kids.len();
    let mut width = vec![f64::NAN; n];
    let mut on_path = vec![false; n];
    for start in 0..n {
        if !width[start].is_nan() {
            continue;
        }
        // (node, children visited yet)
        let mut stack = vec![(start, false)];
        while let Some((i, expanded)) = stack.pop() {
            if !width[i].is_nan() {
                continue;
            }
            if !expanded {
                if on_path[i] {
                    continue;
                }
                on_path[i] = true;
                stack.push((i, true));
                if !stacked(i, kids, m) {
                    stack.extend(kids[i].iter().filter(|&&k| width[k].is_nan() && !on_path[k]).map(|&k| (k, false)));
                }
                continue;
            }
            on_path[i] = false;
            width[i] = if stacked(i, kids, m) {
                let (cols, _) = grid_of(kids[i].len());
                (m.w + m.gap) * cols as f64
            } else {
                let w = |k: usize| if width[k].is_nan() { m.w } else { width[k] };
                let sum: f64 =
                    kids[i].iter().map(|&k| w(k)).sum::<f64>() + m.gap * kids[i].len().saturating_sub(1) as f64;
                sum.max(m.w)
            };
        }
    }
    width
}

/// Columns and rows of a stacked group of `n` leaves: at most four boxes down.
fn grid_of(n: usize) -> (usize, usize) {
    let cols = n.div_ceil(4).max(1);
    (cols, n.div_ceil(cols))
}

/// Whether `i`'s children are all leaves shown as a compact grid under it.
fn stacked(i: usize, kids: &[Vec<usize>], m: &Metrics) -> bool {
    m.stack_leaves && kids[i].len() >= 2 && kids[i].iter().all(|&k| kids[k].is_empty())
}

/// Places the subtree of `root` with its left edge at `left`, without recursion: children
/// are placed left to right before their parent, which is centred over its first and last.
fn place(
    root: usize,
    left: f64,
    kids: &[Vec<usize>],
    widths: &[f64],
    m: &Metrics,
    out: &mut Layout,
    xs: &mut [Option<f64>],
) {
    // (node, left edge, depth, children placed yet)
    let mut stack = vec![(root, left, 0usize, false)];
    while let Some((i, left, depth, expanded)) = stack.pop() {
        let y = depth as f64 * m.level;
        if expanded {
            let x = match (kids[i].first(), kids[i].last()) {
                (Some(&f), Some(&l)) => (xs[f].unwrap_or(left) + xs[l].unwrap_or(left)) / 2.0,
                _ => left + (widths[i] - m.w) / 2.0,
            };
            xs[i] = Some(x);
            out.boxes.push(Placed { stakeholder: i, x, y, depth });
            continue;
        }
        if xs[i].is_some() {
            continue;
        }
        if stacked(i, kids, m) {
            let (_, rows) = grid_of(kids[i].len());
            xs[i] = Some(left);
            out.boxes.push(Placed { stakeholder: i, x: left, y, depth });
            for (n, &k) in kids[i].iter().enumerate() {
                let (col, row) = (n / rows, n % rows);
                let kx = left + m.gap + col as f64 * (m.w + m.gap);
                xs[k] = Some(kx);
                let ky = y + (row + 1) as f64 * (m.h + m.gap);
                out.boxes.push(Placed { stakeholder: k, x: kx, y: ky, depth: depth + row + 1 });
                out.edges.push((i, k, true));
            }
            continue;
        }
        stack.push((i, left, depth, true));
        let total: f64 =
            kids[i].iter().map(|&k| widths[k]).sum::<f64>() + m.gap * kids[i].len().saturating_sub(1) as f64;
        let mut cx = left + (widths[i] - total) / 2.0;
        let mut row = Vec::with_capacity(kids[i].len());
        for &k in &kids[i] {
            out.edges.push((i, k, false));
            row.push((k, cx, depth + 1, false));
            cx += widths[k] + m.gap;
        }
        // Popped first to last, so the first child is placed first.
        stack.extend(row.into_iter().rev());
    }
}

/// Lays out `a`'s stakeholders (all, or `only` those indices) as a tree; boxes are `m.w`
/// by `m.h` points.
pub fn layout(a: &Account, m: &Metrics, only: Option<&[usize]>) -> Layout {
    let (roots, kids) = children(a, only);
    let n = a.stakeholders.len();
    let widths = widths(&kids, m);
    let mut out = Layout { boxes: Vec::new(), external: Vec::new(), edges: Vec::new(), size: (0.0, 0.0) };
    let mut xs = vec![None; n];
    let mut left = 0.0;
    for &r in &roots {
        place(r, left, &kids, &widths, m, &mut out, &mut xs);
        left += widths[r] + m.gap;
    }
    let height = out.boxes.iter().map(|b| b.y + m.h).fold(0.0, f64::max);
    out.size = ((left - m.gap).max(0.0), height);
    let mut ext: Vec<usize> = (0..n).filter(|&i| a.stakeholders[i].external).collect();
    ext.sort_by(|&x, &y| by_power(&a.stakeholders[x], &a.stakeholders[y]));
    out.external = ext
        .into_iter()
        .enumerate()
        .map(|(k, i)| {
            let x = k as f64 * (m.w + m.gap);
            Placed { stakeholder: i, x, y: 0.0, depth: 0 }
        })
        .collect();
    out.boxes.sort_by_key(|b| b.stakeholder);
    out.edges.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::testing::portfolio;

    const M: Metrics = Metrics { w: 100.0, h: 40.0, gap: 10.0, level: 70.0, stack_leaves: false };

    fn account(people: &str) -> Account {
        let p = portfolio(&format!(
            "seller: {{ name: S }}\nfiscal_years: [Y]\naccounts:\n  - id: a\n    name: A\n    revenue: {{ Y: 1 }}\n    stakeholders:\n{people}"
        ));
        p.accounts[0].clone()
    }

    fn boxes_overlap(l: &Layout, m: &Metrics) -> bool {
        l.boxes
            .iter()
            .enumerate()
            .any(|(i, a)| l.boxes.iter().skip(i + 1).any(|b| a.y == b.y && a.x < b.x + m.w && b.x < a.x + m.w))
    }

    #[test]
    fn parents_centred_and_no_overlap() {
        let a = account(
            "      - { id: ceo, name: C, title: CEO, power: 5 }\n\
             \x20     - { id: evp, name: E, title: EVP, reports_to: ceo, power: 5 }\n\
             \x20     - { id: cfo, name: F, title: CFO, reports_to: ceo, power: 4 }\n\
             \x20     - { id: cio, name: I, title: CIO, reports_to: evp, power: 4 }\n\
             \x20     - { id: cmo, name: M, title: CMIO, reports_to: evp, power: 3 }\n\
             \x20     - { id: x1, name: X, title: T, reports_to: cfo }\n\
             \x20     - { id: mer, name: P, title: MD, external: true, power: 2 }\n",
        );
        let l = layout(&a, &M, None);
        assert!(!boxes_overlap(&l, &M));
        let at = |i: usize| l.boxes.iter().find(|b| b.stakeholder == i).unwrap();
        // Every parent is centred over its first and last child.
        for (p, _, _) in &l.edges {
            let kids: Vec<&Placed> = l.edges.iter().filter(|(q, _, _)| q == p).map(|(_, k, _)| at(*k)).collect();
            let mid = (kids.first().unwrap().x + kids.last().unwrap().x) / 2.0;
            assert!((at(*p).x - mid).abs() < 1e-9, "parent {p} not centred");
        }
        // Siblings by power: EVP (5) left of CFO (4); the external sits in its own band.
        assert!(at(1).x < at(2).x);
        assert_eq!(l.external.len(), 1);
        assert_eq!(l.boxes.len(), 6);
        assert_eq!(l.size.1, 2.0 * 70.0 + 40.0);
    }

    #[test]
    fn several_roots_and_wide_levels() {
        let mut people =
            String::from("      - { id: r1, name: R1, title: T }\n      - { id: r2, name: R2, title: T }\n");
        for k in 0..8 {
            people.push_str(&format!("      - {{ id: k{k}, name: K{k}, title: T, reports_to: r{} }}\n", 1 + k % 2));
        }
        let l = layout(&account(&people), &M, None);
        assert!(!boxes_overlap(&l, &M));
        assert_eq!(l.size.0, 8.0 * 100.0 + 7.0 * 10.0);
        // Stacked, each manager's four reports take one column under it.
        let stacked = Metrics { stack_leaves: true, ..M };
        let l = layout(&account(&people), &stacked, None);
        assert_eq!(l.size.0, 2.0 * 110.0 + 10.0);
        let many = (0..9).fold(String::from("      - { id: r, name: R, title: T }\n"), |acc, k| {
            acc + &format!("      - {{ id: k{k}, name: K{k}, title: T, reports_to: r }}\n")
        });
        let l = layout(&account(&many), &stacked, None);
        assert_eq!(l.size.0, 3.0 * 110.0, "nine reports: three columns of three");
        assert!(!boxes_overlap(&l, &stacked));
        assert_eq!(l.boxes.len(), 10);
        assert!(!boxes_overlap(&l, &stacked));
    }
}

//! Mirrors of an account plan's slides. A plan's workbook holds that account's rows only
//! (it is a portfolio of one when read back), so portfolio-wide figures — tier, score rank,
//! the portfolio average — are stored as values.

use rust_xlsxwriter::{ChartType, XlsxError};

use super::review::{milestones, raci};
use super::{Col, Fmt, Mirror, V, chart, key_values, link, link_text, revenue};
use crate::figures::{count_f64, ratio};
use crate::input::excel::layout as l;
use crate::model::Account;
use crate::slides::Ctx;

fn account<'a>(c: &Ctx<'a>) -> &'a Account {
    &c.p.accounts[c.account.unwrap_or(0)]
}

/// Title: account, KAM, period.
pub(crate) fn title(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let a = account(c);
    let p = c.p;
    let rows = vec![
        (c.t("col.account"), link_text(m.refs.account(&a.id, "name"), &a.name), Fmt::Text),
        (c.t("col.owner"), V::text(c.member_name(a.owner.as_deref())), Fmt::Text),
        (
            c.t("col.period"),
            link_text(m.refs.key(l::SELLER, "period"), p.period.as_deref().unwrap_or(p.latest_year())),
            Fmt::Text,
        ),
        (c.t("col.seller"), link_text(m.refs.key(l::SELLER, "name"), &p.seller.name), Fmt::Text),
    ];
    key_values(m, "", c, rows)
}

/// Snapshot: revenue per year with growth, MRR per plan, health and onboarding.
pub(crate) fn snapshot(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let a = account(c);
    let p = c.p;
    let i = c.account.unwrap_or(0);
    let cols = vec![
        Col::new(c.t("col.year"), Fmt::Text),
        Col::new(c.t("col.revenue"), Fmt::Money),
        Col::new(c.t("col.growth_yoy"), Fmt::Percent),
    ];
    let first = m.begin(&c.t("col.revenue"), cols)?;
    for (k, y) in p.fiscal_years.iter().enumerate() {
        let row = first + u32::try_from(k).unwrap_or(0);
        let growth = k
            .checked_sub(1)
            .and_then(|j| ratio(a.revenue_in(y) - a.revenue_in(&p.fiscal_years[j]), a.revenue_in(&p.fiscal_years[j])));
        let (cur, prev) = (Mirror::at(1, row), Mirror::at(1, row.saturating_sub(1)));
        m.row(vec![
            V::text(y),
            link(m.refs.account(&a.id, &revenue(y)), a.revenue_in(y)),
            if k == 0 {
                V::Empty
            } else {
                growth.map_or(V::Empty, |g| V::F(format!("IF(N({prev})=0,\"\",{cur}/{prev}-1)"), g))
            },
        ])?;
    }
    let at = m.end()?;
    let mut ch = chart(ChartType::Column, &c.t("col.revenue"));
    ch.y_axis().set_num_format(m.money_format());
    ch.add_series().set_name(&c.t("col.revenue")).set_categories(&m.series(0, at)).set_values(&m.series(1, at));
    m.chart(&mut ch)?;

    if !p.plans.is_empty() {
        let rows: Vec<Vec<V>> = p
            .plans
            .iter()
            .map(|x| {
                vec![
                    V::text(&x.name),
                    link(
                        m.refs.account(&a.id, &format!("{}{}", l::MRR, x.id)),
                        a.mrr.get(&x.id).copied().unwrap_or(0.0),
                    ),
                ]
            })
            .collect();
        let at = m.table(
            &c.t("col.mrr"),
            vec![Col::new(c.t("col.plan"), Fmt::Text), Col::new(c.t("col.mrr"), Fmt::Money)],
            rows,
        )?;
        m.summary(c.t("total"), "SUM", 1, at, a.mrr_total(), Fmt::Money)?;
    }

    let mut kv = vec![
        (c.t("col.tier"), V::text(c.tier(c.f.abc.latest_tier(i))), Fmt::Text),
        (c.t("col.score_rank"), c.f.scoring.of(i).map_or(V::Empty, |s| V::Num(count_f64(s.rank))), Fmt::Integer),
    ];
    if let Some(h) = &a.health {
        if let Some(e) = h.engagement {
            kv.push((c.t("col.engagement"), link(m.refs.account(&a.id, "engagement"), e), Fmt::Percent));
        }
        if let Some(r) = h.churn_risk {
            kv.push((
                c.t("col.churn_risk"),
                link_text(m.refs.account(&a.id, "churn_risk"), crate::input::excel::level_key(r)),
                Fmt::Text,
            ));
        }
    }
    if let Some(o) = &a.onboarding {
        if let Some(s) = o.satisfaction {
            kv.push((c.t("col.satisfaction"), link(m.refs.account(&a.id, "satisfaction"), s), Fmt::Decimal));
        }
        if let Some(s) = o.status {
            kv.push((c.t("col.onboarding"), V::text(c.t(&format!("onboarding.{}", s.key()))), Fmt::Text));
        }
    }
    if let Some(d) = a.renewal_date {
        kv.push((c.t("col.renewal"), link(m.refs.account(&a.id, "renewal_date"), l::serial(d)), Fmt::Date));
    }
    key_values(m, &c.t("kicker.snapshot"), c, kv)
}

/// Scoring detail: each factor's weight, the account's score, the portfolio average.
pub(crate) fn scoring(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let a = account(c);
    let p = c.p;
    let s = &p.settings.scoring;
    let Some(scores) = &a.scores else { return Ok(()) };
    let cols = vec![
        Col::new(c.t("col.factor"), Fmt::Text),
        Col::new(c.t("col.weight"), Fmt::Percent),
        Col::new(a.name.clone(), Fmt::Integer),
        Col::new(c.t("col.average"), Fmt::Decimal),
        Col::new(c.t("col.delta"), Fmt::Decimal),
    ];
    #[allow(clippy::cast_precision_loss)]
    for (group, weights, own, prefix) in
        [("growth", &s.growth, &scores.growth, l::GROWTH), ("harmony", &s.harmony, &scores.harmony, l::HARMONY)]
    {
        let first = m.begin(&c.t(&format!("scoring.{group}")), cols.clone())?;
        for (k, (factor, w)) in weights.iter().enumerate() {
            let row = first + u32::try_from(k).unwrap_or(0);
            let score = own.get(factor).copied().unwrap_or(0) as f64;
            let scored: Vec<f64> = p
                .accounts
                .iter()
                .filter_map(|x| factor_score(x.scores.as_ref()?, group, factor))
                .map(|v| v as f64)
                .collect();
            let avg = if scored.is_empty() { 0.0 } else { scored.iter().sum::<f64>() / count_f64(scored.len()) };
            m.row(vec![
                V::text(c.loc.messages_or(&format!("factor.{factor}"), factor)),
                link(m.refs.key(l::SETTINGS, &format!("scoring.{group}.{factor}")), *w),
                link(m.refs.account(&a.id, &format!("{prefix}{factor}")), score),
                V::Num(avg),
                V::F(format!("{}-{}", Mirror::at(2, row), Mirror::at(3, row)), score - avg),
            ])?;
        }
        let at = m.end()?;
        let total = crate::figures::scoring::weighted(weights, own);
        m.row(vec![
            V::text(c.t(&format!("col.{group}"))),
            V::Empty,
            V::As(
                Fmt::Decimal,
                Box::new(V::F(format!("SUMPRODUCT({},{})", Mirror::span(1, at), Mirror::span(2, at)), total)),
            ),
        ])?;
    }
    Ok(())
}

fn factor_score(s: &crate::model::Scores, group: &str, factor: &str) -> Option<i64> {
    let map = if group == "growth" { &s.growth } else { &s.harmony };
    map.get(factor).copied()
}

/// Decision-making process: every stakeholder and influence, linked to their sheets.
pub(crate) fn decisions(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let a = account(c);
    let rows_at: Vec<u32> = m.refs.rows(l::STAKEHOLDERS, &a.id).to_vec();
    let cols = vec![
        Col::new(c.t("col.name"), Fmt::Text),
        Col::new(c.t("col.title"), Fmt::Text),
        Col::new(c.t("col.reports_to"), Fmt::Text),
        Col::new(c.t("col.organization"), Fmt::Text),
        Col::new(c.t("col.power"), Fmt::Integer),
        Col::new(c.t("col.relationship"), Fmt::Text),
        Col::new(c.t("col.key_contact"), Fmt::Text),
    ];
    let name_of = |id: &str| a.stakeholders.iter().find(|s| s.id == id).map_or(id, |s| s.name.as_str()).to_owned();
    #[allow(clippy::cast_precision_loss)]
    let rows = a
        .stakeholders
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let cell = |h: &str| rows_at.get(k).and_then(|r| m.refs.cell(l::STAKEHOLDERS, *r, h));
            vec![
                link_text(cell("name"), &s.name),
                link_text(cell("title"), &s.title),
                V::text(s.reports_to.as_deref().map(&name_of).unwrap_or_default()),
                V::text(s.organization.clone().unwrap_or_default()),
                s.power.map_or(V::Empty, |p| link(cell("power"), p as f64)),
                V::text(
                    s.relationship
                        .map(|r| c.t(&format!("relationship.{}", crate::input::excel::relationship_key(r))))
                        .unwrap_or_default(),
                ),
                V::text(if s.key_contact { c.t("workbook.yes") } else { String::new() }),
            ]
        })
        .collect();
    m.table(&c.t("kicker.decisions"), cols, rows)?;
    if !a.influences.is_empty() {
        let cols = vec![
            Col::new(c.t("col.from"), Fmt::Text),
            Col::new(c.t("col.to"), Fmt::Text),
            Col::new(c.t("col.relationship"), Fmt::Text),
            Col::new(c.t("col.note"), Fmt::Text),
        ];
        let rows = a
            .influences
            .iter()
            .map(|i| {
                vec![
                    V::text(name_of(&i.from)),
                    V::text(name_of(&i.to)),
                    V::text(
                        i.kind
                            .map(|r| c.t(&format!("relationship.{}", crate::input::excel::relationship_key(r))))
                            .unwrap_or_default(),
                    ),
                    V::text(i.note.clone().unwrap_or_default()),
                ]
            })
            .collect();
        m.table(&c.t("workbook.influences"), cols, rows)?;
    }
    Ok(())
}

/// Division map of the account: its divisions × offerings.
pub(crate) fn divisions(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let a = account(c);
    let p = c.p;
    let mut cols = vec![Col::new(c.t("col.division"), Fmt::Text)];
    cols.extend(p.offerings.iter().map(|o| Col::new(o.name.clone(), Fmt::Text)));
    let rows = a
        .divisions
        .iter()
        .map(|d| {
            let mut row = vec![V::text(&d.name)];
            row.extend(p.offerings.iter().map(|o| {
                let s = d.offerings.get(&o.id).copied().unwrap_or(crate::model::CellStatus::Whitespace);
                V::text(c.t(&format!("status.{}", s.key())))
            }));
            row
        })
        .collect();
    let at = m.table(&c.t("kicker.divisions"), cols, rows)?;
    let ws = crate::workbook::lit(&c.t("status.whitespace"));
    let mut total = vec![V::text(c.t("divisions.whitespace"))];
    total.extend(p.offerings.iter().enumerate().map(|(k, o)| {
        let n = a
            .divisions
            .iter()
            .filter(|d| d.offerings.get(&o.id).is_none_or(|s| *s == crate::model::CellStatus::Whitespace))
            .count();
        V::As(Fmt::Integer, Box::new(V::F(format!("COUNTIF({},{ws})", Mirror::span(k + 1, at)), count_f64(n))))
    }));
    m.row(total)?;
    Ok(())
}

/// Opportunities with their value from the Opportunities sheet, and the total.
pub(crate) fn opportunities(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let a = account(c);
    let rows_at: Vec<u32> = m.refs.rows(l::OPPORTUNITIES, &a.id).to_vec();
    let offering = |id: Option<&str>| {
        id.map(|id| c.p.offerings.iter().find(|o| o.id == id).map_or(id, |o| o.name.as_str()).to_owned())
            .unwrap_or_default()
    };
    let cols = vec![
        Col::new(c.t("col.opportunity"), Fmt::Text),
        Col::new(c.t("col.offering"), Fmt::Text),
        Col::new(c.t("col.value"), Fmt::Money),
        Col::new(c.t("col.stage"), Fmt::Text),
        Col::new(c.t("col.close"), Fmt::Date),
    ];
    let rows = a
        .opportunities
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let cell = |h: &str| rows_at.get(k).and_then(|r| m.refs.cell(l::OPPORTUNITIES, *r, h));
            vec![
                link_text(cell("name"), &o.name),
                V::text(offering(o.offering.as_deref())),
                o.value.map_or(V::Empty, |v| link(cell("value"), v)),
                V::text(o.stage.clone().unwrap_or_default()),
                o.close.map_or(V::Empty, |d| link(cell("close"), l::serial(d))),
            ]
        })
        .collect();
    let at = m.table(&c.t("kicker.opportunities"), cols, rows)?;
    let total: f64 = a.opportunities.iter().filter_map(|o| o.value).sum();
    m.summary(c.t("total"), "SUM", 2, at, total, Fmt::Money)?;
    Ok(())
}

/// The account's milestones.
pub(crate) fn timeline(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let a = account(c);
    milestones(c, m, &a.milestones, &a.id, &c.t("kicker.plan_timeline"))
}

/// The account team with contacts, and the account's RACI.
pub(crate) fn team(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let a = account(c);
    let p = c.p;
    let cols = vec![
        Col::new(c.t("col.member"), Fmt::Text),
        Col::new(c.t("col.role"), Fmt::Text),
        Col::new(c.t("col.email"), Fmt::Text),
    ];
    let rows = p
        .team
        .iter()
        .map(|t| {
            vec![
                V::text(&t.name),
                V::text(t.role.clone().unwrap_or_default()),
                V::text(t.email.clone().unwrap_or_default()),
            ]
        })
        .collect();
    m.table(&c.t("kicker.plan_team"), cols, rows)?;
    raci(c, m, &a.raci, &c.t("col.activity"))
}

/// Risks and next actions.
pub(crate) fn actions(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let a = account(c);
    let rows_at: Vec<u32> = m.refs.rows(l::ACTIONS, &a.id).to_vec();
    let cols = vec![
        Col::new(c.t("col.action"), Fmt::Text),
        Col::new(c.t("col.owner"), Fmt::Text),
        Col::new(c.t("col.due"), Fmt::Date),
        Col::new(c.t("col.status"), Fmt::Text),
    ];
    let rows = a
        .actions
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let cell = |h: &str| rows_at.get(k).and_then(|r| m.refs.cell(l::ACTIONS, *r, h));
            vec![
                link_text(cell("action"), &x.action),
                V::text(c.member_name(x.owner.as_deref())),
                x.due.map_or(V::Empty, |d| link(cell("due"), l::serial(d))),
                V::text(x.status.clone().unwrap_or_default()),
            ]
        })
        .collect();
    m.table(&c.t("kicker.actions"), cols, rows)?;
    Ok(())
}

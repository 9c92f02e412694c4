//! The weeks as an SVG drawn from the plan: one block per week with its level, today marked,
//! and any extension after the planned end. Scales from a phone to a projector and prints.
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::charter::Charter;
use crate::domain::withdrawal::{SupportLevel, WithdrawalPlan};
use crate::ui::format::{long_date, today};

/// The viewBox, in whole units: finer is invisible, and printing whole numbers keeps the
/// float formatter out of the wasm.
const WIDTH: i32 = 1000;
const HEIGHT: i32 = 150;

fn class(level: SupportLevel) -> &'static str {
    match level {
        SupportLevel::FullSupport => "tl-week tl-week--full",
        SupportLevel::CriticalOnly => "tl-week tl-week--critical",
        SupportLevel::Advisory => "tl-week tl-week--advisory",
        SupportLevel::EscalationOnly => "tl-week tl-week--escalation",
    }
}

#[component]
pub fn Timeline(plan: WithdrawalPlan, charter: Charter) -> impl IntoView {
    let Some(go_live) = charter.go_live_date() else {
        return ().into_any();
    };
    let planned_end = charter.end_date().unwrap_or(go_live);
    let end = plan.end_date(&charter).unwrap_or(planned_end);
    let total_days = ((end - go_live).num_days() + 1).max(1) as f64;
    let x = |date: NaiveDate| {
        let at = (date - go_live).num_days() as f64 / total_days * f64::from(WIDTH);
        (at.round() as i32).clamp(0, WIDTH)
    };
    let weeks = plan.weeks.len() as u32;
    let blocks = (1..=weeks)
        .filter_map(|w| {
            let start = plan.week_start(&charter, w)?;
            let level = plan.level_in(w)?;
            let next = start + chrono::Duration::days(7);
            let (x0, x1) = (x(start), x(next.min(planned_end + chrono::Duration::days(1))));
            let held = plan.holds.iter().any(|h| h.week == w);
            Some(view! {
                <g>
                    <rect class=class(level) x=x0 y="30" width=(x1 - x0 - 4).max(1) height="80" rx="6"/>
                    <text class="tl-label" x=x0 + 10 y="60">{format!("Week {w}")}</text>
                    <text class="tl-level" x=x0 + 10 y="88">{format!("{}{}", level.name(), if held { " (held)" } else { "" })}</text>
                </g>
            })
        })
        .collect_view();
    let extension = (end > planned_end).then(|| {
        let (x0, x1) = (x(planned_end + chrono::Duration::days(1)), WIDTH);
        view! {
            <g>
                <rect class="tl-week tl-week--extension" x=x0 y="30" width=(x1 - x0 - 4).max(1) height="80" rx="6"/>
                <text class="tl-level" x=x0 + 8 y="75">"Extended"</text>
            </g>
        }
    });
    let now = today();
    let marker = (now >= go_live && now <= end).then(|| {
        let at = x(now);
        view! {
            <g class="tl-today">
                <line x1=at x2=at y1="18" y2="122"/>
                <text x=(at + 6).min(WIDTH - 60) y="140">"Today"</text>
            </g>
        }
    });
    let description = format!(
        "Timeline from go-live {} to {}: {} weeks{}.",
        long_date(go_live),
        long_date(end),
        weeks,
        if end > planned_end {
            format!(", extended from {}", long_date(planned_end))
        } else {
            String::new()
        }
    );
    view! {
        <figure class="timeline">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=description.clone() preserveAspectRatio="xMinYMin meet">
                <text class="tl-date" x="0" y="14">{long_date(go_live)}</text>
                <text class="tl-date" x=WIDTH y="14" text-anchor="end">{long_date(end)}</text>
                {blocks}
                {extension}
                {marker}
            </svg>
            <figcaption class="visually-hidden">{description}</figcaption>
        </figure>
    }
    .into_any()
}

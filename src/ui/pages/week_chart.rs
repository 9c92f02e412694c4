//! A small chart per hypercare week, drawn from the data: issues opened (in and out of scope,
//! stacked) beside issues resolved. SVG, so it stays sharp on a projector and in print.
use leptos::prelude::*;

use crate::domain::exit::health::WeekTrend;

const W: f64 = 640.0;
const H: f64 = 220.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 40.0;

/// A coordinate in whole units of the 640 x 220 viewBox: finer is invisible, and printing
/// whole numbers keeps the float formatter out of the wasm.
fn px(v: f64) -> i32 {
    v.round() as i32
}

#[component]
pub fn WeekChart(trend: Vec<WeekTrend>) -> impl IntoView {
    let weeks = trend.len().max(1) as f64;
    let max = trend
        .iter()
        .map(|t| t.opened.max(t.resolved))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let scale = |n: usize| n as f64 / max * (H - TOP - BOTTOM);
    let slot = W / weeks;
    let bar = (slot / 3.0).min(48.0);
    let summary = trend
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "week {}{}: {} opened ({} in scope, {} out of scope), {} resolved",
                i + 1,
                if t.extension { " (extension)" } else { "" },
                t.opened,
                t.in_scope,
                t.out_of_scope,
                t.resolved
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let bars = trend
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let x = i as f64 * slot + slot / 2.0 - bar - 2.0;
            let base = H - BOTTOM;
            let (in_h, out_h, other_h, res_h) = (scale(t.in_scope), scale(t.out_of_scope), scale(t.opened - t.in_scope - t.out_of_scope), scale(t.resolved));
            view! {
                <g>
                    <rect class="wc-in" x=px(x) y=px(base - in_h) width=px(bar) height=px(in_h)/>
                    <rect class="wc-out" x=px(x) y=px(base - in_h - out_h) width=px(bar) height=px(out_h)/>
                    <rect class="wc-new" x=px(x) y=px(base - in_h - out_h - other_h) width=px(bar) height=px(other_h)/>
                    <text class="wc-value" x=px(x + bar / 2.0) y=px(base - in_h - out_h - other_h - 4.0) text-anchor="middle">{t.opened}</text>
                    <rect class="wc-resolved" x=px(x + bar + 4.0) y=px(base - res_h) width=px(bar) height=px(res_h)/>
                    <text class="wc-value" x=px(x + bar * 1.5 + 4.0) y=px(base - res_h - 4.0) text-anchor="middle">{t.resolved}</text>
                    <text class="wc-axis" x=px(i as f64 * slot + slot / 2.0) y=px(H - 14.0) text-anchor="middle">{format!("Week {}{}", i + 1, if t.extension { "+" } else { "" })}</text>
                </g>
            }
        })
        .collect_view();
    let extended = trend.iter().any(|t| t.extension);
    view! {
        <figure class="week-chart">
            <svg viewBox=format!("0 0 {} {}", px(W), px(H)) role="img" aria-label=format!("Issues per week: {summary}.")>
                <line class="wc-baseline" x1="0" x2=px(W) y1=px(H - BOTTOM) y2=px(H - BOTTOM)/>
                {bars}
            </svg>
            <figcaption class="week-chart__legend">
                <span><span class="swatch wc-in" aria-hidden="true"></span>"Opened, in scope"</span>
                <span><span class="swatch wc-out" aria-hidden="true"></span>"Opened, out of scope"</span>
                <span><span class="swatch wc-new" aria-hidden="true"></span>"Opened, not triaged"</span>
                <span><span class="swatch wc-resolved" aria-hidden="true"></span>"Resolved"</span>
                {extended.then_some(view! { <span>"Week n+: added by an extension"</span> })}
            </figcaption>
        </figure>
    }
}

//! One steering report on the page and on paper: compiled figures (live while prepared,
//! frozen once issued), with every count a link to exactly the issues it counts.
use leptos::prelude::*;

use crate::domain::exit::health::WeekTrend;
use crate::domain::steering::figures::{Counted, Figures, SeverityRow};
use crate::domain::steering::markdown::{minutes, ratio, with_change};
use crate::domain::steering::rating::RULES;
use crate::domain::triage::queue::Filter;
use crate::domain::EngagementId;
use crate::route::{Route, Section};
use crate::ui::components::table::StackedTable;
use crate::ui::pages::WeekChart;

/// A count as a link to the queue showing exactly those issues (no link for none).
fn count_link(id: &EngagementId, numbers: &Counted, text: String, what: &str) -> AnyView {
    if numbers.is_empty() {
        return view! { <span>{text}</span> }.into_any();
    }
    let filter = Filter {
        numbers: Some(numbers.clone()),
        ..Filter::default()
    };
    let href = Route::Engagement(id.clone(), Section::Triage(filter)).href();
    let label = format!("{text}: open the {} {what} in the queue", numbers.len());
    view! { <a href=href aria-label=label>{text}</a> }.into_any()
}

fn issue_link(id: &EngagementId, number: u32) -> String {
    Route::Engagement(id.clone(), Section::Issue(number)).href()
}

fn severity_row(id: &EngagementId, row: &SeverityRow, total: bool) -> impl IntoView {
    let change = |i: usize| row.change.map(|c| c[i]);
    let name = row.name.clone();
    let what = |kind: &str| format!("issues {kind} ({})", row.name);
    view! {
        <tr class:row--total=total>
            <th scope="row">{name}</th>
            <td class="num" data-label="Opened">{count_link(id, &row.opened, with_change(row.opened.len(), change(0)), &what("opened"))}</td>
            <td class="num" data-label="Resolved">{count_link(id, &row.resolved, with_change(row.resolved.len(), change(1)), &what("resolved"))}</td>
            <td class="num" data-label="Open at the end">{count_link(id, &row.open, with_change(row.open.len(), change(2)), &what("open"))}</td>
        </tr>
    }
}

fn paragraphs(text: &str) -> AnyView {
    if text.trim().is_empty() {
        return view! { <p class="muted">"None recorded."</p> }.into_any();
    }
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p class="pre-line">{p.trim().to_owned()}</p> })
        .collect_view()
        .into_any()
}

#[component]
pub fn ReportView(
    id: EngagementId,
    figures: Figures,
    decisions: String,
    risks: String,
) -> impl IntoView {
    let f = figures;
    let compared = f
        .compared_with
        .map(|n| format!("Changes in brackets are against steering report {n}."));
    let areas = f
        .areas
        .iter()
        .map(|a| {
            let class = format!("rating rating--{}", a.rating.key());
            view! {
                <tr>
                    <th scope="row">{a.area.clone()}</th>
                    <td data-label="Status"><span class=class>{a.rating.name()}</span></td>
                    <td data-label="Why">{a.reason.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let rows = f
        .by_severity
        .iter()
        .map(|r| severity_row(&id, r, false))
        .collect_view();
    let total = severity_row(&id, &f.total, true);
    let compliance = f
        .compliance
        .iter()
        .map(|c| {
            view! {
                <tr>
                    <th scope="row">{c.name.clone()}</th>
                    <td data-label="Response, period">{ratio(c.period_response)}</td>
                    <td data-label="Resolution, period">{ratio(c.period_resolution)}</td>
                    <td data-label="Response, since go-live">{ratio(c.overall_response)}</td>
                    <td data-label="Resolution, since go-live">{ratio(c.overall_resolution)}</td>
                </tr>
            }
        })
        .collect_view();
    let breaches = f
        .breaches
        .iter()
        .map(|b| view! {
            <li>
                <a href=issue_link(&id, b.number)>{format!("#{} {}", b.number, b.title)}</a>
                {format!(" ({}): {} target breached by {}, due {}", b.severity, b.clock, minutes(b.over_minutes), b.due)}
            </li>
        })
        .collect_view();
    let scope_line = match f.scope.share() {
        Some(share) => format!(
            "{} of {} requests triaged in the period were out of scope ({share} %).",
            f.scope.out_of_scope.len(),
            f.scope.triaged.len()
        ),
        None => "No request was triaged in the period.".to_owned(),
    };
    let destinations = f
        .scope
        .by_destination
        .iter()
        .map(|(d, n)| view! { <li>{format!("{d}: ")}{count_link(&id, n, n.len().to_string(), &format!("requests routed to {d}"))}</li> })
        .collect_view();
    let handoff = handoff(&f);
    let criteria = f
        .criteria
        .iter()
        .map(|c| {
            let verdict = if c.met { "Met" } else { "Not met" };
            let optional = if c.mandatory { "" } else { " (optional)" };
            view! { <li><strong>{format!("{verdict}{optional}: ")}</strong>{format!("{}. {}", c.title, c.evidence)}</li> }
        })
        .collect_view();
    let decided = f
        .decided
        .iter()
        .map(|d| view! { <li>{d.clone()}</li> })
        .collect_view();
    let trend: Vec<WeekTrend> = f
        .trend
        .iter()
        .map(|t| WeekTrend {
            opened: t.opened,
            resolved: t.resolved,
            in_scope: t.in_scope,
            out_of_scope: t.out_of_scope,
            extension: t.extension,
        })
        .collect();
    let headline = f
        .headline
        .iter()
        .map(|l| view! { <li>{l.clone()}</li> })
        .collect_view();
    view! {
        <p class="doc-note">{format!("{}. Figures as at {} ({}).", f.period, f.as_at_text, f.zone)}</p>
        {compared.map(|c| view! { <p class="doc-note">{c}</p> })}
        <section class="doc-section" aria-labelledby="sr-headline"><h3 id="sr-headline">"Headline"</h3><ul>{headline}</ul></section>
        <section class="doc-section" aria-labelledby="sr-status">
            <h3 id="sr-status">"Status"</h3>
            <StackedTable caption="Status per area" headers=&["Area", "Status", "Why"]>{areas}</StackedTable>
            <p class="doc-note">"How the status is set:"</p><ul class="doc-note">{RULES.iter().map(|r| view! { <li>{*r}</li> }).collect_view()}</ul>
        </section>
        <section class="doc-section" aria-labelledby="sr-issues">
            <h3 id="sr-issues">"Issues"</h3>
            <StackedTable caption="Issues by severity" headers=&["Severity", "Opened", "Resolved", "Open at the end"]>{rows}{total}</StackedTable>
        </section>
        <section class="doc-section" aria-labelledby="sr-sla">
            <h3 id="sr-sla">"Service levels"</h3>
            <StackedTable caption="Targets met" headers=&["Severity", "Response, period", "Resolution, period", "Response, since go-live", "Resolution, since go-live"]>{compliance}</StackedTable>
            <h4>"Breaches in the period"</h4>
            {if f.breaches.is_empty() { view! { <p>"None."</p> }.into_any() } else { view! { <ul>{breaches}</ul> }.into_any() }}
        </section>
        <section class="doc-section" aria-labelledby="sr-scope">
            <h3 id="sr-scope">"Scope pressure"</h3>
            <p class="muted">"Requests that asked hypercare for new scope rather than a fix, and where they were sent."</p>
            <p>{scope_line}</p>
            <ul>{destinations}</ul>
        </section>
        <section class="doc-section" aria-labelledby="sr-handoff"><h3 id="sr-handoff">"Handoff"</h3>{handoff}</section>
        <section class="doc-section" aria-labelledby="sr-criteria"><h3 id="sr-criteria">"Exit criteria"</h3><ul>{criteria}</ul></section>
        <section class="doc-section" aria-labelledby="sr-decided">
            <h3 id="sr-decided">"Extensions and holds decided"</h3>
            {if f.decided.is_empty() { view! { <p>"None."</p> }.into_any() } else { view! { <ul>{decided}</ul> }.into_any() }}
        </section>
        {(!trend.is_empty()).then(|| view! { <section class="doc-section" aria-labelledby="sr-trend"><h3 id="sr-trend">"Issues per week"</h3><WeekChart trend/></section> })}
        <section class="doc-section" aria-labelledby="sr-decisions"><h3 id="sr-decisions">"Decisions needed"</h3>{paragraphs(&decisions)}</section>
        <section class="doc-section" aria-labelledby="sr-risks"><h3 id="sr-risks">"Risks"</h3>{paragraphs(&risks)}</section>
    }
}

fn handoff(f: &Figures) -> AnyView {
    let h = &f.handoff;
    if !h.planned {
        return view! { <p>"No withdrawal plan yet."</p> }.into_any();
    }
    let names = |list: &[String]| {
        if list.is_empty() {
            "none".to_owned()
        } else {
            list.join(", ")
        }
    };
    let owner = if h.owner.is_empty() {
        "not named yet".to_owned()
    } else {
        h.owner.clone()
    };
    view! {
        <ul>
            <li>{format!("Business owner: {owner}")}</li>
            <li>{format!("Responsibilities without an owner: {}", names(&h.without_owner))}</li>
            <li>{format!("Responsibilities without a process: {}", names(&h.without_process))}</li>
            {(!h.transfer.is_empty()).then(|| view! { <li>{format!("Knowledge transfer: {}", h.transfer)}</li> })}
        </ul>
    }
    .into_any()
}

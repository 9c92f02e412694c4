//! The charter's content as a document: used in the review step, on the charter page and for
//! earlier revisions. Plain, printable HTML.
use crate::domain::triage::clock::{RESOLUTION_CLOCK_RULE, RESPONSE_CLOCK_RULE};
use leptos::prelude::*;

use crate::domain::charter::{Approval, Charter, ClockMode};
use crate::ui::components::StackedTable;
use crate::ui::format::{hours, long_date};

/// The charter as a document. `mark_sample`: say so when invented sample values are still in
/// it (off where the page lists them with links of its own, as the review step does).
#[component]
pub fn CharterSections(
    charter: Charter,
    #[prop(default = true)] mark_sample: bool,
) -> impl IntoView {
    let sample_notice = mark_sample
        .then(|| crate::domain::charter::sample::notice(&charter))
        .flatten();
    let end = charter.end_date();
    let go_live = charter.go_live_date();
    let calendar = charter.calendar.clone();
    let in_scope: Vec<_> = charter.in_scope().cloned().collect();
    let out_scope: Vec<_> = charter.out_of_scope().cloned().collect();
    let contacts: Vec<_> = charter
        .destinations_in_use()
        .into_iter()
        .filter_map(|d| charter.contact_for(d).cloned())
        .collect();
    let cadences = crate::domain::charter::service_levels::update_cadences(&charter.severities);
    let matrix = view! { <MatrixTable charter=charter.clone()/> };
    view! {
        {sample_notice.map(|n| view! { <p class="notice notice--warning" role="note">{n}</p> })}
        <section class="doc-section">
            <h2>"Basics"</h2>
            <dl class="details">
                <div><dt>"System"</dt><dd>{charter.system.clone()}</dd></div>
                <div><dt>"Go-live"</dt><dd>{go_live.map(long_date).unwrap_or_else(|| "not set".to_owned())}</dd></div>
                <div>
                    <dt>"Duration"</dt>
                    <dd>
                        {match (charter.duration_weeks, end) {
                            (Some(w), Some(end)) => format!("{w} weeks, ending {} (fixed end date)", long_date(end)),
                            _ => "not set".to_owned(),
                        }}
                        {(!charter.duration_reason.trim().is_empty()).then(|| view! { <br/>{format!("Why: {}", charter.duration_reason.trim())} })}
                    </dd>
                </div>
                <div><dt>"Working hours"</dt><dd>{format!("{} ({})", calendar.describe_hours(), calendar.time_zone)}</dd></div>
                <div>
                    <dt>"Holidays"</dt>
                    <dd>
                        {if calendar.holidays.is_empty() { "None".to_owned() } else {
                            calendar.holidays.iter().filter_map(|h| h.parsed_date().map(|d| format!("{} ({})", long_date(d), h.name.trim()))).collect::<Vec<_>>().join("; ")
                        }}
                    </dd>
                </div>
            </dl>
        </section>
        <section class="doc-section">
            <h2>"Scope"</h2>
            <div class="scope-columns">
                <div>
                    <h3>"In scope: stabilisation"</h3>
                    <ul>
                        {in_scope.into_iter().map(|c| view! { <li><strong>{c.name}</strong>": "{c.description}</li> }).collect_view()}
                    </ul>
                </div>
                <div>
                    <h3>"Out of scope: logged and routed"</h3>
                    <ul>
                        {out_scope.into_iter().map(|c| view! {
                            <li>
                                <strong>{c.name}</strong>": "{c.description}
                                <span class="doc-route">{format!(" \u{2192} {}", c.destination.map_or("not routed", |d| d.name()))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        </section>
        <section class="doc-section">
            <h2>"Service levels"</h2>
            <StackedTable headers=&["Severity", "First response", "Resolution", "Clock"]>
                {charter.severities.iter().map(|s| view! {
                    <tr>
                        <th scope="row">{s.name.clone()}<span class="doc-meaning">{s.meaning.clone()}</span></th>
                        <td data-label="First response">{hours(s.response_hours)}</td>
                        <td data-label="Resolution">{hours(s.resolution_hours)}</td>
                        <td data-label="Clock">{match s.clock { ClockMode::WorkingHours => "Working hours", ClockMode::AroundTheClock => "Around the clock (24x7)" }}</td>
                    </tr>
                }).collect_view()}
            </StackedTable>
            {cadences.map(|c| view! { <p>{c}</p> })}
            {matrix}
            <p class="doc-note">{RESPONSE_CLOCK_RULE}</p>
            <p class="doc-note">{RESOLUTION_CLOCK_RULE}</p>
        </section>
        <section class="doc-section">
            <h2>"Escalation path"</h2>
            <ol class="doc-escalation">
                {charter.escalation.iter().map(|l| view! {
                    <li>
                        <strong>{l.name.clone()}</strong>", "{l.role.clone()}
                        <span class="doc-muted">{format!(" ({})", l.how_to_reach.trim())}</span>
                        <br/>{format!("When: {}", l.when.trim())}
                    </li>
                }).collect_view()}
            </ol>
        </section>
        <section class="doc-section">
            <h2>"Out-of-scope routing"</h2>
            <ul>
                {contacts.into_iter().map(|c| view! {
                    <li>
                        <strong>{c.destination.name()}</strong>
                        {format!(" ({}): {}", c.destination.decides(), c.contact.trim())}
                        {(!c.how_to_reach.trim().is_empty()).then(|| format!(", {}", c.how_to_reach.trim()))}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Who approved, with a line to sign; blank lines when not approved yet.
#[component]
pub fn SignatureBlock(approval: Option<Approval>) -> impl IntoView {
    view! {
        <section class="doc-section signature-block">
            <h2>"Approval by project leadership"</h2>
            {match approval {
                Some(a) => view! {
                    <p>{format!("Approved by {}, {}, on {}.", a.name, a.role, long_date(a.date))}</p>
                    <div class="signature-lines">
                        <div class="signature-line"><span>"Signature"</span></div>
                        <div class="signature-line"><span>"Date"</span></div>
                    </div>
                }.into_any(),
                None => view! {
                    <p>"Not approved yet."</p>
                    <div class="signature-lines">
                        <div class="signature-line"><span>"Name"</span></div>
                        <div class="signature-line"><span>"Role"</span></div>
                        <div class="signature-line"><span>"Signature"</span></div>
                        <div class="signature-line"><span>"Date"</span></div>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// The severity matrix, shown when the charter grades it differently from the standard.
#[component]
fn MatrixTable(charter: Charter) -> impl IntoView {
    use crate::domain::triage::classify::{severity_matrix, Level};
    (!charter.severity_matrix.is_empty()).then(|| {
        let name = |id: &str| charter.severity(id).map_or_else(String::new, |s| s.name.clone());
        let rows = severity_matrix(&charter)
            .into_iter()
            .map(|(impact, row)| {
                let cells = row
                    .iter()
                    .map(|(_, id)| view! { <td>{name(id)}</td> })
                    .collect_view();
                view! { <tr><th scope="row">{impact.name()}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <table class="table">
                <caption>"Severity by impact (rows) and urgency (columns), as this charter grades it"</caption>
                <thead><tr><th scope="col">"Impact"</th>
                    {Level::ALL.iter().map(|u| view! { <th scope="col">{u.name()}</th> }).collect_view()}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}

//! The service-desk ticket of an imported issue: its key as a link back to the ticket (once
//! the service desk's address is known) and the columns of its row that Handrail does not map.
use leptos::prelude::*;

use crate::domain::intake::report::reference;
use crate::domain::intake::SOURCE;
use crate::domain::triage::issue::TicketView;
use crate::domain::triage::service_desk::plan::DIGEST;
use crate::domain::triage::service_desk::{ServiceDeskSettings, Target};
use crate::domain::triage::Issue;
use crate::route::{Route, Section};
use crate::state::SavedEngagement;

#[component]
pub fn TicketDetails(record: Signal<SavedEngagement>, issue: Memo<Option<Issue>>) -> impl IntoView {
    let ticket = Memo::new(move |_| issue.with(|i| i.as_ref().and_then(|i| i.view().ticket)));
    move || {
        let ticket: TicketView = ticket.get()?;
        if ticket.system == SOURCE {
            let number = issue.with(|i| i.as_ref().map(|i| i.number))?;
            return Some(reported(record, number, ticket).into_any());
        }
        // Unreadable settings (a hand-edited backup) only lose the link and the split of
        // the columns; the importer says why.
        let settings = record
            .with(|r| ServiceDeskSettings::of(&r.engagement))
            .ok()
            .flatten()
            .unwrap_or_default();
        let link = settings.ticket_link(&ticket.key);
        let mapped: Vec<&str> = settings
            .mapping
            .columns
            .iter()
            .map(|c| c.header.as_str())
            .collect();
        let others: Vec<_> = ticket
            .fields
            .iter()
            // Mapped columns are shown elsewhere; a digest (a column once mapped to the title or
            // description) says nothing to a reader.
            .filter(|f| !mapped.contains(&f.name.as_str()) && !f.value.starts_with(DIGEST))
            .cloned()
            .collect();
        let count = others.len();
        // The state, priority and assignee as the service desk has them, in one line.
        let mapped_value = |target: Target| {
            let value = settings
                .mapping
                .header(target)
                .and_then(|h| ticket.field(h))?;
            Some(format!("{}: {value}", target.name()))
        };
        let status_line = [Target::State, Target::Priority, Target::Assignee]
            .into_iter()
            .filter_map(mapped_value)
            .collect::<Vec<_>>()
            .join(" \u{00b7} ");
        let key = ticket.key.clone();
        Some(view! {
            <section class="card ticket" aria-labelledby="ticket-title">
                <h3 id="ticket-title">"Service-desk ticket"</h3>
                <p>
                    {match link {
                        Some(href) => view! { <a href=href target="_blank" rel="noopener noreferrer">{key}<span class="visually-hidden">" (opens the service desk)"</span></a> }.into_any(),
                        None => view! { <strong>{key}</strong> }.into_any(),
                    }}
                    {format!(" in {}", ticket.system)}
                </p>
                {(!status_line.is_empty()).then(|| view! { <p>{status_line}</p> })}
                {(count > 0).then(|| view! {
                    <details class="fold">
                        <summary class="fold__summary">{format!("Other columns of the ticket ({count})")}</summary>
                        <dl class="details">
                            {others.into_iter().map(|f| view! { <div><dt>{f.name}</dt><dd class="prewrap">{f.value}</dd></div> }).collect_view()}
                        </dl>
                    </details>
                })}
            </section>
        }.into_any())
    }
}

/// An issue that came from a report: the reporter's answers as they sent them, and "Tell the
/// reporter" how it stands.
fn reported(record: Signal<SavedEngagement>, number: u32, ticket: TicketView) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let tell = Route::Engagement(id, Section::TellReporter(number)).href();
    view! {
        <section class="card ticket" aria-labelledby="ticket-title">
            <h3 id="ticket-title">"Reported by the business"</h3>
            <p>{format!("Sent through the report page as {}.", reference(&ticket.key))}</p>
            <p><a class="button button--secondary" href=tell>"Tell the reporter"</a></p>
            <details class="fold">
                <summary class="fold__summary">"The report as sent"</summary>
                <dl class="details">
                    {ticket.fields.into_iter().map(|f| view! { <div><dt>{f.name}</dt><dd class="prewrap">{f.value}</dd></div> }).collect_view()}
                </dl>
            </details>
        </section>
    }
}

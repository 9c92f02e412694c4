//! The preview: what "Import" will do to each row, with counts, before anything is written.
use std::sync::Arc;

use leptos::prelude::*;

use super::Loaded;
use crate::domain::triage::service_desk::plan::TicketRow;
use crate::domain::triage::service_desk::{DeskPlan, RowPlan, ServiceDeskSettings};
use crate::ui::components::StackedTable;
use crate::ui::format::sla_time;

/// Rows listed per kind; the rest are counted.
const SHOWN: usize = 100;

fn rows(n: usize) -> String {
    if n == 1 {
        "1 row".to_owned()
    } else {
        format!("{n} rows")
    }
}

#[component]
pub(crate) fn PreviewPanel(
    plan: Arc<DeskPlan>,
    file: Option<Loaded>,
    settings: RwSignal<ServiceDeskSettings>,
    import: Callback<()>,
    cancel: Callback<()>,
    back: Callback<()>,
) -> impl IntoView {
    let counts = plan.counts();
    let zone = settings.with_untracked(|s| s.zone.clone());
    let name = file.map(|f| f.name).unwrap_or_default();
    // Owned copies of the rows listed (at most `SHOWN` of each kind), for the view.
    let new: Vec<TicketRow> = plan
        .rows
        .iter()
        .filter_map(|r| match r {
            RowPlan::New(row) => Some(row.clone()),
            _ => None,
        })
        .take(SHOWN)
        .collect();
    let updated: Vec<(TicketRow, u32, String)> = plan
        .rows
        .iter()
        .filter_map(|r| match r {
            RowPlan::Updated {
                row,
                number,
                changes,
            } => Some((row.clone(), *number, changes.join("; "))),
            _ => None,
        })
        .take(SHOWN)
        .collect();
    let refused: Vec<(String, String, String)> = plan
        .rows
        .iter()
        .filter_map(|r| match r {
            RowPlan::Refused { place, key, why } => {
                Some((place.to_string(), key.clone(), why.clone()))
            }
            _ => None,
        })
        .take(SHOWN)
        .collect();
    let check: Vec<String> = plan
        .check
        .iter()
        .take(SHOWN)
        .map(|(place, note)| format!("{place}: {note}."))
        .collect();
    let nothing = counts.new + counts.updated == 0;
    let more = |n: usize| (n > SHOWN).then(|| view! { <p>{format!("and {} more", n - SHOWN)}</p> });
    view! {
        <section class="card service-desk__preview" aria-labelledby="service-desk-preview-title">
            <h2 id="service-desk-preview-title" tabindex="-1">{format!("Preview of \u{201c}{name}\u{201d}")}</h2>
            <ul class="service-desk__counts" aria-label="Rows in the file">
                <li><strong>{counts.new}</strong>" new"</li>
                <li><strong>{counts.updated}</strong>" updated"</li>
                <li><strong>{counts.unchanged}</strong>" unchanged"</li>
                <li><strong>{counts.refused}</strong>" refused"</li>
            </ul>
            <p class="field__hint">{format!("Times read in {zone}. Nothing is written until \u{201c}Import\u{201d}.")}</p>
            {(counts.refused > 0).then(|| view! {
                <details class="fold" open=true>
                    <summary class="fold__summary">{format!("Refused: {}, not imported", rows(counts.refused))}</summary>
                    <ul>{refused.into_iter().map(|(place, key, why)| view! {
                        <li>{format!("{place}{}: {why}.", if key.is_empty() { String::new() } else { format!(", {key}") })}</li>
                    }).collect_view()}</ul>
                    {more(counts.refused)}
                </details>
            })}
            {(!check.is_empty()).then(|| view! {
                <details class="fold" open=true>
                    <summary class="fold__summary">{format!("To check: {}, imported as read", rows(plan.check.len()))}</summary>
                    <ul>{check.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}</ul>
                    {more(plan.check.len())}
                </details>
            })}
            {(counts.updated > 0).then(|| view! {
                <details class="fold" open=true>
                    <summary class="fold__summary">{format!("Updated: {}", rows(counts.updated))}</summary>
                    <StackedTable caption="Tickets that changed" headers=&["Ticket", "Issue", "What changed"]>
                        {updated.into_iter().map(|(row, number, changes)| view! {
                            <tr>
                                <th scope="row" data-label="Ticket">{row.key}</th>
                                <td data-label="Issue">{format!("#{number} {}", row.title)}</td>
                                <td data-label="What changed">{changes}</td>
                            </tr>
                        }).collect_view()}
                    </StackedTable>
                    {more(counts.updated)}
                </details>
            })}
            {(counts.new > 0).then(|| view! {
                <details class="fold" open=counts.new <= 20>
                    <summary class="fold__summary">{format!("New: {}, arriving untriaged", rows(counts.new))}</summary>
                    <StackedTable caption="Tickets new to Handrail" headers=&["Ticket", "Title", "Reported"]>
                        {new.into_iter().map(|row| view! {
                            <tr>
                                <th scope="row" data-label="Ticket">{row.key}</th>
                                <td data-label="Title">{row.title}</td>
                                <td data-label="Reported">{row.reported_at.map(|t| sla_time(&zone, t)).unwrap_or_else(|| "when imported".to_owned())}</td>
                            </tr>
                        }).collect_view()}
                    </StackedTable>
                    {more(counts.new)}
                </details>
            })}
            <div class="actions actions--tight">
                {if nothing {
                    view! { <p role="status">"Nothing to import: every readable ticket is as Handrail has it."</p> }.into_any()
                } else {
                    view! {
                        <button type="button" class="button button--primary" on:click=move |_| import.run(())>
                            {format!("Import: {} new, {} updated", counts.new, counts.updated)}
                        </button>
                    }.into_any()
                }}
                <button type="button" class="button button--secondary" on:click=move |_| back.run(())>"Change the columns"</button>
                <button type="button" class="button button--secondary" on:click=move |_| cancel.run(())>"Cancel"</button>
            </div>
        </section>
    }
}

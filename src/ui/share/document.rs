//! A shared snapshot's document, read-only and printable: the charter through the charter
//! page's own sections, the plan through its timeline and a table of weeks and handoff, the
//! signed review as the Markdown frozen when it was signed.
use leptos::prelude::*;

use crate::domain::share::{SharedCharter, SharedDocument, Snapshot};
use crate::domain::withdrawal::WithdrawalPlan;
use crate::ui::charter::{CharterSections, SignatureBlock};
use crate::ui::plan::Timeline;

#[component]
pub fn SharedDocumentView(snapshot: Snapshot) -> impl IntoView {
    let title = snapshot.title();
    let body = match snapshot.document {
        SharedDocument::Charter(shared) => charter(shared).into_any(),
        SharedDocument::Plan { plan, charter } => {
            let c = charter.charter().clone();
            view! {
                <section class="doc-section">
                    <h2>"Progressive withdrawal"</h2>
                    <Timeline plan=plan.clone() charter=c/>
                </section>
                <PlanTables plan/>
            }
            .into_any()
        }
        SharedDocument::ExitReview(review) => view! {
            <pre class="shared-markdown">{review.frozen_markdown}</pre>
        }
        .into_any(),
        SharedDocument::SteeringReport {
            frozen_markdown, ..
        } => view! { <pre class="shared-markdown">{frozen_markdown}</pre> }.into_any(),
    };
    view! {
        <article class="charter-doc shared-doc">
            <h2 class="doc-title">{title}</h2>
            {body}
        </article>
    }
}

/// A draft and a revision through one view (only the note and the approval differ), so the
/// wasm holds one copy of it.
fn charter(shared: SharedCharter) -> impl IntoView {
    let (charter, approval, note) = match shared {
        SharedCharter::Draft(d) => (d.charter, None, None),
        SharedCharter::Revision(r) => (
            r.charter,
            Some(r.approval),
            r.reason.map(|why| format!("Revision {}: {why}", r.number)),
        ),
    };
    view! {
        {note.map(|note| view! { <p class="doc-muted">{note}</p> })}
        <CharterSections charter/>
        <SignatureBlock approval/>
    }
}

#[component]
fn PlanTables(plan: WithdrawalPlan) -> impl IntoView {
    let handoff = plan.handoff.clone();
    view! {
        <section class="doc-section">
            <h2>"Weeks"</h2>
            <table class="table">
                <thead><tr><th scope="col">"Week"</th><th scope="col">"Support level"</th><th scope="col">"Business goal"</th></tr></thead>
                <tbody>
                    {plan.weeks.iter().enumerate().map(|(i, w)| view! {
                        <tr><td>{i + 1}</td><td>{w.level.name()}</td><td>{w.business_goal.clone()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!plan.holds.is_empty()).then(|| view! {
                <h3>"Decisions"</h3>
                <ul>{plan.holds.iter().map(|h| view! { <li>{format!("Week {} kept at the previous level, decided by {}: {}", h.week, h.decided_by, h.reason)}</li> }).collect_view()}</ul>
            })}
            {(!plan.extensions.is_empty()).then(|| view! {
                <ul>{plan.extensions.iter().map(|x| view! { <li>{format!("Extended to {}, decided by {}: {}", x.new_end.format("%-d %b %Y"), x.decided_by, x.reason)}</li> }).collect_view()}</ul>
            })}
        </section>
        <section class="doc-section">
            <h2>"Handoff"</h2>
            <p>{format!("Business owner: {}, {}", handoff.owner_name, handoff.owner_role)}</p>
            <table class="table">
                <thead><tr><th scope="col">"Responsibility"</th><th scope="col">"Owner"</th><th scope="col">"Process"</th><th scope="col">"Transfer reached"</th></tr></thead>
                <tbody>
                    {handoff.responsibilities.iter().map(|r| view! {
                        <tr><td>{r.area.clone()}</td><td>{r.owner.clone()}</td><td>{r.process.clone()}</td>
                            <td>{r.stage_reached().map_or("Not started", |s| s.name())}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h3>"Escalation after hypercare"</h3>
            <ul>{handoff.escalation.iter().map(|c| view! { <li>{format!("{}: {}, {} ({})", c.name, c.who, c.how, c.when)}</li> }).collect_view()}</ul>
        </section>
    }
}

//! Recorded decisions that change the plan: extending hypercare past its fixed end date, and
//! holding a week at the previous week's level. Both need a name and a reason, and stay visible.
use chrono::Utc;
use leptos::prelude::*;

use crate::state::AppState;
use crate::state::SavedEngagement;
use crate::ui::components::{writes_to, SelectField, TextArea, TextField};
use crate::ui::format::long_date;

#[component]
pub fn Decisions(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let editor = super::PlanEditor::get();
    let plan =
        Memo::new(move |_| record.with(|r| r.engagement.withdrawal.clone().unwrap_or_default()));
    let (by, reason, new_end, message) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(None::<String>),
    );
    let (hold_week, hold_by, hold_reason, hold_message) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(None::<String>),
    );
    let extend = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(date) = crate::domain::bounds::parse_date(&new_end.get_untracked()) else {
            message.set(Some("Enter the new end date".to_owned()));
            return;
        };
        let (b, r) = (by.get_untracked(), reason.get_untracked());
        match editor.change(|plan, charter| plan.extend(charter, &b, &r, date, Utc::now())) {
            Ok(()) => {
                message.set(None);
                reason.set(String::new());
                state.show_toast(
                    format!("Hypercare extended to {}: recorded.", long_date(date)),
                    None,
                );
            }
            Err(error) => message.set(Some(error.to_string())),
        }
    };
    let hold = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let week: u32 = hold_week.get_untracked().parse().unwrap_or(0);
        let (b, r) = (hold_by.get_untracked(), hold_reason.get_untracked());
        match editor.change(|plan, _| plan.hold(week, &b, &r, Utc::now())) {
            Ok(()) => {
                hold_message.set(None);
                hold_reason.set(String::new());
                state.show_toast(
                    format!(
                        "Week {week} holds the level of week {}: recorded.",
                        week.saturating_sub(1)
                    ),
                    None,
                );
            }
            Err(error) => hold_message.set(Some(error.to_string())),
        }
    };
    let weeks = Signal::derive(move || {
        std::iter::once((String::new(), "Choose a week".to_owned()))
            .chain(
                (2..=plan.with(|p| p.weeks.len() as u32))
                    .map(|w| (w.to_string(), format!("Week {w}"))),
            )
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card" aria-labelledby="decisions-title">
            <h2 id="decisions-title">"Recorded decisions"</h2>
            <p class="muted">"The end date is fixed. Moving it, or keeping the project team at a level longer, is a decision someone takes and signs here; it never happens silently."</p>
            <ul class="decision-list">
                {move || plan.get().extensions.into_iter().map(|e| view! {
                    <li><strong>{format!("Extended to {}", long_date(e.new_end))}</strong>{format!(" by {}: {}", e.decided_by, e.reason)}</li>
                }).collect_view()}
                {move || plan.get().holds.into_iter().map(|h| view! {
                    <li><strong>{format!("Week {} held at week {}\u{2019}s level", h.week, h.week - 1)}</strong>{format!(" by {}: {}", h.decided_by, h.reason)}</li>
                }).collect_view()}
            </ul>
            <div class="decision-forms">
                <form class="form" on:submit=extend novalidate=true aria-labelledby="extend-title">
                    <h3 id="extend-title">"Extend hypercare"</h3>
                    {move || message.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
                    <TextField id="extend-by" label="Decided by" value=by on_input=writes_to(by)/>
                    <TextArea id="extend-reason" label="Why" rows=2 value=reason on_input=writes_to(reason)/>
                    <TextField id="extend-end" label="New end date" input_type="date" value=new_end on_input=writes_to(new_end)/>
                    <button type="submit" class="button button--secondary">"Record the extension"</button>
                </form>
                <form class="form" on:submit=hold novalidate=true aria-labelledby="hold-title">
                    <h3 id="hold-title">"Hold a week\u{2019}s level"</h3>
                    {move || hold_message.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
                    <SelectField id="hold-week" label="Week" options=weeks value=hold_week on_change=writes_to(hold_week)/>
                    <TextField id="hold-by" label="Decided by" value=hold_by on_input=writes_to(hold_by)/>
                    <TextArea id="hold-reason" label="Why" hint="For example: a new critical issue late in the plan" rows=2 value=hold_reason on_input=writes_to(hold_reason)/>
                    <button type="submit" class="button button--secondary">"Record the hold"</button>
                </form>
            </div>
        </section>
    }
}

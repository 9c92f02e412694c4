//! The stand-up's "new issues, one by one" in the console: capture an issue with its title,
//! or pick one waiting for triage, then run the triage wizard (the same one as on the issue
//! page). Its answers go to the projector as they are given, so the room sees the issue being
//! classified and can object before it is confirmed.
use leptos::prelude::*;

use super::step_content::Triaging;
use crate::domain::triage::form::TriageForm;
use crate::domain::EngagementId;
use crate::state::{AppState, SavedEngagement};
use crate::ui::triage::IssueTriageWizard;

#[component]
pub fn NewIssuePanel(
    id: EngagementId,
    record: Memo<Option<SavedEngagement>>,
    triaging: RwSignal<Triaging>,
) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(id);
    let title = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let selected = RwSignal::new(None::<u32>);
    let pick = move |number: u32, title: String| {
        error.set(None);
        selected.set(Some(number));
        // Shown at once, before the wizard reports its first answers.
        triaging.set(Some((
            number,
            TriageForm {
                title,
                ..TriageForm::default()
            },
        )));
    };
    let capture = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = title.get_untracked();
        match id.with_value(|id| state.log_issue(id, &typed)) {
            Ok(number) => {
                title.set(String::new());
                pick(number, typed.trim().to_owned());
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let waiting = Memo::new(move |_| {
        record.with(|r| {
            r.as_ref().map_or_else(Vec::new, |r| {
                r.engagement
                    .issues
                    .iter()
                    .map(|i| i.view())
                    .filter(|v| v.in_scope.is_none())
                    .map(|v| (v.number, v.title))
                    .collect::<Vec<_>>()
            })
        })
    });
    let done = Callback::new(move |()| {
        selected.set(None);
        triaging.set(None);
    });
    let on_form = Callback::new(move |form: TriageForm| {
        if let Some(number) = selected.get_untracked() {
            triaging.set(Some((number, form)));
        }
    });
    let wizard = move || {
        let number = selected.get()?;
        let saved = record.get_untracked()?;
        Some(view! {
            <div class="workshop-triage">
                <IssueTriageWizard record=Signal::stored(saved) number on_done=done on_form/>
                <button type="button" class="button button--secondary" on:click=move |_| done.run(())>
                    "Stop triaging this issue"
                </button>
            </div>
        })
    };
    view! {
        <section class="workshop-console__issues" aria-labelledby="new-issues-title">
            <h2 id="new-issues-title">"New issues"</h2>
            {move || error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
            <Show when=move || selected.get().is_none()>
                <form class="workshop-capture" on:submit=capture novalidate>
                    <div class="field">
                        <label class="field__label" for="workshop-issue-title">"Capture a new issue"</label>
                        <input id="workshop-issue-title" class="field__input" type="text"
                            prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="button button--primary">"Capture and triage"</button>
                </form>
                <ul class="workshop-capture__waiting" aria-label="Waiting for triage">
                    {move || waiting.get().into_iter().map(|(number, name)| {
                        let label = format!("#{number} {name}");
                        view! {
                            <li>
                                <span>{label}</span>" "
                                <button type="button" class="button button--secondary button--compact"
                                    on:click=move |_| pick(number, name.clone())>
                                    "Triage"<span class="visually-hidden">{format!(" issue #{number}")}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            {wizard}
        </section>
    }
}

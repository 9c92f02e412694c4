//! Step 6: the whole charter, every open problem linked to its step, and approval.
use leptos::prelude::*;

use super::editor::DraftEditor;
use super::sections::CharterSections;
use crate::domain::charter::sample::invented;
use crate::domain::charter::ApprovalForm;
use crate::route::{Route, Section};
use crate::state::AppState;
use crate::state::SavedEngagement;
use crate::state::{CommandError, APPROVAL_FIELDS};
use crate::ui::components::TextField;
use crate::ui::dom::focus_by_id;
use crate::ui::router::navigate;

#[component]
pub fn ReviewStep(editor: DraftEditor, record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let today = crate::ui::format::today().format("%Y-%m-%d").to_string();
    let form = RwSignal::new(ApprovalForm {
        date: today,
        ..ApprovalForm::default()
    });
    let errors = RwSignal::new((None::<String>, None::<String>, None::<String>));
    let refusal = RwSignal::new(None::<String>);
    let open = editor.problems;

    let go_fix = move |step, field: String| {
        editor.show_problems_of(step);
        editor.go_to(step);
        request_animation_frame(move || focus_by_id(&field));
    };
    let approve = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = editor.id();
        match state.approve_charter(&id, &form.get_untracked()) {
            Ok(number) => {
                state.show_toast(format!("Charter approved: revision {number}."), None);
                navigate(&Route::Engagement(id, Section::Charter));
            }
            // The approval form's own problems go beside its fields.
            Err(error)
                if APPROVAL_FIELDS
                    .iter()
                    .any(|f| error.problem_at(f).is_some()) =>
            {
                let [name, role, date] = APPROVAL_FIELDS.map(|f| error.problem_at(f));
                errors.set((name, role, date));
                refusal.set(None);
            }
            Err(CommandError::Invalid(list)) => {
                refusal.set(Some(format!(
                    "Not approved: {} {} still open. They are listed above.",
                    crate::domain::words::count(list.len(), "problem", "problems"),
                    crate::domain::words::is_are(list.len())
                )));
                request_animation_frame(|| focus_by_id("open-problems"));
            }
            Err(error) => refusal.set(Some(format!("Not approved: {error}"))),
        }
    };
    let engagement_name = move || record.with(|r| r.engagement.name().to_owned());

    view! {
        <p class="step-intro">"Read the charter as it will be signed. Project leadership approves it once nothing is open."</p>
        <section class="card card--inset" id="open-problems" tabindex="-1" aria-labelledby="open-problems-title">
            <h3 id="open-problems-title">
                {move || match open.with(Vec::len) {
                    0 => "Nothing is open".to_owned(),
                    1 => "1 problem is open".to_owned(),
                    n => format!("{n} problems are open"),
                }}
            </h3>
            <Show when=move || !open.with(Vec::is_empty) fallback=|| view! { <p>"Every step is complete. The charter can be approved."</p> }>
                <ul class="problem-list">
                    {move || open.get().into_iter().map(|p| {
                        let step = p.step;
                        let field = p.field.clone();
                        view! {
                            <li>
                                <span class="badge badge--neutral">{step.title()}</span>
                                " "
                                <button type="button" class="link-button" on:click=move |_| go_fix(step, field.clone())>
                                    {p.message}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
        {move || {
            let found = editor.draft.with(|d| invented(&d.charter));
            (!found.is_empty()).then(|| view! {
                <section class="notice notice--warning" aria-labelledby="sample-title">
                    <h3 id="sample-title" class="notice__title">{format!("Sample text still in the charter ({})", found.len())}</h3>
                    <p>"These people, contacts and days were invented for the sample. Replace them with your own before the charter is approved or shared."</p>
                    <ul class="problem-list">
                        {found.into_iter().map(|i| {
                            let (step, field) = (i.step, i.field.clone());
                            view! { <li><button type="button" class="link-button" on:click=move |_| go_fix(step, field.clone())>{i.label}</button></li> }
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
        <div class="charter-preview">
            <h3 class="subhead">{move || format!("Hypercare charter: {}", engagement_name())}</h3>
            {move || view! { <CharterSections charter=editor.draft.with(|d| d.charter.clone()) mark_sample=false/> }}
        </div>
        <form class="card card--inset form" on:submit=approve novalidate=true aria-labelledby="approve-title">
            <h3 id="approve-title">"Approval by project leadership"</h3>
            {move || refusal.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
            <TextField id="approval-name" label="Approved by" autocomplete="name"
                value=Signal::derive(move || form.with(|f| f.name.clone()))
                on_input=Callback::new(move |v| form.update(|f| f.name = v))
                error=Signal::derive(move || errors.with(|e| e.0.clone()))/>
            <TextField id="approval-role" label="Role" hint="For example programme director or project sponsor"
                value=Signal::derive(move || form.with(|f| f.role.clone()))
                on_input=Callback::new(move |v| form.update(|f| f.role = v))
                error=Signal::derive(move || errors.with(|e| e.1.clone()))/>
            <TextField id="approval-date" label="Date of approval" input_type="date"
                value=Signal::derive(move || form.with(|f| f.date.clone()))
                on_input=Callback::new(move |v| form.update(|f| f.date = v))
                error=Signal::derive(move || errors.with(|e| e.2.clone()))/>
            <button type="submit" class="button button--primary">"Approve the charter"</button>
        </form>
    }
}

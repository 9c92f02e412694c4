//! The engagement details form, shared by "New engagement" and "Edit details".
//!
//! Input is parsed by the domain only on submit; until then every keystroke goes to a
//! session draft, so a reload or an app update brings the typing back.
use leptos::{html, prelude::*};

use super::TextField;
use crate::domain::{EngagementForm, FormErrors};
use crate::ui::dom::focus_by_id;
use crate::ui::draft;

/// Why a submit did not go through. The form keeps everything that was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitError {
    /// Field by field, shown beside the fields and in a summary.
    Invalid(FormErrors),
    /// Could not be saved; the message says why and what to do.
    Failed(String),
}

#[component]
pub fn EngagementFormView(
    /// Prefix of the field ids, unique on the page.
    #[prop(into)]
    id: String,
    /// sessionStorage key for the draft of this form.
    #[prop(into)]
    draft_key: String,
    /// Values to start from when there is no draft.
    initial: EngagementForm,
    #[prop(into)] submit_label: String,
    on_submit: Callback<EngagementForm, Result<(), SubmitError>>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let form = RwSignal::new(draft::load::<EngagementForm>(&draft_key).unwrap_or(initial));
    let errors = RwSignal::new(FormErrors::default());
    let failure = RwSignal::new(None::<String>);
    let summary = NodeRef::<html::Div>::new();

    let key = StoredValue::new(draft_key);
    let edit = move |change: fn(&mut EngagementForm, String)| {
        Callback::new(move |value: String| {
            form.update(|f| change(f, value));
            key.with_value(|key| form.with_untracked(|f| draft::save(key, f)));
        })
    };
    let field_id = {
        let id = id.clone();
        move |field: &str| format!("{id}-{field}")
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match on_submit.run(form.get_untracked()) {
            Ok(()) => {
                key.with_value(|key| draft::clear(key));
                errors.set(FormErrors::default());
                failure.set(None);
            }
            Err(SubmitError::Invalid(found)) => {
                errors.set(found);
                failure.set(None);
                focus_later(summary);
            }
            Err(SubmitError::Failed(message)) => {
                errors.set(FormErrors::default());
                failure.set(Some(message));
                focus_later(summary);
            }
        }
    };
    let cancel = move |_| {
        key.with_value(|key| draft::clear(key));
        if let Some(on_cancel) = on_cancel {
            on_cancel.run(());
        }
    };

    let summary_items = {
        let field_id = field_id.clone();
        move || {
            errors
                .get()
                .messages()
                .into_iter()
                .map(|(field, message)| {
                    let target = field_id(field);
                    view! {
                        <li>
                            <button
                                type="button"
                                class="link-button"
                                on:click=move |_| focus_by_id(&target)
                            >
                                {message}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let has_problem = move || !errors.with(FormErrors::is_empty) || failure.with(Option::is_some);

    view! {
        <form class="form" novalidate=true on:submit=submit>
            <div class="error-summary" tabindex="-1" node_ref=summary hidden=move || !has_problem()>
                <h3 class="error-summary__title">"There is a problem"</h3>
                {move || failure.get().map(|message| view! { <p>{message}</p> })}
                <ul class="error-summary__list">{summary_items}</ul>
            </div>
            <TextField
                id=field_id("name")
                label="Engagement name"
                hint="The go-live you are supporting, as people call it"
                autocomplete="off"
                value=Signal::derive(move || form.with(|f| f.name.clone()))
                on_input=edit(|f, v| f.name = v)
                error=Signal::derive(move || errors.with(|e| e.name.clone()))
            />
            <TextField
                id=field_id("system")
                label="System"
                hint="The CRM or ERP going live, like \u{201c}Dynamics 365 Sales\u{201d}"
                autocomplete="off"
                value=Signal::derive(move || form.with(|f| f.system.clone()))
                on_input=edit(|f, v| f.system = v)
                error=Signal::derive(move || errors.with(|e| e.system.clone()))
            />
            <TextField
                id=field_id("go_live")
                label="Go-live date"
                input_type="date"
                value=Signal::derive(move || form.with(|f| f.go_live.clone()))
                on_input=edit(|f, v| f.go_live = v)
                error=Signal::derive(move || errors.with(|e| e.go_live.clone()))
            />
            <div class="actions">
                <button type="submit" class="button button--primary">{submit_label}</button>
                {on_cancel
                    .map(|_| {
                        view! {
                            <button type="button" class="button button--secondary" on:click=cancel>
                                "Cancel"
                            </button>
                        }
                    })}
            </div>
        </form>
    }
}

/// Focuses after the current render, when the element is shown.
fn focus_later(node: NodeRef<html::Div>) {
    request_animation_frame(move || {
        if let Some(element) = node.get_untracked() {
            let _ = element.focus();
        }
    });
}

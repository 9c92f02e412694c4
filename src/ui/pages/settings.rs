//! An engagement's settings: its details (and editing them), team sync, downloading a copy of
//! it, and deleting it. Administration, kept off the overview, which is for the state of
//! hypercare.
use leptos::prelude::*;

use crate::domain::{EngagementDetails, EngagementForm, EngagementId};
use crate::route::Route;
use crate::state::{AppState, CommandError, SavedEngagement};
use crate::ui::components::engagement_form::SubmitError;
use crate::ui::components::{ConfirmDialog, EngagementFormView};
use crate::ui::format::{long_date, short_local_time};
use crate::ui::{draft, lazy, parts, router::navigate};

/// What an open edit form keeps across a reload: the revision it started from matters, so a
/// change another tab made in between is noticed instead of overwritten.
fn edit_draft_key(id: &EngagementId) -> String {
    format!("edit:{id}")
}
fn edit_base_key(id: &EngagementId) -> String {
    format!("edit-base:{id}")
}

/// The engagement's settings: its details (and editing them), team sync, downloading a copy,
/// and deleting it.
#[component]
pub fn EngagementSettings(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let details = Memo::new(move |_| record.with(|r| r.engagement.details.clone()));
    let name = move || details.with(|d| d.name.clone());
    // After the exit review is signed the record is read-only: no control offers a change.
    let frozen = Memo::new(move |_| record.with(|r| r.engagement.is_frozen()));

    // The revision the edit form is based on; survives a reload together with the draft.
    let base_key = edit_base_key(&id);
    let editing_base = RwSignal::new(draft::load::<u64>(&base_key));
    let confirm_delete = RwSignal::new(false);

    let start_editing = {
        let base_key = base_key.clone();
        move |_| {
            let revision = record.with_untracked(|r| r.revision);
            draft::save(&base_key, &revision);
            editing_base.set(Some(revision));
        }
    };
    let stop_editing = {
        let base_key = base_key.clone();
        Callback::new(move |_| {
            draft::clear(&base_key);
            editing_base.set(None);
        })
    };
    let save_edit = {
        let id = id.clone();
        Callback::new(move |form: EngagementForm| {
            let names = state.other_names(Some(&id));
            let details = form
                .parse(names.iter().map(String::as_str))
                .map_err(SubmitError::Invalid)?;
            let based_on = editing_base
                .get_untracked()
                .unwrap_or_else(|| record.with_untracked(|r| r.revision));
            match state.update_details(&id, based_on, details) {
                Ok(()) => {
                    stop_editing.run(());
                    state.show_toast("Details saved.".to_owned(), None);
                    Ok(())
                }
                Err(CommandError::Conflict {
                    stored: Some(stored),
                }) => {
                    // Rebase on what is stored now, so a second Save is an informed choice.
                    draft::save(&edit_base_key(&id), &stored.revision);
                    editing_base.set(Some(stored.revision));
                    Err(SubmitError::Failed(conflict_message(
                        &stored.engagement.details,
                    )))
                }
                Err(error) => Err(SubmitError::Failed(error.to_string())),
            }
        })
    };
    let delete = {
        let id = id.clone();
        Callback::new(move |_| match state.delete(&id) {
            Ok(()) => navigate(&Route::Engagements),
            Err(error) => state.show_toast(format!("Not deleted: {error}"), None),
        })
    };
    let download_one = {
        let id = id.clone();
        move |_| {
            if let Err(error) = state.download_backup(Some(&id)) {
                state.show_toast(format!("The file could not be downloaded: {error}."), None);
            }
        }
    };
    let draft_key = edit_draft_key(&id);

    view! {
        <section class="card" aria-labelledby="details-title">
            <div class="card__head">
                <h2 id="details-title">"Details"</h2>
                <Show when=move || editing_base.get().is_none() && !frozen.get()>
                    <button type="button" class="button button--secondary" on:click=start_editing.clone()>
                        "Edit details"
                    </button>
                </Show>
            </div>
            <Show
                when=move || editing_base.get().is_some() && !frozen.get()
                fallback=move || view! { <DetailsList record/> }
            >
                <EngagementFormView
                    id="edit"
                    draft_key=draft_key.clone()
                    initial=details.with_untracked(EngagementForm::from_details)
                    submit_label="Save details"
                    on_submit=save_edit
                    on_cancel=stop_editing
                />
            </Show>
        </section>
        {lazy::show(parts::team_sync_card(id.clone()))}
        <section class="card" aria-labelledby="copy-title">
            <h2 id="copy-title">"Keep a copy"</h2>
            <p>"Download this engagement as a backup file, to keep or to restore in another browser."</p>
            <button type="button" class="button button--secondary" on:click=download_one>
                "Download this engagement"
            </button>
        </section>
        <section class="card card--danger" aria-labelledby="delete-title">
            <h2 id="delete-title">"Delete this engagement"</h2>
            <p>"Removes it and everything in it from this browser. You can undo right after."</p>
            <button type="button" class="button button--danger" on:click=move |_| confirm_delete.set(true)>
                "Delete engagement"
            </button>
        </section>
        <ConfirmDialog
            id="delete-dialog"
            open=confirm_delete
            title=Signal::derive(move || format!("Delete \u{201c}{}\u{201d}?", name()))
            confirm_label="Delete"
            on_confirm=delete
        >
            <p>"The engagement and everything in it will be removed from this browser."</p>
        </ConfirmDialog>
    }
}

#[component]
fn DetailsList(record: Signal<SavedEngagement>) -> impl IntoView {
    move || {
        let record = record.get();
        let details = record.engagement.details;
        let saved_at = short_local_time(record.saved_at);
        view! {
            <dl class="details">
                <div>
                    <dt>"Name"</dt>
                    <dd>{details.name}</dd>
                </div>
                <div>
                    <dt>"System"</dt>
                    <dd>{details.system}</dd>
                </div>
                <div>
                    <dt>"Go-live date"</dt>
                    <dd>{long_date(details.go_live)}</dd>
                </div>
                <div>
                    <dt>"Last saved"</dt>
                    <dd>{saved_at}</dd>
                </div>
            </dl>
        }
    }
}

fn conflict_message(stored: &EngagementDetails) -> String {
    format!(
        "Someone changed this engagement in another tab or window while you were editing. It now reads: name \u{201c}{}\u{201d}, system \u{201c}{}\u{201d}, go-live {}. Press Save again to replace that with what you typed here, or Cancel to keep it.",
        stored.name,
        stored.system,
        long_date(stored.go_live)
    )
}

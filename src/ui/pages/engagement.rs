//! One engagement: the frame every section shares (breadcrumb, name, go-live, section tabs),
//! and the overview section with its details, editing them, and deleting it.
use leptos::prelude::*;

use super::NotFoundPage;
use crate::domain::charter::CharterStatus;
use crate::domain::{EngagementDetails, EngagementForm, EngagementId, GoLivePhase};
use crate::route::{Route, Section};
use crate::state::{AppState, CommandError, SavedEngagement};
use crate::ui::components::engagement_form::SubmitError;
use crate::ui::components::{ConfirmDialog, EngagementFormView};
use crate::ui::format::{long_date, short_local_time, today};
use crate::ui::sync::SyncBadge;
use crate::ui::{draft, lazy, parts, router::navigate};

/// What an open edit form keeps across a reload: the revision it started from matters, so a
/// change another tab made in between is noticed instead of overwritten.
fn edit_draft_key(id: &EngagementId) -> String {
    format!("edit:{id}")
}
fn edit_base_key(id: &EngagementId) -> String {
    format!("edit-base:{id}")
}

#[component]
pub fn EngagementPage(id: EngagementId, section: Section) -> impl IntoView {
    let state = AppState::get();
    let damaged = {
        let id = id.clone();
        Memo::new(move |_| state.is_damaged(&id))
    };
    let found = Memo::new(move |_| state.find(&id));
    // The overview stays mounted while the record changes (for instance when another tab
    // saves), so an open form keeps its input and focus.
    let exists = Memo::new(move |_| found.with(Option::is_some));
    move || {
        match exists.get().then(|| found.get_untracked()).flatten() {
        Some(first) => {
            // Holds the last stored version: a deletion unmounts the overview, and until then
            // its views keep reading a real record.
            let record = RwSignal::new(first);
            Effect::new(move |_| {
                if let Some(latest) = found.get() {
                    record.set(latest);
                }
            });
            let record: Signal<SavedEngagement> = record.into();
            let has_notices = Memo::new(move |_| record.with(|r| !r.engagement.merge_notices.is_empty()));
            let body = match section.clone() {
                Section::Overview => view! { <Overview record/> }.into_any(),
                Section::Charter => lazy::show(parts::charter_document(record)),
                Section::CharterWizard => lazy::show(parts::charter_wizard(record)),
                Section::CharterRevision(number) => lazy::show(parts::charter_revision(record, number)),
                Section::Triage(filter) => lazy::show(parts::triage_queue(record, filter)),
                Section::Issue(number) => lazy::show(parts::issue_page(record, number)),
                Section::Plan => lazy::show(parts::plan_page(record)),
                Section::Exit => lazy::show(parts::exit_review(record)),
                Section::Steering(number) => lazy::show(parts::steering(record, number)),
                Section::Reports => lazy::show(parts::reports_page(record)),
                Section::TellReporter(number) => lazy::show(parts::tell_reporter(record, number)),
            };
            view! {
                <EngagementHeader record section=section.clone()/>
                // Notices exist only where merges happened, so their code waits in the sync part.
                {move || has_notices.get().then(|| lazy::show(parts::merge_notices(record)))}
                {body}
            }
            .into_any()
        }
        None if damaged.get() => view! {
            <NotFoundPage
                title="This engagement cannot be read"
                message="Its stored data is damaged or was saved by a newer version of Handrail. It is kept exactly as it is: open recovery to download it or to learn more."
            />
            <p><a class="button button--secondary" href=Route::Recovery.href()>"Open recovery"</a></p>
        }
        .into_any(),
        None => {
            view! {
                <NotFoundPage
                    title="Engagement not found"
                    message="There is no engagement at this address in this browser. It may have been deleted, or created in another browser: each browser keeps its own data."
                />
            }
            .into_any()
        }
    }
    }
}

#[component]
fn Overview(record: Signal<SavedEngagement>) -> impl IntoView {
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
                state.show_toast(format!("The file could not be downloaded: {error}"), None);
            }
        }
    };
    let draft_key = edit_draft_key(&id);

    view! {
        {crate::ui::lazy::show(crate::ui::parts::overview_dashboard(record))}
        <Show when=move || !frozen.get()>
            <super::dashboard::CriteriaSettingsEditor record/>
        </Show>
        <CharterCard record/>
        {lazy::show(parts::report_card(record))}
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

/// The heading a section adds after the engagement's name; the overview has none.
pub fn section_heading(section: &Section) -> Option<&'static str> {
    match section {
        Section::Overview => None,
        Section::Charter => Some("Charter"),
        Section::CharterWizard => Some("Charter wizard"),
        Section::CharterRevision(_) => Some("Charter revision"),
        Section::Triage(_) => Some("Triage"),
        Section::Issue(_) => Some("Issue"),
        Section::Plan => Some("Withdrawal plan"),
        Section::Exit => Some("Exit review"),
        Section::Steering(_) => Some("Steering reports"),
        Section::Reports => Some("Reports from the business"),
        Section::TellReporter(_) => Some("Tell the reporter"),
    }
}

/// Breadcrumb, name, system and go-live, and the section tabs: the same on every section, so
/// the engagement being worked on is always in view.
#[component]
fn EngagementHeader(record: Signal<SavedEngagement>, section: Section) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let details = Memo::new(move |_| record.with(|r| r.engagement.details.clone()));
    let name = move || details.with(|d| d.name.clone());
    let tab = |to: Section, label: &'static str, current: bool| {
        view! {
            <a href=Route::Engagement(id.clone(), to).href() class="tabs__tab" aria-current=current.then_some("page")>{label}</a>
        }
    };
    let on_charter = matches!(
        section,
        Section::Charter | Section::CharterWizard | Section::CharterRevision(_)
    );
    let heading = section_heading(&section);
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href=Route::Engagements.href()>"Engagements"</a></li>
                {match heading {
                    None => view! { <li aria-current="page">{name}</li> }.into_any(),
                    Some(_) => view! { <li><a href=Route::Engagement(id.clone(), Section::Overview).href()>{name}</a></li> }.into_any(),
                }}
            </ol>
        </nav>
        <div class="page-head">
            <div>
                <h1 id="page-title" tabindex="-1">
                    {name}
                    {heading.map(|h| view! { <span class="page-head__section">{format!(": {h}")}</span> })}
                </h1>
                <p class="page-head__meta">
                    {move || details.with(|d| d.system.clone())}
                    " \u{00b7} go-live "
                    {move || details.with(|d| long_date(d.go_live))}
                    " \u{00b7} "
                    <span class="badge badge--live">
                        {move || details.with(|d| GoLivePhase::on(d.go_live, today()).describe())}
                    </span>
                    {move || record.with(|r| r.engagement.is_frozen()).then(|| view! {
                        " "
                        <span class="badge badge--neutral">"In business ownership"</span>
                    })}
                    <SyncBadge id=id.clone()/>
                </p>
            </div>
        </div>
        <nav class="tabs" aria-label="Engagement sections">
            {tab(Section::Overview, "Overview", section == Section::Overview)}
            {tab(Section::Charter, "Charter", on_charter)}
            {tab(Section::triage(), "Triage", matches!(section, Section::Triage(_) | Section::Issue(_)))}
            {tab(Section::Plan, "Plan", section == Section::Plan)}
            {tab(Section::Exit, "Exit review", section == Section::Exit)}
        </nav>
    }
}

/// Where the charter stands, and the way to it.
#[component]
fn CharterCard(record: Signal<SavedEngagement>) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let status = Memo::new(move |_| record.with(|r| r.engagement.charter.status()));
    let step =
        Memo::new(move |_| record.with(|r| r.engagement.charter.draft.as_ref().map(|d| d.step)));
    let end = Memo::new(move |_| {
        record.with(|r| r.engagement.charter.in_force().and_then(|c| c.end_date()))
    });
    let charter_href = Route::Engagement(id.clone(), Section::Charter).href();
    let wizard_href = Route::Engagement(id, Section::CharterWizard).href();
    view! {
        <section class="card" aria-labelledby="charter-card-title">
            <div class="card__head">
                <h2 id="charter-card-title">"Hypercare charter"</h2>
                <span class="badge" class:badge--live=move || matches!(status.get(), CharterStatus::Approved { .. })
                    class:badge--neutral=move || !matches!(status.get(), CharterStatus::Approved { .. })>
                    {move || status.get().describe()}
                </span>
            </div>
            <p>
                {move || match (status.get(), step.get()) {
                    (CharterStatus::NotStarted, _) => "The agreement hypercare runs on: duration, scope, response times, escalation and routing. Draft it and have project leadership approve it before go-live.".to_owned(),
                    (_, Some(step)) => format!("Drafting: step {} of 6, {}.", step.index() + 1, step.title()),
                    _ => "Approved and frozen. Changes need a new revision with a reason.".to_owned(),
                }}
                {move || end.get().map(|end| format!(" Hypercare ends on {}.", long_date(end)))}
            </p>
            <div class="actions actions--tight">
                {move || match (status.get(), step.get()) {
                    (CharterStatus::NotStarted, _) => view! { <a class="button button--primary" href=wizard_href.clone()>"Draft the charter"</a> }.into_any(),
                    (_, Some(_)) => view! {
                        <a class="button button--primary" href=wizard_href.clone()>"Continue the charter"</a>
                        <a class="button button--secondary" href=charter_href.clone()>"Read the charter"</a>
                    }.into_any(),
                    _ => view! { <a class="button button--primary" href=charter_href.clone()>"Open the charter"</a> }.into_any(),
                }}
            </div>
        </section>
    }
}

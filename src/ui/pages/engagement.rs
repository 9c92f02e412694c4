//! One engagement: the frame every section shares (breadcrumb, name, go-live, section tabs),
//! and the overview section. Its settings (details, team sync, deleting) are `settings`.
use leptos::prelude::*;

use super::NotFoundPage;
use crate::domain::charter::CharterStatus;
use crate::domain::{EngagementId, GoLivePhase};
use crate::route::{Route, Section};
use crate::state::{AppState, SavedEngagement};
use crate::ui::format::{long_date, today};
use crate::ui::sync::SyncBadge;
use crate::ui::{lazy, parts};

#[component]
pub fn EngagementPage(id: EngagementId, section: Section) -> impl IntoView {
    let state = AppState::get();
    let damaged = {
        let id = id.clone();
        Memo::new(move |_| state.is_damaged(&id))
    };
    // Which version of the engagement is in memory, not the engagement: comparing or copying
    // thousands of issues on every save of any engagement would cost more than the save. One
    // number (a type of memo the first load already has) from the revision and both stamps.
    let version = {
        let id = id.clone();
        Memo::new(move |_| {
            state.engagements.with(|list| {
                list.iter().find(|r| r.engagement.id == id).map(|r| {
                    let stamps = [r.saved_at, r.engagement.updated_at];
                    stamps.iter().fold(r.revision as i64, |version, at| {
                        version
                            .wrapping_mul(1_000_003)
                            .wrapping_add(at.timestamp_millis())
                    })
                })
            })
        })
    };
    // The overview stays mounted while the record changes (for instance when another tab
    // saves), so an open form keeps its input and focus.
    let exists = Memo::new(move |_| version.with(Option::is_some));
    move || {
        let id = id.clone();
        match exists.get().then(|| state.find_untracked(&id)).flatten() {
        Some(first) => {
            // Holds the last stored version: a deletion unmounts the overview, and until then
            // its views keep reading a real record.
            let record = RwSignal::new(first);
            Effect::new(move |_| {
                if version.with(Option::is_some) {
                    if let Some(latest) = state.find_untracked(&id) {
                        record.set(latest);
                    }
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
                Section::Settings => lazy::show(parts::settings_page(record)),
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

/// The state of hypercare: the dashboard, the charter, letting the business report. The
/// engagement's administration (details, team sync, a copy, deleting) is on its settings page.
#[component]
fn Overview(record: Signal<SavedEngagement>) -> impl IntoView {
    // After the exit review is signed the record is read-only: no control offers a change.
    let frozen = Memo::new(move |_| record.with(|r| r.engagement.is_frozen()));
    view! {
        {crate::ui::lazy::show(crate::ui::parts::overview_dashboard(record))}
        <Show when=move || !frozen.get()>
            <super::dashboard::CriteriaSettingsEditor record/>
        </Show>
        <CharterCard record/>
        {lazy::show(parts::report_card(record))}
        {lazy::show(parts::workshop_records(record))}
    }
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
        Section::Settings => Some("Settings"),
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
            {tab(Section::Settings, "Settings", section == Section::Settings)}
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

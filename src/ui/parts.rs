//! Where the release build cuts the wasm: each screen below is downloaded the first time it is
//! opened, in the part its declaration names (see [`super::lazy`]). What stays in the app's
//! main file is what every visit needs: the shell, the engagement list, an engagement's header
//! and overview, the storage and the domain rules the overview shows.
//!
//! Screens that are used together share a part, so opening one brings the others along: all
//! of an engagement's sections are one part, because fewer parts share less code between them
//! (each piece of code that several parts use is a file of its own) and a reload of a section
//! then fetches a few files rather than eighteen. Shared code comes with whichever part needs
//! it first.
use leptos::prelude::*;

use super::lazy::lazy_part;
use crate::domain::share::ShareWhat;
use crate::domain::triage::queue::Filter;
use crate::domain::EngagementId;
use crate::route::Presenting;
use crate::state::SavedEngagement;

lazy_part! {
    /// The charter as a document (the draft or the approved revision), with its actions.
    [sections] pub fn charter_document(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::charter::CharterDocument record/> }.into_any()
    }

    /// One approved revision of the charter, read-only.
    [sections] pub fn charter_revision(record: Signal<SavedEngagement>, number: u32) -> AnyView {
        view! { <super::charter::CharterRevisionPage record number/> }.into_any()
    }

    /// The charter wizard.
    [sections] pub fn charter_wizard(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::charter::CharterWizard record/> }.into_any()
    }

    /// The triage queue with quick capture.
    [sections] pub fn triage_queue(record: Signal<SavedEngagement>, filter: Filter) -> AnyView {
        view! { <super::triage::TriageQueue record filter/> }.into_any()
    }

    /// One issue: its triage, clocks and history.
    [sections] pub fn issue_page(record: Signal<SavedEngagement>, number: u32) -> AnyView {
        view! { <super::triage::IssuePage record number/> }.into_any()
    }

    /// The progressive-withdrawal plan and the ownership handoff.
    [sections] pub fn plan_page(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::plan::PlanPage record/> }.into_any()
    }

    /// The exit review.
    [sections] pub fn exit_review(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::exit::ExitReviewPage record/> }.into_any()
    }

    /// The steering reports: prepare, issue, read, print, download (issue 26).
    [steering] pub fn steering(record: Signal<SavedEngagement>, number: Option<u32>) -> AnyView {
        view! { <super::steering::SteeringPage record number/> }.into_any()
    }

    /// Letting the business report issues: the report link, and adding reports (issue 23).
    [intake] pub fn reports_page(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::intake::ReportsPage record/> }.into_any()
    }

    /// "Tell the reporter" how an issue that came from a report stands.
    [intake] pub fn tell_reporter(record: Signal<SavedEngagement>, number: u32) -> AnyView {
        view! { <super::intake::TellReporter record number/> }.into_any()
    }

    /// The overview's card: the report link's QR code, or how to make one.
    [intake] pub fn report_card(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::intake::ReportCard record/> }.into_any()
    }

    /// The report link's QR code ("Scan to report a problem") for the printed charter and the
    /// workshop's audience window; nothing until the link exists.
    [intake] pub fn report_qr(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::intake::ReportQr record/> }.into_any()
    }

    /// A report link opened in the team's Handrail.
    [intake] pub fn report_link_page(link: String) -> AnyView {
        view! { <super::intake::ReportLinkPage link/> }.into_any()
    }

    /// The engagement's settings: details, team sync, a copy, deleting it.
    [sections] pub fn settings_page(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::pages::EngagementSettings record/> }.into_any()
    }

    /// The exit criteria's thresholds, opened from the overview.
    [sections] pub fn criteria_settings(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::pages::CriteriaSettingsFields record/> }.into_any()
    }
}

lazy_part! {
    /// The workshop console.
    [workshop] pub fn present_page(id: EngagementId, what: Presenting) -> AnyView {
        view! { <super::workshop::PresentPage id what/> }.into_any()
    }

    /// The projector's window of a workshop.
    [workshop] pub fn audience_page(id: EngagementId) -> AnyView {
        view! { <super::workshop::AudiencePage id/> }.into_any()
    }
}

lazy_part! {
    /// A share link's page: the document read-only, and saving it to this browser.
    [share] pub fn shared_link_page(link: String) -> AnyView {
        view! { <super::share::SharedLinkPage link/> }.into_any()
    }

    /// A link as pasted ("Open a shared link" on the start page), read and written again
    /// clean for the address bar, or why it cannot be opened.
    [share] pub fn clean_shared_link(pasted: String) -> Result<String, String> {
        crate::state::links::clean(&pasted)
    }

    /// The "Share as a link" dialog, opened (again) on every change of `presses`.
    [share] pub fn share_dialog(id: EngagementId, what: ShareWhat, presses: ReadSignal<u32>) -> AnyView {
        view! { <super::share::ShareDialog id what presses/> }.into_any()
    }
}

lazy_part! {
    /// Connecting an engagement to a team database, and its sync status.
    [sync] pub fn team_sync_card(id: EngagementId) -> AnyView {
        view! { <super::sync::TeamSyncCard id/> }.into_any()
    }

    /// What merges replaced of this person's values, with "Use this value instead".
    [sync] pub fn merge_notices(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::sync::MergeNotices record/> }.into_any()
    }
}

lazy_part! {
    /// An engagement's dashboard on its overview: the health figures, the weekly trend and the
    /// exit criteria. Its own part, so the start page does not carry it and opening an
    /// engagement fetches this, not every section.
    [overview] pub fn overview_dashboard(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::pages::Dashboard record/> }.into_any()
    }

    /// The engagement's workshops on its overview: time per step, decisions, votes.
    [overview] pub fn workshop_records(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::workshop_record::WorkshopRecords record/> }.into_any()
    }
}

lazy_part! {
    /// Importing a service desk's export (ServiceNow, Jira Service Management), opened from the
    /// triage queue: mapping, preview and the daily re-import.
    [service_desk] pub fn service_desk_import(record: Signal<SavedEngagement>) -> AnyView {
        view! { <super::service_desk::ServiceDeskImport record/> }.into_any()
    }
}

lazy_part! {
    /// The clocks at risk or breached in the engagements that warn (issue 25).
    [warnings] pub fn attention_page() -> AnyView {
        view! { <super::warnings::AttentionPage/> }.into_any()
    }
}

lazy_part! {
    /// Backup, restore and storage.
    [data] pub fn data_page() -> AnyView {
        view! { <super::pages::DataPage/> }.into_any()
    }

    /// Recovering damaged data.
    [data] pub fn recovery_page() -> AnyView {
        view! { <super::pages::RecoveryPage/> }.into_any()
    }
}

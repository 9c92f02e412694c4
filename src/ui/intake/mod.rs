//! Letting the business report issues (issue 23): the report link and its QR code, the settings
//! the report page shows, adding reports that came back, and "Tell the reporter". A lazy part:
//! its code arrives when one of these pages is first opened.
mod add;
mod arrived;
mod link;
mod tell;

use leptos::prelude::*;

pub use add::AddReports;
pub use arrived::ReportLinkPage;
pub use tell::TellReporter;

use crate::state::SavedEngagement;

/// The address of the report page of this copy of Handrail: `report/` beside the app.
pub fn report_page_address() -> String {
    let here = window().location().href().unwrap_or_default();
    web_sys::Url::new_with_base("report/", &here)
        .map(|u| {
            u.set_hash("");
            u.href()
        })
        .unwrap_or_default()
}

#[component]
pub fn ReportsPage(record: Signal<SavedEngagement>) -> impl IntoView {
    view! {
        <link::ReportLink record/>
        <section class="card" aria-labelledby="add-reports-title">
            <h2 id="add-reports-title">"Add reports"</h2>
            <p>"Reports sent by mail or chat arrive as links. Paste one or several (a whole mail will do): they are opened with this engagement\u{2019}s key, shown, and added to triage as new issues only when you say so. A report added before is recognised and not added again."</p>
            <AddReports record initial=String::new()/>
        </section>
    }
}

/// The overview's card: once the report link exists, its QR code ("Scan to report a problem")
/// for the meeting room's screen; before, what it is and where to make it.
/// The report link of `record`'s engagement, if it can be made now.
/// `state` is taken when the component is made: these run again whenever the record changes,
/// also while the page goes away, when the context is no longer there to ask.
fn report_link(state: crate::state::AppState, record: Signal<SavedEngagement>) -> Option<String> {
    // `try_with`: when the engagement is deleted, this may run once more after its page went.
    let id = record.try_with(|r| r.engagement.id.clone())?;
    let invitation = state.invitation(&id).ok()?;
    Some(format!(
        "{}#/i/{}",
        report_page_address(),
        invitation.to_payload()
    ))
}

/// "Scan to report a problem": the report link's QR code, or nothing before the link exists.
#[component]
pub fn ReportQr(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = crate::state::AppState::get();
    move || {
        let link = report_link(state, record)?;
        let svg = crate::state::links::qr_markup(&link, "QR code of the report link");
        Some(view! {
            <figure class="report-qr report-qr--small">
                <div class="share-qr" inner_html=svg></div>
                <figcaption>"Scan to report a problem"</figcaption>
            </figure>
        })
    }
}

#[component]
pub fn ReportCard(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = crate::state::AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let href = crate::route::Route::Engagement(id, crate::route::Section::Reports).href();
    view! {
        <section class="card report-card" aria-labelledby="report-card-title">
            <h2 id="report-card-title">"Reports from the business"</h2>
            {move || match report_link(state, record) {
                Some(_) => view! {
                    <ReportQr record/>
                    <p><a href=href.clone()>"The report link, and adding reports that came in"</a></p>
                }.into_any(),
                None => view! {
                    <p>"Let key users and staff report problems from their phones, with a link or a QR code: no account needed."</p>
                    <p><a class="button button--secondary" href=href.clone()>"Let the business report issues"</a></p>
                }.into_any(),
            }}
        </section>
    }
}

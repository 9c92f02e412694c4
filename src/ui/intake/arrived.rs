//! A report link opened in the team's Handrail (`#/r/…`): the engagement whose key sealed it is
//! found in this browser, and the report is shown there, ready to add.
use leptos::prelude::*;

use super::AddReports;
use crate::domain::intake::wire::{find_report_payloads, SealedReport};
use crate::route::{Route, Section};
use crate::state::AppState;

#[component]
pub fn ReportLinkPage(link: String) -> impl IntoView {
    let state = AppState::get();
    let key = find_report_payloads(&link)
        .first()
        .map(|p| SealedReport::from_payload(p).map(|s| s.key_id));
    let found = match key {
        None => Err("This address holds no report.".to_owned()),
        Some(Err(e)) => Err(e.to_string()),
        Some(Ok(key)) => state
            .engagement_with_key(key)
            .ok_or_else(|| "This report was sealed for an engagement that is not in this browser (or whose key has not arrived through team sync yet). Open it in the browser of the team that runs that engagement.".to_owned()),
    };
    view! {
        <h1 tabindex="-1">"A problem report"</h1>
        {match found {
            Err(why) => view! { <p class="notice notice--warning" role="alert">{why}</p> }.into_any(),
            Ok(saved) => {
                let id = saved.engagement.id.clone();
                let name = saved.engagement.name().to_owned();
                let record = Signal::derive(move || state.find(&id).unwrap_or_else(|| saved.clone()));
                let href = record.with_untracked(|r| Route::Engagement(r.engagement.id.clone(), Section::Reports).href());
                view! {
                    <p>"For " <a href=href>{name}</a> ". Check it, then add it to triage."</p>
                    <section class="card"><AddReports record initial=link.clone()/></section>
                }.into_any()
            }
        }}
    }
}

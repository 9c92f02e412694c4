//! "Add reports": paste report links, see what each holds (new, already in triage, refused and
//! why), then add the new ones. Nothing is stored before "Add".
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::intake::adding::ReportPlan;
use crate::domain::intake::Report;
use crate::domain::triage::zone::zoned_time;
use crate::domain::words::count;
use crate::route::{Route, Section};
use crate::state::zone::BrowserZones;
use crate::state::{AppState, SavedEngagement};

#[component]
pub fn AddReports(record: Signal<SavedEngagement>, initial: String) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let text = RwSignal::new(initial.clone());
    let plans = RwSignal::new(Vec::<ReportPlan>::new());
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    let id_for_open = id.clone();
    // From the pasted text, or (`from_inbox`) from the team inbox.
    let open = move |from_inbox: bool| {
        let id = id_for_open.clone();
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            let opened = if from_inbox {
                state.read_inbox(&id).await
            } else {
                state.open_reports(&id, &text.get_untracked()).await
            };
            match opened {
                Ok(opened) => {
                    plans.set(state.plan_reports(&id, opened));
                    // The preview appeared below: a keyboard or screen reader user is taken there.
                    request_animation_frame(|| {
                        if let Some(title) = document().get_element_by_id("reports-preview-title") {
                            use wasm_bindgen::JsCast;
                            let _ = title.unchecked_into::<web_sys::HtmlElement>().focus();
                        }
                    });
                }
                Err(why) => {
                    plans.set(Vec::new());
                    message.set(Some((false, why)));
                }
            }
            busy.set(false);
        });
    };
    if !initial.is_empty() {
        open(false);
    }
    let open_again = open.clone();
    let check_inbox = open.clone();
    let id_for_inbox = id.clone();
    let has_inbox = Memo::new(move |_| {
        record.track();
        state
            .intake_settings(&id_for_inbox)
            .is_ok_and(|s| s.inbox.is_some())
    });
    let id_for_add = id.clone();
    let add = move |_| {
        let previewed = plans.get_untracked();
        match state.add_reports(&id_for_add, &previewed) {
            Ok(added) => {
                plans.set(Vec::new());
                text.set(String::new());
                message.set(Some((
                    true,
                    format!("Added {} to triage.", count(added, "report", "reports")),
                )));
            }
            Err(e) => message.set(Some((false, format!("Nothing was added: {e}")))),
        }
    };
    let zone = StoredValue::new(record.with_untracked(|r| {
        r.engagement
            .charter
            .in_force()
            .map(|c| c.calendar.time_zone.clone())
    }));
    let engagement = StoredValue::new(id.clone());
    let new_count =
        move || plans.with(|p| p.iter().filter(|p| matches!(p, ReportPlan::New(_))).count());
    let triage_href = Route::Engagement(id.clone(), Section::triage()).href();
    view! {
        <form class="form" novalidate=true on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); open_again(false); }>
            <div class="field">
                <label class="field__label" for="add-reports-text">"Report links"</label>
                <textarea id="add-reports-text" class="field__input" rows="4"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </div>
            <p class="actions">
                <button type="submit" class="button" disabled=move || busy.get()>"Open the reports"</button>
                <Show when=move || has_inbox.get()>
                    <button type="button" class="button" disabled=move || busy.get() on:click={
                        let check_inbox = check_inbox.clone();
                        move |_| check_inbox(true)
                    }>"Check the team inbox"</button>
                </Show>
            </p>
        </form>
        {move || message.get().map(|(ok, text)| view! {
            <p class=if ok { "notice" } else { "notice notice--warning" } role=if ok { "status" } else { "alert" }>
                {text} {ok.then(|| view! { " " <a href=triage_href.clone()>"Go to triage"</a> })}
            </p>
        })}
        <Show when=move || plans.with(|p| !p.is_empty())>
            <h3 id="reports-preview-title" tabindex="-1">"Preview"</h3>
            <p role="status">{move || summary(&plans.get())}</p>
            <ul class="report-preview">
                {move || plans.get().into_iter().filter(|p| !matches!(p, ReportPlan::Already { .. })).map(|plan| engagement.with_value(|id| zone.with_value(|zone| row(plan, id, zone.as_deref())))).collect_view()}
            </ul>
            // An inbox keeps every report ever sent: those already in triage are folded away.
            {move || {
                let already: Vec<ReportPlan> = plans.get().into_iter().filter(|p| matches!(p, ReportPlan::Already { .. })).collect();
                (!already.is_empty()).then(|| view! {
                    <details class="fold">
                        <summary class="fold__summary">{format!("Already in triage ({})", already.len())}</summary>
                        <ul class="report-preview">
                            {already.into_iter().map(|plan| engagement.with_value(|id| zone.with_value(|zone| row(plan, id, zone.as_deref())))).collect_view()}
                        </ul>
                    </details>
                })
            }}
            <p class="actions">
                <button type="button" class="button button--primary" on:click=add.clone() disabled=move || new_count() == 0>
                    {move || format!("Add {}", count(new_count(), "report", "reports"))}
                </button>
            </p>
        </Show>
    }
}

fn summary(plans: &[ReportPlan]) -> String {
    let of = |f: fn(&ReportPlan) -> bool| plans.iter().filter(|p| f(p)).count();
    let new = of(|p| matches!(p, ReportPlan::New(_)));
    let already = of(|p| matches!(p, ReportPlan::Already { .. } | ReportPlan::Twice(_)));
    let refused = of(|p| matches!(p, ReportPlan::Refused { .. }));
    format!("{new} new, {already} already added, {refused} refused.")
}

fn row(plan: ReportPlan, id: &crate::domain::EngagementId, zone: Option<&str>) -> impl IntoView {
    match plan {
        ReportPlan::New(report) => view! {
            <li class="report-preview__row">
                <strong>"New: "</strong> {heading(&report, zone)}
                <details><summary>"What it says"</summary><pre class="report-preview__text">{report.description()}</pre></details>
            </li>
        }.into_any(),
        ReportPlan::Already { report, number } => view! {
            <li class="report-preview__row">
                <strong>"Already added: "</strong> {heading(&report, zone)} " \u{2013} "
                <a href=Route::Engagement(id.clone(), Section::Issue(number)).href()>{format!("issue #{number}")}</a>
            </li>
        }.into_any(),
        ReportPlan::Twice(report) => view! {
            <li class="report-preview__row"><strong>"Pasted twice: "</strong> {heading(&report, zone)} " (added once)"</li>
        }.into_any(),
        ReportPlan::Refused { excerpt, why } => view! {
            <li class="report-preview__row report-preview__row--refused">
                <strong>"Refused: "</strong> {why} {(!excerpt.is_empty()).then(|| format!(" ({excerpt})"))}
            </li>
        }.into_any(),
    }
}

/// "R-4KQ7-9ZXD Quotes do not save, from Ben Ortiz, sent Mon 8 Mar 09:15 CET".
fn heading(report: &Report, zone: Option<&str>) -> String {
    let sent = zone.map_or_else(
        || crate::ui::format::local_time(report.sent_at),
        |z| zoned_time(&BrowserZones, z, report.sent_at),
    );
    format!(
        "{} {}, from {}, sent {sent}",
        report.reference(),
        report.title(),
        report.reporter()
    )
}

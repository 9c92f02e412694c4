//! "Tell the reporter": on an issue that came from a report, a short status in plain words (its
//! number, whether it is being fixed and by when, or where it was passed and why), which the
//! team can edit, sent as a link by mail or chat that opens in the reporter's "My reports".
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::report_page_address;
use crate::domain::intake::report::reference;
use crate::domain::intake::settings::looks_like_mail;
use crate::domain::intake::status::{compose, Due};
use crate::domain::intake::{StatusNote, SOURCE};
use crate::domain::triage::clock::clocks;
use crate::domain::triage::zone::zoned_time;
use crate::route::{Route, Section};
use crate::state::zone::BrowserZones;
use crate::state::SavedEngagement;
use crate::ui::share::clipboard;

/// The prepared note for issue `number`, or why there is none.
fn prepare(saved: &SavedEngagement, number: u32) -> Result<(StatusNote, String), String> {
    let engagement = &saved.engagement;
    let issue = engagement
        .issue(number)
        .ok_or(format!("There is no issue #{number}."))?;
    let view = issue.view();
    let ticket = view
        .ticket
        .clone()
        .filter(|t| t.system == SOURCE)
        .ok_or("This issue did not come from a report, so there is no reporter to tell.")?;
    let charter = engagement.charter.in_force();
    let now = Utc::now();
    let due = charter.and_then(|c| {
        let (_, resolution) = clocks(issue, c, &BrowserZones, now)?;
        let due = resolution.due.filter(|_| !resolution.stopped)?;
        Some((
            zoned_time(&BrowserZones, &c.calendar.time_zone, due),
            due < now,
        ))
    });
    let due_words = due.as_ref().map(|(when, passed)| Due {
        when,
        passed: *passed,
    });
    let note = compose(&ticket.key, &view, charter, due_words, now);
    let contact = ticket
        .field("How to reach you (mail or phone)")
        .unwrap_or_default()
        .to_owned();
    Ok((note, contact))
}

#[component]
pub fn TellReporter(record: Signal<SavedEngagement>, number: u32) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let back = Route::Engagement(id, Section::Issue(number)).href();
    let prepared = record.with_untracked(|r| prepare(r, number));
    view! {
        <section class="card" aria-labelledby="tell-title">
            <h2 id="tell-title">{format!("Tell the reporter of issue #{number}")}</h2>
            {match prepared {
                Err(why) => view! { <p class="notice notice--warning" role="alert">{why}</p> }.into_any(),
                Ok((note, contact)) => view! { <Note note contact/> }.into_any(),
            }}
            <p><a href=back>{format!("Back to issue #{number}")}</a></p>
        </section>
    }
}

#[component]
fn Note(note: StatusNote, contact: String) -> impl IntoView {
    let text = RwSignal::new(note.text.clone());
    let copied = RwSignal::new(None::<&'static str>);
    let note = StoredValue::new(note);
    let link = move || {
        let mut edited = note.get_value();
        edited.text = text.get().trim().to_owned();
        format!("{}#/s/{}", report_page_address(), edited.to_payload())
    };
    let message = move || {
        let reference = note.with_value(|n| reference(&n.report));
        format!(
            "About your report {reference}:\n\n{}\n\nSee it in \u{201c}My reports\u{201d}: {}\n",
            text.get().trim(),
            link()
        )
    };
    let mail = contact.trim().to_owned();
    let mailto = looks_like_mail(&mail).then_some({
        move || {
            let subject = note.with_value(|n| {
                format!("Your report: issue #{} \u{2013} {}", n.number, n.headline)
            });
            format!(
                "mailto:{mail}?subject={}&body={}",
                js_sys::encode_uri_component(&subject),
                js_sys::encode_uri_component(&message())
            )
        }
    });
    let copy = move |_| {
        spawn_local(async move {
            copied.set(Some(match clipboard::write(&message()).await {
                Ok(()) => "Copied: paste it into a chat with the reporter.",
                Err(()) => "This browser did not let the page copy: select the text and copy it.",
            }));
        });
    };
    view! {
        <p>{note.with_value(|n| format!("Status: {}. Edit the words if you like; the reporter sees them in \u{201c}My reports\u{201d} on their phone.", n.headline))}</p>
        <div class="field">
            <label class="field__label" for="tell-text">"What the reporter is told"</label>
            <textarea id="tell-text" class="field__input" rows="5" maxlength="1400" aria-describedby="tell-limit"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p class="field__hint" id="tell-limit">"At most 1,400 characters: the words travel inside the link."</p>
        </div>
        <p class="actions">
            {match mailto {
                Some(href) => view! { <a class="button button--primary" href=href>"Send by mail to " {contact.clone()}</a> }.into_any(),
                None => view! { <span class="muted">{if contact.is_empty() { "The reporter left no mail address: copy the message for a chat or call them.".to_owned() } else { format!("Reach the reporter at {contact}, or copy the message for a chat.") }}</span> }.into_any(),
            }}
            <button type="button" class="button" on:click=copy>"Copy the message"</button>
        </p>
        <p role="status">{move || copied.get()}</p>
    }
}

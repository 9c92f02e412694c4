//! The report link: what the report page says (welcome, mailbox), the link itself with "Copy"
//! and its QR code for the charter, the overview and the meeting room.
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::report_page_address;
use crate::domain::intake::inbox::InboxAccess;
use crate::state::{AppState, SavedEngagement};
use crate::ui::share::clipboard;

#[component]
pub fn ReportLink(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let settings = state.intake_settings(&id);
    let unreadable = settings.as_ref().err().cloned();
    let settings = settings.unwrap_or_default();
    let welcome = RwSignal::new(settings.welcome.clone());
    let mailbox = RwSignal::new(settings.mailbox.clone());
    let inbox = settings.inbox.clone().unwrap_or_default();
    let (inbox_url, inbox_name, inbox_password) = (
        RwSignal::new(inbox.url),
        RwSignal::new(inbox.name),
        RwSignal::new(inbox.password),
    );
    let saving = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    let id_for_link = id.clone();
    let link = Memo::new(move |_| {
        record.track();
        state
            .invitation(&id_for_link)
            .map(|invitation| format!("{}#/i/{}", report_page_address(), invitation.to_payload()))
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = id.clone();
        saving.set(true);
        spawn_local(async move {
            // No address: no inbox (reports travel by mail or chat).
            let inbox = (!inbox_url.get_untracked().trim().is_empty()).then(|| InboxAccess {
                url: inbox_url.get_untracked().trim().to_owned(),
                name: inbox_name.get_untracked().trim().to_owned(),
                password: inbox_password.get_untracked(),
            });
            let outcome = state
                .save_intake(
                    &id,
                    &welcome.get_untracked(),
                    &mailbox.get_untracked(),
                    inbox,
                )
                .await;
            saving.set(false);
            message.set(Some(match outcome {
                Ok(()) => (
                    true,
                    "Saved. The report link below carries these words.".to_owned(),
                ),
                Err(e) => (false, e.to_string()),
            }));
        });
    };
    view! {
        <section class="card" aria-labelledby="report-link-title">
            <h2 id="report-link-title">"Let the business report issues"</h2>
            <p>"Key users and staff report problems from their phones with this link or its QR code: no account, and it works offline after the first visit. The page explains, from the approved charter, what hypercare fixes and what it logs and passes on. Reports are sealed for this engagement: only a browser holding its key (this one, and the team\u{2019}s through team sync) can read them."</p>
            {unreadable.map(|why| view! { <p class="notice notice--warning" role="alert">{why}</p> })}
            <form class="form" on:submit=save novalidate=true>
                <div class="field">
                    <label class="field__label" for="intake-mailbox">"Hypercare mailbox (reports are mailed here)"</label>
                    <input id="intake-mailbox" class="field__input" type="email" autocomplete="email"
                        prop:value=move || mailbox.get() on:input=move |ev| mailbox.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label class="field__label" for="intake-welcome">"Welcome on the report page (optional)"</label>
                    <textarea id="intake-welcome" class="field__input" rows="3" maxlength="500"
                        prop:value=move || welcome.get() on:input=move |ev| welcome.set(event_target_value(&ev))></textarea>
                </div>
                <details class="fold" open=!inbox_url.get_untracked().is_empty()>
                    <summary class="fold__summary">"Team database inbox (optional)"</summary>
                    <p>"With an inbox in the team\u{2019}s CouchDB, reports go straight in from the phone, queued while it is offline, instead of by mail. The reporter account can only add sealed reports (set it up with scripts/couchdb/install-inbox.mjs, see the README); its name and password travel in the report link."</p>
                    <div class="field">
                        <label class="field__label" for="intake-inbox">"Inbox database address"</label>
                        <input id="intake-inbox" class="field__input" type="url" placeholder="https://couch.example.com/acme-inbox"
                            prop:value=move || inbox_url.get() on:input=move |ev| inbox_url.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label class="field__label" for="intake-reporter">"Reporter account"</label>
                        <input id="intake-reporter" class="field__input" type="text" autocomplete="off"
                            prop:value=move || inbox_name.get() on:input=move |ev| inbox_name.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label class="field__label" for="intake-reporter-password">"Reporter account\u{2019}s password"</label>
                        <input id="intake-reporter-password" class="field__input" type="password" autocomplete="off"
                            prop:value=move || inbox_password.get() on:input=move |ev| inbox_password.set(event_target_value(&ev))/>
                    </div>
                </details>
                {move || message.get().map(|(ok, text)| view! {
                    <p class=if ok { "notice" } else { "notice notice--warning" } role=if ok { "status" } else { "alert" }>{text}</p>
                })}
                <p class="actions"><button type="submit" class="button button--primary" disabled=move || saving.get()>
                    {move || if link.with(Result::is_ok) { "Save" } else { "Save and make the report link" }}
                </button></p>
            </form>
            {move || match link.get() {
                Ok(link) => view! { <LinkAndCode link/> }.into_any(),
                Err(why) => view! { <p class="notice">{why}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn LinkAndCode(link: String) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let to_copy = link.clone();
    let copy = move |_| {
        let text = to_copy.clone();
        spawn_local(async move {
            copied.set(Some(match clipboard::write(&text).await {
                Ok(()) => "Copied.",
                Err(()) => "This browser did not let the page copy: select the link and copy it.",
            }));
        });
    };
    let code = crate::state::links::qr_markup(&link, "QR code of the report link");
    view! {
        <div class="report-link">
            <div class="field">
                <label class="field__label" for="report-link">"The report link"</label>
                <textarea id="report-link" class="field__input" readonly rows="3" prop:value=link.clone()></textarea>
            </div>
            <p class="actions">
                <button type="button" class="button" on:click=copy>"Copy the link"</button>
                <a class="button" href=link.clone() target="_blank" rel="noopener">"Open the report page"</a>
            </p>
            <p role="status">{move || copied.get()}</p>
            <figure class="report-qr">
                <div class="share-qr" inner_html=code></div>
                <figcaption>"Scan to report a problem"</figcaption>
            </figure>
        </div>
    }
}

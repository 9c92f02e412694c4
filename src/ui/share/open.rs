//! Opening a share link: the page at `#/s/<payload>`, and the field on the engagements page for
//! a link that mail mangled too much to click. A protected link asks for its passphrase
//! first; a damaged one says so and changes nothing.
use leptos::prelude::*;

use super::document::SharedDocumentView;
use super::save::SaveSnapshot;
use crate::domain::share::Snapshot;
use crate::route::Route;
use crate::state::links::{self, LinkError, Locked, Payload};
use crate::state::AppState;
use crate::ui::lazy::ScreenNotLoaded;
use crate::ui::parts;
use crate::ui::router::navigate;

#[derive(Clone, PartialEq)]
enum Opening {
    Failed(String),
    Locked(Locked),
    /// The snapshot, and whether it came locked (and was opened with its passphrase).
    Open(Box<Snapshot>, bool),
}

#[component]
pub fn SharedLinkPage(link: String) -> impl IntoView {
    // The shell titles this page before its code arrives; what the link holds is known here.
    document().set_title(&format!("{} \u{00b7} Handrail", super::page_title(&link)));
    let opening = RwSignal::new(match links::read(&link) {
        Ok(Payload::Open(s)) => Opening::Open(s, false),
        Ok(Payload::Locked(l)) => Opening::Locked(l),
        Err(e) => Opening::Failed(e.to_string()),
    });
    view! {
        <h1 id="page-title" tabindex="-1">"Shared document"</h1>
        {move || match opening.get() {
            Opening::Failed(message) => view! {
                <div class="notice notice--warning" role="alert">
                    <p class="notice__title">"This link cannot be opened."</p>
                    <p id="share-link-error">{message}</p>
                    <p>"Nothing in this browser was changed."</p>
                </div>
                <p><a class="button button--secondary" href=Route::Engagements.href()>"Go to your engagements"</a></p>
            }.into_any(),
            Opening::Locked(locked) => view! { <Unlock locked opening/> }.into_any(),
            Opening::Open(snapshot, unlocked) => view! { <OpenSnapshot snapshot=*snapshot unlocked/> }.into_any(),
        }}
    }
}

#[component]
fn Unlock(locked: Locked, opening: RwSignal<Opening>) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let locked = StoredValue::new(locked);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let phrase = passphrase.get_untracked();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = links::unlock(&locked.get_value(), &phrase).await;
            busy.set(false);
            match result {
                Ok(s) => opening.set(Opening::Open(Box::new(s), true)),
                Err(e @ LinkError::WrongPassphrase) => error.set(Some(e.to_string())),
                Err(e) => opening.set(Opening::Failed(e.to_string())),
            }
        });
    };
    view! {
        <form class="card form" on:submit=submit novalidate=true>
            <h2>"This link is protected"</h2>
            <p>"Type the passphrase you were given with the link. Opening takes a second or two."</p>
            <label class="field__label" for="open-passphrase">"Passphrase"</label>
            <input id="open-passphrase" class="field__input" type="password" autocomplete="off"
                aria-describedby=move || error.with(Option::is_some).then_some("open-passphrase-error")
                prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
            {move || error.get().map(|e| view! { <p id="open-passphrase-error" class="field__error" role="alert">{e}</p> })}
            <button type="submit" class="button button--primary" disabled=move || busy.get()>
                {move || if busy.get() { "Opening\u{2026}" } else { "Open the link" }}
            </button>
        </form>
    }
}

/// What the link's checks prove, and no more: a CRC catches damage on the way, not a forgery
/// (anyone can make a link); AES-GCM's tag, that whoever made it knew the passphrase.
#[component]
fn OpenSnapshot(snapshot: Snapshot, unlocked: bool) -> impl IntoView {
    let state = AppState::get();
    // The app titles the page from the link, which for a locked link cannot say what is in it;
    // once unlocked it can (" · Handrail" as the app's titles end).
    document().set_title(&format!("{} \u{b7} Handrail", snapshot.page_title()));
    let provenance = snapshot.provenance();
    let here = StoredValue::new(snapshot.clone());
    let comparison = move || {
        here.with_value(|s| state.compare_snapshot(s))
            .map_or("This browser does not have this engagement yet.", |c| {
                c.describe()
            })
    };
    view! {
        <p class="lead" id="share-provenance">{provenance}</p>
        <p class="no-print" id="share-integrity">{if unlocked {
            "The passphrase opened it: it was made by someone who knows the passphrase, and nothing in it changed since."
        } else {
            "The link arrived whole: nothing in it was lost or damaged on the way. Anyone can make a link, so check who sent it."
        }}</p>
        <p class="no-print" id="share-comparison">{comparison}</p>
        <div class="actions doc-actions no-print">
            <button type="button" class="button button--secondary" on:click=|_| { let _ = window().print(); }>"Print or save as PDF"</button>
        </div>
        <SaveSnapshot snapshot=snapshot.clone()/>
        <SharedDocumentView snapshot/>
    }
}

/// "Open a shared link": for a link that mail wrapped, broke or glued to a full stop. Reading
/// the link is the sharing part's work, downloaded when a link is opened.
#[component]
pub fn OpenSharedLink() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pasted = text.get_untracked();
        leptos::task::spawn_local(async move {
            match parts::clean_shared_link(pasted).await {
                Ok(Ok(fragment)) => {
                    error.set(None);
                    navigate(&Route::Shared(fragment));
                }
                Ok(Err(why)) => error.set(Some(why)),
                Err(ScreenNotLoaded) => error.set(Some(ScreenNotLoaded.to_string())),
            }
        });
    };
    view! {
        <section class="card no-print" aria-labelledby="open-link-title">
            <h2 id="open-link-title">"Open a shared link"</h2>
            <form class="form" on:submit=submit novalidate=true>
                <label class="field__label" for="open-link">"Paste the whole link, even if it was broken over several lines"</label>
                <textarea id="open-link" class="field__input" rows="3" aria-describedby=move || error.with(Option::is_some).then_some("open-link-error")
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                {move || error.get().map(|e| view! { <p id="open-link-error" class="field__error" role="alert">{e}</p> })}
                <button type="submit" class="button button--secondary">"Open the link"</button>
            </form>
        </section>
    }
}

//! "Share as a link": a button and its dialog with the link, copying it, an optional
//! passphrase, the QR code and the link's length, or a file when the link would be too long.
//! The button is part of every document page; the dialog, with everything that makes links,
//! is downloaded at the first press (`ui::parts::share_dialog`).
use leptos::{html, prelude::*};

use super::clipboard;
use crate::domain::share::{ShareWhat, Snapshot};
use crate::domain::EngagementId;
use crate::state::links::{self, LinkError};
use crate::state::AppState;
use crate::ui::{lazy, parts};

/// The shortest passphrase a link is locked with: anyone who finds the link can try
/// passphrases offline, as fast as PBKDF2 allows.
const MIN_PASSPHRASE_CHARS: usize = 8;

/// The link as made for the dialog, or why there is none.
#[derive(Clone, PartialEq)]
enum Made {
    Link { text: String, protected: bool },
    TooLong(String),
    Failed(String),
}

fn app_url() -> String {
    window().location().href().unwrap_or_default()
}

fn made(result: Result<String, LinkError>, protected: bool) -> Made {
    match result {
        Ok(text) => Made::Link { text, protected },
        Err(e @ LinkError::TooLong { .. }) => Made::TooLong(e.to_string()),
        Err(e) => Made::Failed(e.to_string()),
    }
}

#[component]
pub fn ShareButton(id: EngagementId, what: ShareWhat) -> impl IntoView {
    // Every press opens the dialog (again); the first one also brings its code.
    let presses = RwSignal::new(0_u32);
    let pressed = Memo::new(move |_| presses.get() > 0);
    view! {
        <button type="button" class="button button--secondary no-print" on:click=move |_| presses.update(|n| *n += 1)>
            "Share as a link"
        </button>
        {move || pressed.get().then(|| lazy::show(parts::share_dialog(id.clone(), what, presses.read_only())))}
    }
}

/// The dialog itself; it opens when mounted and on every later press of its button.
/// The passphrase form's fields and messages, kept by the dialog so that opening it again
/// starts them afresh.
#[derive(Clone, Copy)]
struct Protecting {
    passphrase: RwSignal<String>,
    confirm: RwSignal<String>,
    /// At the passphrase field: too short.
    phrase_error: RwSignal<Option<String>>,
    /// At the second field: not the same, or the browser's refusal.
    lock_error: RwSignal<Option<String>>,
    locking: RwSignal<bool>,
}

impl Protecting {
    fn new() -> Self {
        Self {
            passphrase: RwSignal::new(String::new()),
            confirm: RwSignal::new(String::new()),
            phrase_error: RwSignal::new(None),
            lock_error: RwSignal::new(None),
            locking: RwSignal::new(false),
        }
    }

    fn clear(self) {
        self.passphrase.set(String::new());
        self.confirm.set(String::new());
        self.phrase_error.set(None);
        self.lock_error.set(None);
    }
}

/// "Protect with a passphrase": makes the protected link in this browser (WebCrypto).
#[component]
fn ProtectForm(
    protecting: Protecting,
    snapshot: StoredValue<Option<Snapshot>>,
    shown: RwSignal<Option<Made>>,
    copied: RwSignal<Option<String>>,
) -> impl IntoView {
    let Protecting {
        passphrase,
        confirm,
        phrase_error,
        lock_error,
        locking,
    } = protecting;
    let protect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (phrase, again) = (passphrase.get_untracked(), confirm.get_untracked());
        lock_error.set(None);
        if phrase.trim().chars().count() < MIN_PASSPHRASE_CHARS {
            phrase_error.set(Some(format!("Use at least {MIN_PASSPHRASE_CHARS} characters: a few words are easy to say and hard to guess.")));
            return;
        }
        phrase_error.set(None);
        if phrase != again {
            lock_error.set(Some("The two passphrases are not the same.".to_owned()));
            return;
        }
        let Some(s) = snapshot.get_value() else {
            return;
        };
        locking.set(true);
        leptos::task::spawn_local(async move {
            let result = links::make_protected(&app_url(), &s, &phrase).await;
            locking.set(false);
            copied.set(None);
            match result {
                Err(LinkError::Crypto(why)) => lock_error.set(Some(why)),
                other => shown.set(Some(made(other, true))),
            }
        });
    };
    view! {
        <details class="share-protect">
            <summary>"Protect with a passphrase"</summary>
            <form class="form" on:submit=protect novalidate=true>
                <label class="field__label" for="share-passphrase">"Passphrase"</label>
                <input id="share-passphrase" class="field__input" type="password" autocomplete="new-password"
                    minlength=MIN_PASSPHRASE_CHARS aria-invalid=move || phrase_error.with(Option::is_some).then_some("true")
                    aria-describedby=move || phrase_error.with(Option::is_some).then_some("share-passphrase-error")
                    prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                {move || phrase_error.get().map(|e| view! { <p id="share-passphrase-error" class="field__error" role="alert">{e}</p> })}
                <label class="field__label" for="share-passphrase-again">"The passphrase again"</label>
                <input id="share-passphrase-again" class="field__input" type="password" autocomplete="new-password"
                    prop:value=move || confirm.get() on:input=move |ev| confirm.set(event_target_value(&ev))/>
                {move || lock_error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
                <button type="submit" class="button button--secondary" disabled=move || locking.get()>
                    {move || if locking.get() { "Protecting\u{2026}" } else { "Make a protected link" }}
                </button>
            </form>
        </details>
    }
}

#[component]
pub fn ShareDialog(id: EngagementId, what: ShareWhat, presses: ReadSignal<u32>) -> impl IntoView {
    let state = AppState::get();
    let dialog = NodeRef::<html::Dialog>::new();
    let link_field = NodeRef::<html::Input>::new();
    let snapshot = StoredValue::new(None::<Snapshot>);
    let shown = RwSignal::new(None::<Made>);
    let copied = RwSignal::new(None::<String>);
    let protecting = Protecting::new();
    let id = StoredValue::new(id);

    let open = move || {
        copied.set(None);
        protecting.clear();
        let result = state.share_snapshot(&id.get_value(), what);
        shown.set(Some(match &result {
            Ok(s) => made(links::make(&app_url(), s), false),
            Err(e) => Made::Failed(e.to_string()),
        }));
        snapshot.set_value(result.ok());
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    // Once the dialog element exists, and again on each press. Only those two are tracked: a
    // change to the engagement must not reopen the dialog or remake its link. A frame later,
    // because a dialog opens only once it is in the document, and a lazily loaded view is
    // built before it is put there.
    Effect::new(move |_| {
        presses.track();
        if dialog.get().is_some() {
            request_animation_frame(move || untrack(open));
        }
    });
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let copy = move |_| {
        let Some(Made::Link { text, .. }) = shown.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match clipboard::write(&text).await {
                Ok(()) => copied.set(Some("The link is on the clipboard.".to_owned())),
                Err(()) => {
                    if let Some(field) = link_field.get_untracked() {
                        let _ = field.focus();
                        field.select();
                    }
                    copied.set(Some("The browser did not allow copying: the link is selected, press Ctrl+C (\u{2318}C on a Mac) to copy it.".to_owned()));
                }
            }
        });
    };
    let download = move |_| {
        if let Err(error) = state.download_backup(Some(&id.get_value())) {
            copied.set(None);
            shown.set(Some(Made::Failed(error.to_string())));
        }
    };
    let select_all =
        move |ev: leptos::ev::FocusEvent| event_target::<web_sys::HtmlInputElement>(&ev).select();
    let link_text = move || match shown.get() {
        Some(Made::Link { text, .. }) => Some(text),
        _ => None,
    };
    // Whether there is a link at all: the controls below stay put when it is replaced.
    let has_link = Memo::new(move |_| link_text().is_some());
    // One element whatever the outcome: the QR code, or why there is none (our own words, so
    // safe as markup), or nothing while there is no link.
    let qr_svg =
        move || link_text().map(|text| links::qr_markup(&text, "QR code of the share link"));

    view! {
        <dialog node_ref=dialog class="dialog share-dialog" aria-labelledby="share-title">
            <h2 id="share-title" class="dialog__title">"Share as a link"</h2>
            <div class="dialog__body">
                {move || match shown.get() {
                    Some(Made::Link { text, protected }) => view! {
                        <p>{if protected {
                            "This link opens only with the passphrase. Send the passphrase another way (by phone, not in the same message)."
                        } else {
                            "Anyone with this link can read the document: it is carried in the link itself, no server keeps it."
                        }}</p>
                        <label class="field__label" for="share-link">{if protected { "Protected link" } else { "Link" }}</label>
                        <input node_ref=link_field id="share-link" class="field__input share-link" type="text" readonly=true prop:value=text.clone()
                            on:focus=select_all/>
                        <p class="muted" id="share-length">{format!("{} characters", text.chars().count())}</p>
                    }.into_any(),
                    Some(Made::TooLong(message)) => view! {
                        <p class="notice notice--warning" role="alert">{message}</p>
                        <p>"A backup file of this engagement carries the same document: the reader restores it on the Backup and storage page."</p>
                        <button type="button" class="button button--primary" on:click=download>"Download as a file"</button>
                    }.into_any(),
                    Some(Made::Failed(message)) => view! { <p class="notice notice--warning" role="alert">{message}</p> }.into_any(),
                    None => ().into_any(),
                }}
                <p role="status" class="share-copied">{move || copied.get()}</p>
                <div class="share-qr" inner_html=qr_svg></div>
                {move || has_link.get().then(|| view! { <ProtectForm protecting snapshot shown copied/> })}
            </div>
            <div class="actions">
                {move || has_link.get().then(|| view! {
                    <button type="button" class="button button--primary" on:click=copy>"Copy link"</button>
                })}
                <button type="button" class="button button--secondary" on:click=close>"Close"</button>
            </div>
        </dialog>
    }
}

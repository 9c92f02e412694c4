//! The report page: what a reporter's phone opens from a report link or its QR code. Its own
//! small wasm (`src/bin/report.rs`), not the app: it must load fast over poor event Wi-Fi and
//! work offline after the first visit. One form, a "sent" screen and "My reports", built with
//! plain DOM calls (`dom`) to stay small.
mod deliver;
mod dom;
mod form;
mod mine;
mod sent;
pub mod store;

use std::rc::Rc;

use crate::domain::intake::{Invitation, StatusNote};
use dom::{by_id, clear, Build};
use store::Receipt;

/// Which screen shows.
#[derive(Debug, Clone, PartialEq)]
enum Screen {
    Form(Invitation),
    /// A report just sealed, and whether the phone kept its receipt.
    Sent(Receipt, bool),
    Mine,
    /// No report link was ever opened on this phone.
    NoLink,
}

/// What the address told the page, read once when it opens.
struct Arrival {
    screen: Screen,
    /// A problem with the link that was opened, said above whatever shows.
    problem: Option<String>,
}

thread_local! {
    /// The invitation of the link this page was opened with: the form still works when the
    /// phone refused to keep it.
    static OPENED: std::cell::RefCell<Option<Invitation>> = const { std::cell::RefCell::new(None) };
}

fn form_or_no_link() -> Screen {
    store::invitation()
        .or_else(|| OPENED.with(|o| o.borrow().clone()))
        .map_or(Screen::NoLink, Screen::Form)
}

fn arrive() -> Arrival {
    let hash = dom::window().location().hash().unwrap_or_default();
    if let Some(payload) = hash.strip_prefix("#/i/") {
        return match Invitation::from_payload(payload) {
            Ok(invitation) => Arrival {
                screen: {
                    OPENED.with(|o| *o.borrow_mut() = Some(invitation.clone()));
                    Screen::Form(invitation.clone())
                },
                problem: store::keep_invitation(&invitation).err().map(|_| {
                    "This phone cannot keep the report link: open it again next time (or scan its QR code).".to_owned()
                }),
            },
            Err(e) => Arrival {
                screen: form_or_no_link(),
                problem: Some(format!("The report link did not open. {e}")),
            },
        };
    }
    if let Some(payload) = hash.strip_prefix("#/s/") {
        let problem = match StatusNote::from_payload(payload) {
            Ok(note) => match store::apply_status(&note) {
                Ok(true) => None,
                Ok(false) => Some(format!(
                    "This phone has no receipt of that report (was it sent from another phone?). Its status: issue #{}: {}. {}",
                    note.number, note.headline, note.text
                )),
                Err(e) => Some(e.to_owned()),
            },
            Err(e) => Some(format!("The status link did not open. {e}")),
        };
        return Arrival {
            screen: Screen::Mine,
            problem,
        };
    }
    let screen = if hash == MINE {
        Screen::Mine
    } else {
        form_or_no_link()
    };
    Arrival {
        screen,
        problem: None,
    }
}

/// The addresses of the two screens the navigation leads to (`#/new` shows the form of the
/// link kept on the phone).
const MINE: &str = "#/mine";
const NEW: &str = "#/new";

/// Starts the report page: reads the address, shows its screen, wires the navigation.
pub fn mount() {
    if let Some(loading) = by_id("report-loading") {
        loading.remove();
    }
    follow_address(false);
    deliver::start();
    // The navigation changes the fragment (so Back works), and a status link opened while the
    // page is already open changes only the fragment too.
    dom::on(&dom::window(), "hashchange", |_| follow_address(true));
    for (id, hash) in [("to-form", NEW), ("to-mine", MINE)] {
        if let Some(button) = by_id(id) {
            dom::on(&button, "click", move |_| {
                let location = dom::window().location();
                if location.hash().unwrap_or_default() == hash {
                    follow_address(true);
                } else {
                    let _ = location.set_hash(hash);
                }
            });
        }
    }
}

/// Shows what the address asks for, with any problem of its link above it; `moved` when the
/// reporter went there from another screen (focus then goes to its title).
fn follow_address(moved: bool) {
    let arrival = arrive();
    if let Some(slot) = by_id("problem") {
        clear(&slot);
        if let Some(problem) = arrival.problem {
            let _ = slot.append_child(&dom::notice(&problem, true));
        }
    }
    show(arrival.screen);
    if moved {
        if let Some(title) = by_id("screen").and_then(|s| s.query_selector("h1").ok().flatten()) {
            let _ = title.set_attribute("tabindex", "-1");
            dom::focus(&title);
        }
    }
}

/// Replaces the screen, and marks where the reporter is in the navigation.
fn show(screen: Screen) {
    let Some(slot) = by_id("screen") else {
        return;
    };
    clear(&slot);
    let on_form = matches!(screen, Screen::Form(_) | Screen::NoLink);
    for (id, current) in [("to-form", on_form), ("to-mine", screen == Screen::Mine)] {
        if let Some(button) = by_id(id) {
            let _ = if current {
                button.set_attribute("aria-current", "page")
            } else {
                button.remove_attribute("aria-current")
            };
        }
    }
    match screen {
        Screen::Form(invitation) => {
            check_key(&invitation);
            form::show(
                &slot,
                invitation,
                Rc::new(|receipt, kept| show(Screen::Sent(receipt, kept))),
            )
        }
        Screen::Sent(receipt, kept) => sent::show(&slot, &receipt, kept),
        Screen::Mine => mine::show(&slot),
        Screen::NoLink => {
            let _ = slot.append_child(&dom::el("h1").text("Report a problem"));
            let _ = slot.append_child(&dom::el("p").text("Open the report link your hypercare team gave you, or scan its QR code (on the printed charter, or in the meeting room). This page then keeps it, and works offline too."));
        }
    }
}

/// A link whose key is not a key on the curve would fail only at "Send", after everything was
/// typed: it is tried when the form opens, and the reporter is told at once.
fn check_key(invitation: &Invitation) {
    let key = invitation.public_key();
    wasm_bindgen_futures::spawn_local(async move {
        let usable = match key {
            Some(key) => crate::intake::seal::check_team_key(&key).await.is_ok(),
            None => false,
        };
        if let (false, Some(slot)) = (usable, by_id("problem")) {
            let _ = slot.append_child(&dom::notice("This report link is damaged (its key cannot seal reports): ask the hypercare team for the link again, or scan its QR code.", true));
        }
    });
}

//! "My reports": the receipts of what this phone sent, newest first, each with the latest status
//! the hypercare team sent back (opened from their "Tell the reporter" link).
use web_sys::Element;

use super::dom::{el, Build};
use super::sent::{copy_button, mail_link};
use super::store::{self, Receipt};
use crate::domain::intake::report::reference;

pub fn show(slot: &Element) {
    let _ = slot.append_child(&el("h1").text("My reports"));
    // Kept in the order they were sent: newest first is the list reversed.
    let mut receipts = store::receipts();
    receipts.reverse();
    if receipts.is_empty() {
        let _ = slot.append_child(&el("p").text("No reports sent from this phone yet."));
        return;
    }
    let list = el("ul").class("receipts");
    for receipt in &receipts {
        let _ = list.append_child(&item(receipt));
    }
    let _ = slot.append_child(&list);
}

fn item(receipt: &Receipt) -> Element {
    let sent = format!(
        "{} \u{b7} sent {}",
        receipt.engagement_name,
        local_time(receipt.sent_at.timestamp_millis())
    );
    let li = el("li")
        .class("receipt")
        .child(&el("h2").text(&format!("{}: {}", reference(&receipt.id), receipt.title)))
        .child(&el("p").class("hint").text(&sent));
    match &receipt.status {
        Some(note) => {
            let headline = el("p")
                .child(&el("strong").text(&note.headline))
                .child(&el("span").text(&format!(" (issue #{})", note.number)));
            let _ = li.append_child(&headline);
            let _ = li.append_child(&el("p").text(&note.text));
        }
        None => {
            let _ = li.append_child(&el("p").text("No word from the hypercare team yet."));
        }
    }
    if let Some(delivery) = &receipt.delivery {
        let line = el("p")
            .class("hint")
            .attr("id", &format!("delivery-{}", receipt.id))
            .text(&super::deliver::words(delivery));
        let _ = li.append_child(&line);
    }
    // The link stays reachable: without a mailbox it is the only way to send the report again.
    let reference = reference(&receipt.id);
    let link_id = format!("link-{}", receipt.id);
    let (copy, copied) = copy_button(&format!("Copy the link of {reference}"), &receipt.link);
    let again = el("details")
        .child(&el("summary").text(&format!("Send {reference} again")))
        .child(&el("label").attr("for", &link_id).text("The report's link"))
        .child(
            &el("textarea")
                .attr("id", &link_id)
                .attr("readonly", "")
                .attr("rows", "3")
                .text(&receipt.link),
        )
        .child(&copy)
        .child(&copied);
    if !receipt.mailbox.is_empty() {
        let _ = again.append_child(
            &el("a")
                .attr("href", &mail_link(receipt))
                .text(&format!("Send {reference} again by mail")),
        );
    }
    let _ = li.append_child(&again);
    li
}

/// A time as the phone's own clock and language write it (the browser formats it: the page
/// carries no formatter of its own).
fn local_time(millis: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64));
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    String::from(date.to_locale_string("default", &options))
}

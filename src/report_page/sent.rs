//! After "Send": the sealed report's link goes to the hypercare mailbox by mail (the phone's
//! mail app opens with it), or is copied for a chat. The receipt is in "My reports".
use web_sys::Element;

use super::dom::{button, clear, el, focus, notice, on, Build};
use super::store::Receipt;
use crate::domain::intake::report::reference;

/// A `mailto:` link to the hypercare mailbox carrying the report's link.
pub fn mail_link(receipt: &Receipt) -> String {
    let subject = format!(
        "Hypercare report {}: {}",
        reference(&receipt.id),
        receipt.title
    );
    let body = format!(
        "A problem report for the hypercare team of {}. It is sealed: only the team's Handrail can open it.\n\n{}\n",
        receipt.engagement_name, receipt.link
    );
    format!(
        "mailto:{}?subject={}&body={}",
        receipt.mailbox,
        js_sys::encode_uri_component(&subject),
        js_sys::encode_uri_component(&body)
    )
}

/// A button that copies `text`, and the line that says whether it worked.
pub fn copy_button(label: &str, text: &str) -> (Element, Element) {
    let copy = button(label, "");
    let copied = el("p").attr("role", "status");
    let (text, said) = (text.to_owned(), copied.clone());
    on(&copy, "click", move |_| {
        let (text, said) = (text.clone(), said.clone());
        wasm_bindgen_futures::spawn_local(async move {
            clear(&said);
            said.set_text_content(Some(
                match crate::ui::share::clipboard::write(&text).await {
                    Ok(()) => "Copied. Paste it into a chat with the hypercare team.",
                    Err(()) => {
                        "This browser did not let the page copy: select the link and copy it."
                    }
                },
            ));
        });
    });
    (copy, copied)
}

pub fn show(slot: &Element, receipt: &Receipt, kept: bool) {
    let title = el("h1").attr("tabindex", "-1").text(&format!(
        "Report {} is ready to send",
        reference(&receipt.id)
    ));
    let _ = slot.append_child(&title);
    match &receipt.delivery {
        Some(delivery) => {
            let _ = slot.append_child(&el("p").text(
                "Your report is sealed for the hypercare team and goes straight to their inbox.",
            ));
            let line = el("p")
                .class("notice")
                .attr("role", "status")
                .attr("id", &format!("delivery-{}", receipt.id))
                .text(&super::deliver::words(delivery));
            let _ = slot.append_child(&line);
            let _ = slot.append_child(
                &el("p")
                    .class("hint")
                    .text("If it cannot reach them, you can also send it by mail or chat:"),
            );
        }
        None => {
            let _ = slot.append_child(&el("p").text("Your report is sealed for the hypercare team. Send it now: it reaches them when the mail or message is sent (offline, your mail app sends it once the phone is online again)."));
        }
    }
    if !kept {
        let _ = slot.append_child(&notice("This phone could not keep a receipt of the report (its storage is full or refused). Send it now: the link below is its only copy.", true));
    }
    let actions = el("div").class("actions");
    if !receipt.mailbox.is_empty() {
        let mail = el("a")
            .class("button primary")
            .attr("href", &mail_link(receipt))
            .text(&format!("Send by mail to {}", receipt.mailbox));
        let _ = actions.append_child(&mail);
    }
    let (copy, copied) = copy_button("Copy for a chat", &receipt.link);
    let _ = slot.append_child(&actions.child(&copy));
    let _ = slot.append_child(&copied);
    let _ = slot.append_child(
        &el("label")
            .attr("for", "sent-link")
            .text("The report's link"),
    );
    let _ = slot.append_child(
        &el("textarea")
            .attr("id", "sent-link")
            .attr("readonly", "")
            .attr("rows", "4")
            .text(&receipt.link),
    );
    let _ = slot.append_child(&el("p").class("hint").text("You will find this report in \u{201c}My reports\u{201d}, with what the hypercare team says about it."));
    // The screen changed under the reporter's finger: a screen reader starts at its title.
    focus(&title);
}

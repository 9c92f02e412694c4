//! The report form: the charter's scope in plain words, then the questions. What is typed is
//! kept on the phone at every keystroke; "Send" seals the report for the hypercare team.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

use super::dom::{by_id, clear, el, focus, notice, on, Build};
use super::store::{self, Delivery, Outgoing, Receipt};
use crate::domain::intake::report::ReportFields;
use crate::domain::intake::{Invitation, Report, ReportField};
use crate::intake::seal;

type OnSent = Rc<dyn Fn(Receipt, bool)>;

pub fn show(slot: &Element, invitation: Invitation, on_sent: OnSent) {
    intro(slot, &invitation);
    let fields = Rc::new(RefCell::new(store::draft(&invitation.engagement)));
    let summary = el("div");
    let form = el("form")
        .class("report-form")
        .attr("novalidate", "")
        .child(&summary);
    for field in ReportField::ALL {
        let _ = form.append_child(&question(field, fields.borrow().get(field)));
    }
    let kept_notice = el("div");
    let failure = el("div");
    let send_button = el("button")
        .attr("type", "submit")
        .class("primary")
        .text("Send");
    let form = form
        .child(&kept_notice)
        .child(&failure)
        .child(&send_button)
        .child(&el("p").class("hint").text(
            "Your report is sealed on this phone for the hypercare team: only they can read it.",
        ));
    let _ = slot.append_child(&form);

    let attempted = Rc::new(Cell::new(false));
    let invitation = Rc::new(invitation);
    {
        let (fields, attempted, summary, invitation) = (
            fields.clone(),
            attempted.clone(),
            summary.clone(),
            invitation.clone(),
        );
        on(&form, "input", move |event| {
            let Some((field, value)) = event.target().and_then(|t| typed(t.unchecked_ref())) else {
                return;
            };
            fields.borrow_mut().set(field, value);
            // Said once, not at every keystroke (a screen reader would repeat it each time).
            let kept = store::keep_draft(&invitation.engagement, &fields.borrow()).is_ok();
            if kept {
                clear(&kept_notice);
            } else if kept_notice.child_element_count() == 0 {
                let _ = kept_notice.append_child(&notice(store::NOT_KEPT, false));
            }
            if attempted.get() {
                // The fields' own errors follow the typing; the announced summary changes only
                // on "Send", or goes when nothing is left to fix.
                let problems = fields.borrow().problems();
                mark(problems.is_empty().then_some(&summary), &problems, false);
            }
        });
    }
    on(&form.clone(), "submit", move |event| {
        event.prevent_default();
        attempted.set(true);
        let problems = fields.borrow().problems();
        mark(Some(&summary), &problems, true);
        if !problems.is_empty() {
            return;
        }
        let (fields, failure, button, invitation, on_sent) = (
            fields.borrow().clone(),
            failure.clone(),
            send_button.clone(),
            invitation.clone(),
            on_sent.clone(),
        );
        let _ = button.set_attribute("disabled", "");
        button.set_text_content(Some("Sealing\u{2026}"));
        // What is sealed is what was there at "Send": no typing meanwhile that would be lost.
        hold_answers(true);
        clear(&failure);
        wasm_bindgen_futures::spawn_local(async move {
            match send(&invitation, fields).await {
                Ok((receipt, kept)) => on_sent(receipt, kept),
                Err(why) => {
                    hold_answers(false);
                    let _ = failure.append_child(&notice(&why, true));
                    let _ = button.remove_attribute("disabled");
                    button.set_text_content(Some("Send"));
                }
            }
        });
    });
}

fn intro(slot: &Element, invitation: &Invitation) {
    let list = |items: Vec<String>| {
        let ul = el("ul");
        for item in items {
            let _ = ul.append_child(&el("li").text(&item));
        }
        ul
    };
    let routes = invitation
        .routes
        .iter()
        .map(|(what, to)| format!("{what} \u{2192} {}", to.to_lowercase()))
        .collect();
    let scope = el("details")
        .class("scope")
        .child(&el("summary").text("What the hypercare team fixes, and what it passes on"))
        .child(&el("p").text("During hypercare the team fixes problems with the system as it went live:"))
        .child(&list(invitation.fixes.clone()))
        .child(&el("p").text("Requests for something new are logged and passed to whoever decides on changes, not fixed during hypercare:"))
        .child(&list(routes));
    if !invitation.ends.is_empty() {
        let _ = scope
            .append_child(&el("p").text(&format!("Hypercare runs until {}.", invitation.ends)));
    }
    let _ =
        slot.append_child(&el("h1").text(&format!("Report a problem with {}", invitation.name)));
    if !invitation.welcome.is_empty() {
        let _ = slot.append_child(&el("p").class("welcome").text(&invitation.welcome));
    }
    let _ = slot.append_child(&scope);
}

fn input_id(field: ReportField) -> String {
    format!("report-{}", field.key())
}

fn question(field: ReportField, value: &str) -> Element {
    let id = input_id(field);
    let need = if field.required() {
        " (required)"
    } else {
        " (optional)"
    };
    let max = field.max_chars().to_string();
    let control = if field.long() {
        el("textarea").attr("rows", "4").text(value)
    } else {
        let autocomplete = match field {
            ReportField::Name => "name",
            ReportField::Contact => "email",
            _ => "off",
        };
        el("input")
            .attr("type", "text")
            .attr("autocomplete", autocomplete)
            .attr("value", value)
    };
    let control = control
        .attr("id", &id)
        .attr("name", field.key())
        .attr("maxlength", &max);
    let control = if field.required() {
        control.attr("required", "")
    } else {
        control
    };
    el("div")
        .class("question")
        .child(
            &el("label")
                .attr("for", &id)
                .text(&format!("{}{need}", field.label())),
        )
        .child(&control)
        .child(
            &el("p")
                .class("field-error")
                .attr("id", &format!("{id}-error"))
                .attr("hidden", ""),
        )
}

/// The question and answer an input event came from.
fn typed(target: &Element) -> Option<(ReportField, String)> {
    let name = target.get_attribute("name")?;
    let field = ReportField::ALL.into_iter().find(|f| f.key() == name)?;
    let value = match target.dyn_ref::<HtmlInputElement>() {
        Some(input) => input.value(),
        None => target.dyn_ref::<HtmlTextAreaElement>()?.value(),
    };
    Some((field, value))
}

/// Makes every answer read-only while the report is sealed, or writable again.
fn hold_answers(hold: bool) {
    for field in ReportField::ALL {
        if let Some(input) = by_id(&input_id(field)) {
            let _ = if hold {
                input.set_attribute("readonly", "")
            } else {
                input.remove_attribute("readonly")
            };
        }
    }
}

/// Shows `problems`: by each question (its input marked invalid and described by the error),
/// and, with a `summary`, there too, announced at once; `focus_first` moves to the first
/// question to fix.
fn mark(summary: Option<&Element>, problems: &[(ReportField, String)], focus_first: bool) {
    for field in ReportField::ALL {
        let id = input_id(field);
        let (Some(input), Some(error)) = (by_id(&id), by_id(&format!("{id}-error"))) else {
            continue;
        };
        match problems.iter().find(|(f, _)| *f == field) {
            Some((_, problem)) => {
                let _ = input.set_attribute("aria-invalid", "true");
                let _ = input.set_attribute("aria-describedby", &format!("{id}-error"));
                error.set_text_content(Some(problem));
                let _ = error.remove_attribute("hidden");
            }
            None => {
                let _ = input.remove_attribute("aria-invalid");
                let _ = input.remove_attribute("aria-describedby");
                let _ = error.set_attribute("hidden", "");
            }
        }
    }
    let Some(summary) = summary else {
        return;
    };
    clear(summary);
    if problems.is_empty() {
        return;
    }
    let list = el("ul");
    for (_, problem) in problems {
        let _ = list.append_child(&el("li").text(problem));
    }
    let _ = summary.append_child(
        &el("div")
            .class("notice notice--problem")
            .attr("role", "alert")
            .child(&el("p").text("Before sending, please fill in:"))
            .child(&list),
    );
    if let (true, Some(first)) = (
        focus_first,
        problems.first().and_then(|(f, _)| by_id(&input_id(*f))),
    ) {
        focus(&first);
    }
}

/// Seals the report and keeps its receipt (the flag says whether the phone kept it); `Err` says
/// why nothing was sent (what was typed stays in the form and in the draft).
async fn send(invitation: &Invitation, fields: ReportFields) -> Result<(Receipt, bool), String> {
    let key = invitation.public_key().ok_or(
        "The report link has no key to seal reports with: ask the hypercare team for a new link.",
    )?;
    let report = Report {
        id: seal::new_report_id()
            .map_err(|e| format!("This phone could not make the report ({e})."))?,
        engagement: invitation.engagement.clone(),
        sent_at: chrono::Utc::now(),
        fields,
        phone_clock: None,
    };
    let sealed = seal::seal(&report, &key).await.map_err(|e| {
        format!("The report could not be sealed ({e}). What you typed is kept; try again.")
    })?;
    let mut receipt = Receipt {
        id: report.id.clone(),
        engagement_name: invitation.name.clone(),
        title: report.title(),
        sent_at: report.sent_at,
        link: format!("{}#/r/{}", app_address(), sealed.to_payload()),
        mailbox: invitation.mailbox.clone(),
        status: None,
        delivery: invitation.inbox.as_ref().map(|_| Delivery::Waiting),
    };
    if let Some(inbox) = &invitation.inbox {
        let mut queue = store::outbox();
        queue.push(Outgoing {
            id: report.id.clone(),
            inbox: inbox.clone(),
            sealed: sealed.to_payload(),
        });
        if store::keep_outbox(&queue).is_err() {
            receipt.delivery = Some(Delivery::Refused(
                "this phone could not queue it".to_owned(),
            ));
        }
    }
    // A receipt that cannot be kept still shows (the sent screen says so), and the draft then
    // stays too: until the reporter mails the link, it is the only copy.
    let kept = store::keep_receipt(receipt.clone()).is_ok();
    if kept {
        store::forget_draft(&invitation.engagement);
    }
    if receipt.delivery == Some(Delivery::Waiting) {
        wasm_bindgen_futures::spawn_local(super::deliver::deliver_queued());
    }
    Ok((receipt, kept))
}

/// The hypercare app's address: the folder above this page's.
fn app_address() -> String {
    let here = super::dom::window().location().href().unwrap_or_default();
    web_sys::Url::new_with_base("../", &here)
        .map(|u| u.href())
        .unwrap_or(here)
}

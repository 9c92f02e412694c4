//! Sending sealed reports to the team inbox: each is queued on the phone first, then written as
//! one document (`PUT <inbox>/report:<id>`, as the reporter account). A dropped connection keeps
//! it queued and it goes the next time: when the phone is back online, every half minute while
//! the page is open, and whenever the page opens. Writing the same report twice changes nothing
//! (its id is the document's), so a retry after a lost answer is safe.
use std::cell::Cell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestCredentials, RequestInit, RequestMode, Response};

use super::dom::{by_id, window};
use super::store::{self, Delivery, Outgoing};
use crate::domain::intake::inbox::report_document;

/// How often the queue is tried while something waits in it.
const RETRY_MS: i32 = 30_000;

thread_local! {
    /// One delivery round at a time: rounds started by a timer and by "online" would otherwise
    /// send the same reports together.
    static DELIVERING: Cell<bool> = const { Cell::new(false) };
}

/// What one attempt at the inbox came to.
enum Attempt {
    Delivered,
    /// Not reached (offline, server down): try again later.
    Unreached,
    Refused(String),
}

/// Tries every queued report once.
pub async fn deliver_queued() {
    if DELIVERING.with(|d| d.replace(true)) {
        return;
    }
    for outgoing in store::outbox() {
        let outcome = match attempt(&outgoing).await {
            Attempt::Unreached => continue,
            Attempt::Delivered => Delivery::Delivered,
            Attempt::Refused(why) => Delivery::Refused(why),
        };
        // The receipt first: if the phone cannot keep it, the report stays queued and is
        // written again later, which the inbox takes as the same report.
        if store::set_delivery(&outgoing.id, outcome.clone()).is_ok() {
            let rest: Vec<Outgoing> = store::outbox()
                .into_iter()
                .filter(|o| o.id != outgoing.id)
                .collect();
            let _ = store::keep_outbox(&rest);
        }
        show(&outgoing.id, &outcome);
    }
    DELIVERING.with(|d| d.set(false));
}

/// Starts the retries: now, when the phone comes back online, and every half minute.
pub fn start() {
    let go = || wasm_bindgen_futures::spawn_local(deliver_queued());
    go();
    super::dom::on(&window(), "online", move |_| go());
    let tick = Closure::<dyn FnMut()>::new(move || {
        if !store::outbox().is_empty() {
            go();
        }
    });
    let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        RETRY_MS,
    );
    // The timer lives as long as the page.
    tick.forget();
}

/// The words for a delivery, as the sent screen and "My reports" show them.
pub fn words(delivery: &Delivery) -> String {
    match delivery {
        Delivery::Waiting => "Waiting for a connection: it goes to the hypercare team as soon as the phone is online (keep this page open, or open it again).".to_owned(),
        Delivery::Delivered => "Delivered to the hypercare team.".to_owned(),
        Delivery::Refused(why) => format!("The team's inbox refused it ({why}): send it by mail or chat instead."),
    }
}

/// Updates the line that shows this report's delivery, if it is on screen.
fn show(id: &str, delivery: &Delivery) {
    if let Some(line) = by_id(&format!("delivery-{id}")) {
        line.set_text_content(Some(&words(delivery)));
    }
}

async fn attempt(outgoing: &Outgoing) -> Attempt {
    let url = format!("{}/report:{}", outgoing.inbox.database(), outgoing.id);
    let body = report_document(&outgoing.id, &outgoing.sealed).to_string();
    let Ok(response) = put(&url, &body, &outgoing.inbox.name, &outgoing.inbox.password).await
    else {
        return Attempt::Unreached;
    };
    match response.status() {
        200..=202 => Attempt::Delivered,
        // Already there: an earlier attempt's answer was lost.
        409 => Attempt::Delivered,
        401 => Attempt::Refused("the reporter account's name or password is not right".to_owned()),
        403 => Attempt::Refused("the reporter account may not write there".to_owned()),
        404 => Attempt::Refused("there is no inbox at its address".to_owned()),
        status if status >= 500 => Attempt::Unreached,
        status => Attempt::Refused(format!("status {status}")),
    }
}

/// One `PUT` with the reporter account (basic authentication, no cookies).
async fn put(url: &str, body: &str, name: &str, password: &str) -> Result<Response, JsValue> {
    let init = RequestInit::new();
    init.set_method("PUT");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    let headers = Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    headers.set("Accept", "application/json")?;
    let credentials = window().btoa(&format!("{name}:{password}"))?;
    headers.set("Authorization", &format!("Basic {credentials}"))?;
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    let response = JsFuture::from(window().fetch_with_str_and_init(url, &init)).await?;
    response.dyn_into()
}

//! A request to the team database that the person waits for: its button is disabled while it
//! runs, and its failure is shown beside it until the next try. Nothing typed is cleared.
use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::state::CommandError;

#[derive(Clone, Copy)]
pub struct Request {
    pub busy: RwSignal<bool>,
    pub failure: RwSignal<Option<String>>,
}

impl Default for Request {
    fn default() -> Self {
        Self {
            busy: RwSignal::new(false),
            failure: RwSignal::new(None),
        }
    }
}

impl Request {
    /// Runs `work`, which does what success means itself; a failure's message is shown. The
    /// future is boxed so that the four requests share one copy of this code in the wasm.
    pub fn start(self, work: Pin<Box<dyn Future<Output = Result<(), CommandError>>>>) {
        self.busy.set(true);
        self.failure.set(None);
        leptos::task::spawn_local(async move {
            let result = work.await;
            self.busy.set(false);
            if let Err(error) = result {
                self.failure.set(Some(error.to_string()));
            }
        });
    }
}

/// The failure of the last try (role=alert) and the form's submit button, disabled while the
/// request runs and labelled `busy_label` meanwhile when there is one.
#[component]
pub fn FailureAndSubmit(
    request: Request,
    label: &'static str,
    #[prop(optional)] busy_label: Option<&'static str>,
) -> impl IntoView {
    let Request { busy, failure } = request;
    view! {
        {move || failure.get().map(|message| view! { <p class="field__error" role="alert">{message}</p> })}
        <div class="actions">
            <button type="submit" class="button button--primary" disabled=move || busy.get()>
                {move || if busy.get() { busy_label.unwrap_or(label) } else { label }}
            </button>
        </div>
    }
}

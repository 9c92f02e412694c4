//! A request to the team database that the person waits for: its button is disabled while it
//! runs, and its failure is shown beside it until the next try. Nothing typed is cleared.
use std::future::Future;

use leptos::prelude::*;

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
    /// Runs `work`, then hands its result to `done` once the button is enabled again; a
    /// failure's message is shown instead.
    pub fn start<T: 'static>(
        self,
        work: impl Future<Output = Result<T, String>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.busy.set(true);
        self.failure.set(None);
        leptos::task::spawn_local(async move {
            let result = work.await;
            self.busy.set(false);
            match result {
                Ok(value) => done(value),
                Err(message) => self.failure.set(Some(message)),
            }
        });
    }
}

/// The failure of the last try (role=alert) and the form's submit button, disabled while the
/// request runs; `children` is the button's label.
#[component]
pub fn FailureAndSubmit(request: Request, children: Children) -> impl IntoView {
    let Request { busy, failure } = request;
    view! {
        {move || failure.get().map(|message| view! { <p class="field__error" role="alert">{message}</p> })}
        <div class="actions">
            <button type="submit" class="button button--primary" disabled=move || busy.get()>
                {children()}
            </button>
        </div>
    }
}

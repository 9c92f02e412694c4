//! Offline support: registers the service worker (release builds only) and tells the app when
//! a new version is installed and waiting, so it can offer to switch.
//!
//! The waiting worker takes over only when the user says so; then the page reloads. Form input
//! survives that reload through [`crate::ui::draft`], and saved data is already in storage.
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Only a user's "Update now" may reload the page: the first install also changes the
    /// controller, and reloading then would surprise everyone.
    static RELOAD_REQUESTED: Cell<bool> = const { Cell::new(false) };
}

#[derive(Clone, Copy)]
pub struct UpdateAvailable(pub ReadSignal<bool>);

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let supported =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    supported.then(|| navigator.service_worker())
}

/// Call once at start-up; [`UpdateAvailable`] is then in context.
pub fn provide_service_worker() -> ReadSignal<bool> {
    let (update_ready, set_update_ready) = signal(false);
    provide_context(UpdateAvailable(update_ready));
    // `trunk serve` builds in debug: no worker there, or it would cache stale dev builds.
    if cfg!(debug_assertions) {
        return update_ready;
    }
    let Some(container) = container() else {
        return update_ready;
    };

    let on_controller_change = Closure::<dyn Fn()>::new(|| {
        if RELOAD_REQUESTED.get() {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    leptos::task::spawn_local(async move {
        // Relative to the page, so the worker's scope is the folder the app is served from.
        let Ok(registration) = JsFuture::from(container.register("./sw.js")).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        let has_controller = move || container.controller().is_some();
        if registration.waiting().is_some() && has_controller() {
            set_update_ready.set(true);
        }
        let watched = registration.clone();
        let on_update_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = watched.installing() else {
                return;
            };
            let worker = installing.clone();
            let has_controller = has_controller.clone();
            let on_state_change = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && has_controller() {
                    set_update_ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
            on_state_change.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
        REGISTRATION.with(|slot| *slot.borrow_mut() = Some(registration));
    });

    // Look for a new version whenever the app comes back to the foreground: a facilitator's tab
    // can stay open for the whole hypercare period.
    let handle = window_event_listener(leptos::ev::visibilitychange, |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            REGISTRATION.with(|slot| {
                if let Some(registration) = slot.borrow().as_ref() {
                    let _ = registration.update();
                }
            });
        }
    });
    on_cleanup(move || handle.remove());
    update_ready
}

/// Switches to the waiting version; the page reloads once it has taken over.
pub fn apply_update() {
    RELOAD_REQUESTED.set(true);
    REGISTRATION.with(
        |slot| match slot.borrow().as_ref().and_then(|r| r.waiting()) {
            Some(waiting) => {
                let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
            }
            None => {
                let _ = window().location().reload();
            }
        },
    );
}

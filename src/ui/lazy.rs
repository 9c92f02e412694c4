//! Screens whose code is downloaded when they are first opened, not with the app.
//!
//! The release build (the `split` feature, see `scripts/split-wasm.mjs`) cuts the wasm at every
//! function declared with [`lazy_part!`]: what only that screen uses goes into a file of its
//! own, fetched the first time the screen opens (the service worker keeps it for offline use).
//! Test and development builds leave the feature off and call the same functions directly, so
//! every screen behaves the same either way apart from when its code arrives.
use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// A lazy screen's code did not arrive: the connection dropped, or a firewall or extension
/// blocked the file, before the service worker had a copy.
#[derive(Debug, Clone, Copy)]
pub struct ScreenNotLoaded;

impl std::fmt::Display for ScreenNotLoaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("This part of Handrail did not arrive: the connection may have dropped, or a firewall or browser extension blocked the file. Check the connection, then try again.")
    }
}

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for ScreenNotLoaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Self
    }
}

/// What a lazy function gives: its result (a screen's view unless said otherwise), or why its
/// code is missing.
pub type Loaded<T = AnyView> = Result<T, ScreenNotLoaded>;

/// Declares functions that the release build downloads on demand, each as an `async fn`
/// returning [`Loaded`]: a screen (`-> AnyView`), or work only a lazy screen's code can do.
/// `[part]` before `fn` names the downloaded file; functions that belong together share one.
macro_rules! lazy_part {
    ($($(#[$attr:meta])* [$part:ident] $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block)*) => {
        $(
            $(#[$attr])*
            #[cfg(feature = "split")]
            #[wasm_split_helpers::wasm_split($part, fallible)]
            $vis fn $name($($arg: $ty),*) -> $crate::ui::lazy::Loaded<$ret> {
                Ok($body)
            }
            $(#[$attr])*
            #[cfg(not(feature = "split"))]
            $vis async fn $name($($arg: $ty),*) -> $crate::ui::lazy::Loaded<$ret> {
                Ok($body)
            }
        )*
    };
}
pub(crate) use lazy_part;

/// Shows a lazy screen: a calm "Opening…" while its code arrives (only if that takes a moment:
/// the style delays it), the screen once there, and a plain explanation if it cannot arrive.
pub fn show(screen: impl Future<Output = Loaded> + 'static) -> AnyView {
    show_boxed(Box::pin(screen))
}

// One instantiation of the suspense machinery for every screen.
fn show_boxed(screen: Pin<Box<dyn Future<Output = Loaded>>>) -> AnyView {
    // Suspense wants a `Send` future; this one never leaves the page's thread.
    let screen = SendWrapper::new(screen);
    view! {
        <Suspense fallback=|| {
            view! { <p class="lazy-screen" role="status">"Opening\u{2026}"</p> }
        }>
            {Suspend::new(async move {
                let view = screen.await.unwrap_or_else(|_| not_loaded());
                // After it is on the page: the focus a navigation meant for its title.
                request_animation_frame(super::dom::settle_title_focus);
                view
            })}
        </Suspense>
    }
    .into_any()
}

fn not_loaded() -> AnyView {
    view! {
        <div class="notice notice--danger" role="alert">
            <p class="notice__title">"This part of Handrail did not arrive"</p>
            <p>
                "The connection may have dropped, or a firewall or browser extension blocked the file. "
                "Your data in this browser is not affected. Check the connection, then reload the page."
            </p>
            <p>
                <button type="button" class="button button--secondary" on:click=|_| {
                    let _ = window().location().reload();
                }>"Reload the page"</button>
            </p>
        </div>
    }
    .into_any()
}

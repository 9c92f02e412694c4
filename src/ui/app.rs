//! The app shell: header, the banners that concern the whole app, the current page, the footer
//! and the toast region.
use leptos::prelude::*;

use super::components::download::download_text;
use super::components::{Banner, ToastRegion, Tone};
use super::pages::{EngagementPage, EngagementsPage, NotFoundPage};
use super::pwa::{apply_update, provide_service_worker};
use super::router::provide_router;
use crate::route::Route;
use crate::state::AppState;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide();
    let route = provide_router();
    let update_ready = provide_service_worker();

    // Title and focus follow the page, as a screen reader user expects after navigation; the
    // first render keeps focus where the browser put it.
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        let title = match &current {
            Route::Engagements => "Engagements".to_owned(),
            Route::Engagement(id) => state.find(id).map_or_else(
                || "Engagement not found".to_owned(),
                |r| r.engagement.name().to_owned(),
            ),
            Route::NotFound(_) => "Page not found".to_owned(),
        };
        document().set_title(&format!("{title} \u{00b7} Handrail"));
        if previous.is_some_and(|p| p != current) {
            request_animation_frame(|| {
                super::components::engagement_form::focus_by_id("page-title")
            });
        }
        current
    });

    view! {
        <button type="button" class="skip-link" on:click=|_| super::components::engagement_form::focus_by_id("main")>
            "Skip to content"
        </button>
        <header class="app-header">
            <div class="app-header__inner">
                <a class="brand" href=Route::Engagements.href()>
                    <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                        <rect width="32" height="32" rx="7" class="brand__tile"/>
                        <path d="M7 24 L7 12 Q7 8 11 8 L25 8" class="brand__rail"/>
                        <path d="M12 24 L12 15 M18 24 L18 15 M24 24 L24 15" class="brand__post"/>
                    </svg>
                    <span class="brand__name">"Handrail"</span>
                </a>
                <p class="tagline">"Hypercare after go-live: a charter, a triage log and a planned handover to the business."</p>
            </div>
        </header>
        <div class="banners">
            <Show when=move || update_ready.get()>
                <Banner tone=Tone::Info title="A new version of Handrail is ready.">
                    <p>"Your work is saved; anything you are typing comes back after the update."</p>
                    <button type="button" class="button button--primary" on:click=|_| apply_update()>
                        "Update now"
                    </button>
                </Banner>
            </Show>
            {move || {
                state
                    .storage_unavailable
                    .get()
                    .map(|error| {
                        view! {
                            <Banner tone=Tone::Danger title="Handrail cannot save in this browser.">
                                <p>{error.to_string()}</p>
                            </Banner>
                        }
                    })
            }}
            <UnreadableDataBanner/>
        </div>
        <main id="main" class="main" tabindex="-1">
            {move || match route.get() {
                Route::Engagements => view! { <EngagementsPage/> }.into_any(),
                Route::Engagement(id) => view! { <EngagementPage id/> }.into_any(),
                Route::NotFound(_) => {
                    view! {
                        <NotFoundPage
                            title="Page not found"
                            message="This address does not lead to a page in Handrail. Check the link, or start from your engagements."
                        />
                    }
                        .into_any()
                }
            }}
        </main>
        <footer class="app-footer">
            <p>"Your data stays in this browser. Nothing is sent to a server."</p>
        </footer>
        <ToastRegion/>
    }
}

/// Lists stored records that could not be read. They stay untouched in storage; the user can
/// download each one to keep it or to get help recovering it.
#[component]
fn UnreadableDataBanner() -> impl IntoView {
    let state = AppState::get();
    move || {
        let records = state.unreadable.get();
        (!records.is_empty()).then(|| {
            let count = records.len();
            let title = if count == 1 {
                "One stored engagement could not be read.".to_owned()
            } else {
                format!("{count} stored engagements could not be read.")
            };
            view! {
                <Banner tone=Tone::Warning title=title>
                    <p>"Handrail has left the stored data exactly as it is and will not write over it. Download it to keep a copy."</p>
                    <ul class="unreadable-list">
                        {records
                            .into_iter()
                            .map(|record| {
                                let reason = record.reason.to_string();
                                let file = format!("{}.json", record.key.replace(':', "-"));
                                let raw = record.raw.clone();
                                view! {
                                    <li>
                                        <span>{reason}</span>
                                        <button
                                            type="button"
                                            class="button button--secondary"
                                            on:click=move |_| {
                                                if let Err(error) = download_text(&file, "application/json", &raw) {
                                                    state.show_toast(format!("Download failed: {error}"), None);
                                                }
                                            }
                                        >
                                            "Download the stored data"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </Banner>
            }
        })
    }
}

//! The app shell: header and navigation, the app-wide banners, the current page, the footer and
//! the toast region.
use leptos::prelude::*;

use super::banners::AppBanners;
use super::components::engagement_form::focus_by_id;
use super::components::ToastRegion;
use super::pages::{
    DataPage, EngagementPage, EngagementsPage, NotFoundPage, RecoveryPage, Section,
};
use super::pwa::provide_service_worker;
use super::router::provide_router;
use super::workshop::{AudiencePage, PresentPage};
use crate::route::Route;
use crate::state::AppState;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide();
    let route = provide_router();
    provide_service_worker();
    // Damaged data found at start-up: open recovery first, so the user learns what happened
    // before working on (a copy of) that engagement. Other pages opened by URL stay as asked.
    if route.get_untracked() == Route::Engagements && untrack(|| state.damaged_count()) > 0 {
        super::router::navigate(&Route::Recovery);
    }

    // Title and focus follow the page, as a screen reader user expects after navigation; the
    // first render keeps focus where the browser put it.
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        let title = match &current {
            Route::Engagements => "Engagements".to_owned(),
            Route::Engagement(id)
            | Route::Charter(id)
            | Route::CharterWizard(id)
            | Route::CharterRevision(id, _)
            | Route::Triage(id)
            | Route::Issue(id, _)
            | Route::Plan(id)
            | Route::Exit(id)
            | Route::Present(id, _)
            | Route::Audience(id) => {
                let section = match &current {
                    Route::Charter(_) => " \u{2013} charter".to_owned(),
                    Route::CharterWizard(_) => " \u{2013} charter wizard".to_owned(),
                    Route::CharterRevision(..) => " \u{2013} charter revision".to_owned(),
                    Route::Triage(_) => " \u{2013} triage".to_owned(),
                    Route::Issue(_, n) => format!(" \u{2013} issue #{n}"),
                    Route::Plan(_) => " \u{2013} withdrawal plan".to_owned(),
                    Route::Exit(_) => " \u{2013} exit review".to_owned(),
                    Route::Present(..) => " \u{2013} workshop console".to_owned(),
                    Route::Audience(_) => " \u{2013} audience".to_owned(),
                    _ => String::new(),
                };
                state.find(id).map_or_else(
                    || "Engagement not found".to_owned(),
                    |r| format!("{}{section}", r.engagement.name()),
                )
            }
            Route::Data => "Backup and storage".to_owned(),
            Route::Recovery => "Recover damaged data".to_owned(),
            Route::NotFound(_) => "Page not found".to_owned(),
        };
        document().set_title(&format!("{title} \u{00b7} Handrail"));
        if previous.is_some_and(|p| p != current) {
            request_animation_frame(|| focus_by_id("page-title"));
        }
        current
    });
    let on_data = move || route.with(|r| *r == Route::Data);
    let on_engagements =
        move || route.with(|r| matches!(r, Route::Engagements | Route::Engagement(_)));

    view! {
        <button type="button" class="skip-link" on:click=|_| focus_by_id("main")>
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
                <nav class="app-nav" aria-label="Main">
                    <a href=Route::Engagements.href() aria-current=move || on_engagements().then_some("page")>
                        "Engagements"
                    </a>
                    <a href=Route::Data.href() aria-current=move || on_data().then_some("page")>
                        "Backup and storage"
                    </a>
                </nav>
            </div>
        </header>
        <AppBanners/>
        <main id="main" class="main" tabindex="-1">
            {move || match route.get() {
                Route::Engagements => view! { <EngagementsPage/> }.into_any(),
                Route::Engagement(id) => view! { <EngagementPage id section=Section::Overview/> }.into_any(),
                Route::Charter(id) => view! { <EngagementPage id section=Section::Charter/> }.into_any(),
                Route::CharterWizard(id) => view! { <EngagementPage id section=Section::CharterWizard/> }.into_any(),
                Route::CharterRevision(id, n) => view! { <EngagementPage id section=Section::CharterRevision(n)/> }.into_any(),
                Route::Triage(id) => view! { <EngagementPage id section=Section::Triage/> }.into_any(),
                Route::Issue(id, n) => view! { <EngagementPage id section=Section::Issue(n)/> }.into_any(),
                Route::Plan(id) => view! { <EngagementPage id section=Section::Plan/> }.into_any(),
                Route::Exit(id) => view! { <EngagementPage id section=Section::Exit/> }.into_any(),
                Route::Present(id, what) => view! { <PresentPage id what/> }.into_any(),
                Route::Audience(id) => view! { <AudiencePage id/> }.into_any(),
                Route::Data => view! { <DataPage/> }.into_any(),
                Route::Recovery => view! { <RecoveryPage/> }.into_any(),
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
            <p>
                "Your data stays in this browser. Nothing is sent to a server. "
                <a href=Route::Data.href()>"Back it up"</a>
                "."
            </p>
        </footer>
        <ToastRegion/>
    }
}

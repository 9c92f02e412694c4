//! The app shell: header and navigation, the app-wide banners, the current page, the footer and
//! the toast region.
use leptos::prelude::*;

use super::banners::AppBanners;
use super::components::ToastRegion;
use super::dom::focus_by_id;
use super::pages::{section_heading, EngagementPage, EngagementsPage, NotFoundPage};
use super::pwa::provide_service_worker;
use super::router::provide_router;
use super::{lazy, parts};
use crate::route::{Route, Section};
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
            Route::Engagement(id, section) => state.find(id).map_or_else(
                || "Engagement not found".to_owned(),
                |r| match section_title(section) {
                    Some(title) => format!("{} \u{2013} {title}", r.engagement.name()),
                    None => r.engagement.name().to_owned(),
                },
            ),
            Route::Present(id, _) | Route::Audience(id) => state.find(id).map_or_else(
                || "Engagement not found".to_owned(),
                |r| {
                    let what = if matches!(current, Route::Audience(_)) {
                        "audience"
                    } else {
                        "workshop console"
                    };
                    format!("{} \u{2013} {what}", r.engagement.name())
                },
            ),
            Route::Data => "Backup and storage".to_owned(),
            Route::Attention => "Needs attention".to_owned(),
            Route::Recovery => "Recover damaged data".to_owned(),
            Route::Shared(_) => super::share::PAGE_TITLE.to_owned(),
            Route::Report(_) => "A problem report".to_owned(),
            Route::NotFound(_) => "Page not found".to_owned(),
        };
        document().set_title(&format!("{title} \u{00b7} Handrail"));
        if previous.is_some_and(|p| p != current) {
            super::dom::after_render_unless_focus_moved(super::dom::focus_page_title);
        }
        current
    });
    let on_data = move || route.with(|r| *r == Route::Data);
    let on_engagements = move || {
        route.with(|r| {
            matches!(
                r,
                Route::Engagements | Route::Engagement(_, Section::Overview)
            )
        })
    };

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
                    // A phone's header keeps to one row: shorter words there.
                    <a href=Route::Data.href() aria-current=move || on_data().then_some("page")>
                        <span class="words--long">"Backup and storage"</span>
                        <span class="words--short">"Backup"</span>
                    </a>
                    {move || {
                        let count = state.attention.with(Vec::len);
                        (count > 0).then(|| view! {
                            <a class="attention-link" href=Route::Attention.href()
                                aria-label=format!("Needs attention ({count})")
                                aria-current=move || route.with(|r| *r == Route::Attention).then_some("page")>
                                // A phone's header keeps to one row: the sign and the count.
                                <span class="attention-link__words" aria-hidden="true">"Needs attention "</span>
                                <span class="attention-link__sign" aria-hidden="true">"\u{26a0}\u{fe0e} "</span>
                                <span aria-hidden="true">{format!("({count})")}</span>
                            </a>
                        })
                    }}
                    <super::your_name::YourName/>
                </nav>
            </div>
        </header>
        <AppBanners/>
        <main id="main" class="main" tabindex="-1">
            {move || match route.get() {
                Route::Engagements => view! { <EngagementsPage/> }.into_any(),
                Route::Engagement(id, section) => view! { <EngagementPage id section/> }.into_any(),
                Route::Present(id, what) => lazy::show(parts::present_page(id, what)),
                Route::Audience(id) => lazy::show(parts::audience_page(id)),
                Route::Data => lazy::show(parts::data_page()),
                Route::Attention => lazy::show(parts::attention_page()),
                Route::Recovery => lazy::show(parts::recovery_page()),
                Route::Shared(link) => lazy::show(parts::shared_link_page(link)),
                Route::Report(link) => lazy::show(parts::report_link_page(link)),
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
                // True to the letter: with team sync on, some engagements also go to the team's
                // own database (never to a server of Handrail's).
                {move || if state.sync.with(|s| s.is_empty()) {
                    "Your data stays in this browser. Nothing is sent to a server. "
                } else {
                    "Your data stays in this browser; engagements you sync also go to your team's database. "
                }}
                <a href=Route::Data.href()>"Back it up"</a>
                "."
            </p>
        </footer>
        <ToastRegion/>
    }
}

/// The section as the window title names it, after the engagement's name.
fn section_title(section: &Section) -> Option<String> {
    match section {
        Section::Issue(n) => Some(format!("issue #{n}")),
        other => section_heading(other).map(str::to_lowercase),
    }
}

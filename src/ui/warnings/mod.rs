//! "Needs attention" (issue 25): the clocks at risk or breached in the engagements that warn
//! in this browser, each with its due time in the charter's zone and whom to call. A lazy part.
use leptos::prelude::*;

use crate::route::{Route, Section};
use crate::state::AppState;

#[component]
pub fn AttentionPage() -> impl IntoView {
    let state = AppState::get();
    let items = move || {
        state.attention.get().into_iter().map(|a| {
            let href = Route::Engagement(a.engagement.clone(), Section::Issue(a.number)).href();
            let what = if a.breach { "breached" } else { "at risk" };
            let class = if a.breach { "attention attention--breached" } else { "attention" };
            view! {
                <li class=class>
                    <a href=href>{format!("#{} {}", a.number, a.title)}</a>
                    <span>{format!(" \u{2014} {}, {}: {} clock {what}", a.engagement_name, a.severity, a.clock)}</span>
                    {(!a.due.is_empty()).then(|| view! { <span class="attention__due">{format!("Due {}.", a.due)}</span> })}
                    {a.whom.clone().map(|who| view! { <span class="attention__whom">{format!("Call {who}.")}</span> })}
                </li>
            }
        }).collect_view()
    };
    let notifications = notification_words();
    view! {
        <div class="page-head"><h1 tabindex="-1">"Needs attention"</h1></div>
        <section class="card" aria-labelledby="attention-title">
            <h2 id="attention-title">"Clocks at risk or breached"</h2>
            <Show when=move || state.attention.with(|a| !a.is_empty())
                fallback=|| view! { <p>"No clock is at risk or breached in the engagements that warn you."</p> }>
                <ul class="plain-list attention-list">{items}</ul>
            </Show>
        </section>
        <section class="card" aria-labelledby="how-title">
            <h2 id="how-title">"How warnings work"</h2>
            <p>"An engagement warns in this browser once \u{201c}Warn me before a breach\u{201d} is switched on on its overview or its queue. A warning comes when an in-scope issue\u{2019}s clock reaches its severity\u{2019}s warning point (75 % of the target unless the charter says otherwise) and again at the breach: once per threshold, however many tabs are open, and never for a paused, stopped or met clock. What happened while Handrail was closed is summed up when it opens."</p>
            <p>{notifications}</p>
        </section>
    }
}

fn notification_words() -> &'static str {
    let supported = web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"Notification".into()).unwrap_or(false));
    if !supported {
        return "This browser has no system notifications: warnings appear here and in the header.";
    }
    if crate::state::warnings::notifications_refused() {
        return "This browser did not show a notification from the page (Android\u{2019}s Chrome shows them only for installed apps): warnings appear here and in the header.";
    }
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Granted => "System notifications are on for Handrail in this browser.",
        web_sys::NotificationPermission::Denied => "System notifications are blocked for Handrail in this browser's settings: warnings appear here and in the header only.",
        _ => "System notifications have not been allowed yet: switching a warning on asks for them.",
    }
}

use leptos::prelude::*;

use crate::route::Route;

#[component]
pub fn NotFoundPage(#[prop(into)] title: String, #[prop(into)] message: String) -> impl IntoView {
    view! {
        <h1 id="page-title" tabindex="-1">{title}</h1>
        <p class="lead">{message}</p>
        <p>
            <a class="button button--primary" href=Route::Engagements.href()>
                "Go to your engagements"
            </a>
        </p>
    }
}

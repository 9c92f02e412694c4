//! The home screen: what Handrail is for, the list of engagements, and creating one.
use leptos::prelude::*;

use crate::domain::{EngagementForm, GoLivePhase};
use crate::route::{Route, Section};
use crate::state::AppState;
use crate::state::SavedEngagement;
use crate::ui::components::engagement_form::SubmitError;
use crate::ui::components::EngagementFormView;
use crate::ui::format::{long_date, today};
use crate::ui::{draft, router::navigate};

const NEW_DRAFT: &str = "new-engagement";

#[component]
pub fn EngagementsPage() -> impl IntoView {
    let state = AppState::get();
    let is_empty = Memo::new(move |_| state.engagements.with(Vec::is_empty));
    // Open the form if there is nothing yet, or if a reload interrupted someone typing.
    let form_open = RwSignal::new(draft::load::<EngagementForm>(NEW_DRAFT).is_some());

    let create = Callback::new(move |form: EngagementForm| {
        let names = state.other_names(None);
        let details = form
            .parse(names.iter().map(String::as_str))
            .map_err(SubmitError::Invalid)?;
        let name = details.name.clone();
        let id = state
            .create(details)
            .map_err(|e| SubmitError::Failed(e.to_string()))?;
        state.show_toast(format!("Created \u{201c}{name}\u{201d}."), None);
        navigate(&Route::Engagement(id, Section::Overview));
        Ok(())
    });
    let new_form = move || {
        view! {
            <EngagementFormView
                id="new"
                draft_key=NEW_DRAFT
                initial=EngagementForm::default()
                submit_label="Create engagement"
                on_submit=create
                on_cancel=Callback::new(move |_| form_open.set(false))
            />
        }
    };

    view! {
        <div class="page-head">
            <h1 id="page-title" tabindex="-1">"Engagements"</h1>
            <Show when=move || !is_empty.get() && !form_open.get()>
                <button
                    type="button"
                    class="button button--primary"
                    on:click=move |_| form_open.set(true)
                >
                    "New engagement"
                </button>
            </Show>
        </div>
        // index.html's first screen shows these same words while the wasm loads (kept equal by
        // tests/e2e/first-load.spec.mjs), so a first visit paints them at once.
        <Show when=move || is_empty.get() && !form_open.get()>
            <section class="card empty-state" aria-labelledby="empty-title">
                <h2 id="empty-title">"Start with an engagement"</h2>
                <p>
                    "An engagement is one go-live you support: \u{201c}Acme CRM rollout\u{201d}, say. It holds the hypercare charter everyone signs, the log of what users report, the plan for handing the system to the business, and the exit review."
                </p>
                <p>"Everything stays in this browser. Nothing is sent anywhere."</p>
                <button type="button" class="button button--primary" on:click=move |_| form_open.set(true)>
                    "Create your first engagement"
                </button>
            </section>
        </Show>
        <Show when=move || form_open.get()>
            <section class="card" aria-labelledby="new-title">
                <h2 id="new-title">"New engagement"</h2>
                {new_form}
            </section>
        </Show>
        <Show when=move || !is_empty.get()>
            <ul class="engagement-list" aria-label="Your engagements">
                <For
                    each=move || state.engagements.get()
                    key=|record| (record.engagement.id.clone(), record.revision)
                    children=move |record| view! { <EngagementRow record/> }
                />
            </ul>
        </Show>
        <crate::ui::sync::JoinTeamDatabase/>
        <crate::ui::share::OpenSharedLink/>
    }
}

#[component]
fn EngagementRow(record: SavedEngagement) -> impl IntoView {
    let engagement = record.engagement;
    let phase = GoLivePhase::on(engagement.details.go_live, today());
    let phase_class = match phase {
        GoLivePhase::Upcoming { .. } => "badge badge--neutral",
        GoLivePhase::GoLiveToday | GoLivePhase::Live { .. } => "badge badge--live",
    };
    view! {
        <li class="engagement-row">
            <a class="engagement-row__link" href=Route::Engagement(engagement.id.clone(), Section::Overview).href()>
                <span class="engagement-row__name">{engagement.details.name.clone()}</span>
            </a>
            <span class="engagement-row__meta">
                {engagement.details.system.clone()}
                " \u{00b7} go-live "
                {long_date(engagement.details.go_live)}
            </span>
            <span class=phase_class>{phase.describe()}</span>
        </li>
    }
}

//! "Join a team database" on the engagement list: sign in, see the engagements the database
//! holds, and add one to this browser (or connect the copy already here, which the first sync
//! merges).
use leptos::prelude::*;

use super::form::{Credentials, SignInForm};
use super::request::Request;
use crate::route::{Route, Section};
use crate::state::sync::{TeamDatabase, TeamEngagement};
use crate::state::AppState;
use crate::ui::format::long_date;
use crate::ui::router::navigate;

#[component]
pub fn JoinTeamDatabase() -> impl IntoView {
    let state = AppState::get();
    let open = RwSignal::new(false);
    let request = Request::default();
    let team = RwSignal::new(None::<TeamDatabase>);
    let sign_in = Callback::new(move |typed: Credentials| {
        request.start(Box::pin(async move {
            let found = state
                .open_team_database(&typed.address, &typed.name, &typed.password)
                .await?;
            team.set(Some(found));
            Ok(())
        }));
    });
    view! {
        <section class="card" aria-labelledby="join-title">
            <div class="card__head">
                <h2 id="join-title">"Join a team database"</h2>
                <Show when=move || !open.get()>
                    <button type="button" class="button button--secondary" on:click=move |_| open.set(true)>
                        "Join"
                    </button>
                </Show>
            </div>
            <p>"Your team shares its engagements through a CouchDB database? Sign in to it to add them to this browser."</p>
            <Show when=move || open.get() && team.with(Option::is_none)>
                <SignInForm id="join" submit_label="Sign in" request on_submit=sign_in/>
            </Show>
            {move || team.get().map(|found| view! { <TeamList team=found/> })}
        </section>
    }
}

#[component]
fn TeamList(team: TeamDatabase) -> impl IntoView {
    if team.engagements.is_empty() {
        return view! {
            <p role="status">{format!(
                "Signed in as {}. The database holds no engagement yet: open an engagement here and connect it from its overview to share it.",
                team.account
            )}</p>
        }
        .into_any();
    }
    let rows = team
        .engagements
        .iter()
        .cloned()
        .map(|found| view! { <TeamRow team=team.clone() found/> })
        .collect_view();
    view! {
        <p role="status">{format!("Signed in as {}. Engagements in this database:", team.account)}</p>
        <ul class="engagement-list" aria-label="Engagements in the team database">{rows}</ul>
    }
    .into_any()
}

#[component]
fn TeamRow(team: TeamDatabase, found: TeamEngagement) -> impl IntoView {
    let state = AppState::get();
    let request = Request::default();
    let Request { busy, failure } = request;
    let id = found.id.clone();
    let join = move |_| {
        let team = team.clone();
        let id = id.clone();
        request.start(Box::pin(async move {
            state.join(&team, &id).await?;
            navigate(&Route::Engagement(id, Section::Overview));
            Ok(())
        }));
    };
    let label = if found.here {
        "Sync the copy in this browser"
    } else {
        "Add to this browser"
    };
    view! {
        <li class="engagement-row">
            <span class="engagement-row__name">{found.name.clone()}</span>
            <span class="engagement-row__meta">
                {found.system.clone()}
                {found.go_live.parse().ok().map(|date| format!(" \u{00b7} go-live {}", long_date(date)))}
            </span>
            <button type="button" class="button button--primary" disabled=move || busy.get() on:click=join
                aria-label=format!("{label}: {}", found.name)>
                {label}
            </button>
            {move || failure.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
        </li>
    }
}

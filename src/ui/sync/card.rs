//! "Sync with a team database" on an engagement's overview: connect, see where sync stands,
//! sign in again, sync now, stop.
use leptos::prelude::*;

use super::form::{Credentials, SignInForm};
use super::request::{FailureAndSubmit, Request};
use crate::domain::EngagementId;
use crate::state::sync::SyncStatus;
use crate::state::AppState;
use crate::ui::components::{writes_to, TextField};

#[component]
pub fn TeamSyncCard(id: EngagementId) -> impl IntoView {
    let state = AppState::get();
    let connection = {
        let id = id.clone();
        Memo::new(move |_| state.connection(&id))
    };
    let request = Request::default();
    let connect = {
        let id = id.clone();
        Callback::new(move |typed: Credentials| {
            let id = id.clone();
            request.start(Box::pin(async move {
                state
                    .connect_sync(&id, &typed.address, &typed.name, &typed.password)
                    .await?;
                state.show_toast(
                    "Connected: this engagement now syncs with the team database.".to_owned(),
                    None,
                );
                Ok(())
            }));
        })
    };
    let connected = {
        let id = id.clone();
        move |c| view! { <Connected id=id.clone() connection=c/> }
    };
    view! {
        <section class="card" id="team-sync" aria-labelledby="team-sync-title">
            <h2 id="team-sync-title">"Team sync"</h2>
            {move || match connection.get() {
                Some(c) => connected(c).into_any(),
                None => view! {
                    <p>
                        "Share this engagement with your team through a shared database your team runs (CouchDB). Everyone keeps working in their own browser, also offline; changes go out and come in whenever the database can be reached, and nothing anyone did is overwritten."
                    </p>
                    <SignInForm
                        id="sync"
                        submit_label="Connect"
                        request
                        on_submit=connect
                    />
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn Connected(id: EngagementId, connection: crate::state::sync::Connection) -> impl IntoView {
    let state = AppState::get();
    let password = RwSignal::new(String::new());
    let request = Request::default();
    let sign_in = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let id = id.clone();
            request.start(Box::pin(async move {
                state.sign_in_again(&id, &password.get_untracked()).await?;
                password.set(String::new());
                Ok(())
            }));
        }
    };
    let sync_now = {
        let id = id.clone();
        move |_| state.sync_now(&id)
    };
    let stop = {
        let id = id.clone();
        move |_| {
            match state.stop_sync(&id) {
            Ok(()) => state.show_toast(
                "Sync stopped. This browser keeps the engagement; the team database keeps its copy.".to_owned(),
                None,
            ),
            Err(error) => state.show_toast(format!("Sync could not be stopped: {error}"), None),
        }
        }
    };
    let signing_in = connection.status == SyncStatus::SignInAgain;
    view! {
        <dl class="details">
            <div>
                <dt>"Database"</dt>
                <dd class="sync-address">{connection.database.clone()}</dd>
            </div>
            <div>
                <dt>"Signed in as"</dt>
                <dd>{connection.account.clone()}</dd>
            </div>
            <div>
                <dt>"Status"</dt>
                <dd><SyncBadgeText id=id.clone()/></dd>
            </div>
        </dl>
        {signing_in.then(|| view! {
            <form class="form sync-form" on:submit=sign_in novalidate>
                <p>{format!("The session for {} has ended. Sign in again to go on syncing; nothing waiting is lost meanwhile.", connection.account)}</p>
                <TextField
                    id="sync-again-password"
                    label="Password"
                    input_type="password"
                    autocomplete="current-password"
                    value=password
                    on_input=writes_to(password)
                />
                <FailureAndSubmit request label="Sign in"/>
            </form>
        })}
        <div class="actions actions--tight">
            <button type="button" class="button button--secondary" on:click=sync_now>"Sync now"</button>
            <button type="button" class="button button--secondary" on:click=stop>"Stop syncing"</button>
        </div>
    }
}

/// The status words alone, for the card's status line.
#[component]
fn SyncBadgeText(id: EngagementId) -> impl IntoView {
    let state = AppState::get();
    let now = super::badge::ticking_now();
    move || {
        state
            .connection(&id)
            .map(|c| c.status.describe(now.get()))
            .unwrap_or_default()
    }
}

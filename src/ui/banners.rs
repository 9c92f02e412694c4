//! The messages that concern the whole app, above every page: a waiting update, storage that is
//! blocked, full or nearly full, damaged data, and the backup reminder.
use leptos::prelude::*;

use super::components::{Banner, Tone};
use super::pwa::{apply_update, UpdateAvailable};
use super::router::CurrentRoute;
use crate::route::Route;
use crate::state::AppState;

fn offer_backup(state: AppState) {
    if let Err(error) = state.download_backup(None) {
        state.show_toast(
            format!("The backup could not be downloaded: {error}."),
            None,
        );
    }
}

#[component]
pub fn AppBanners() -> impl IntoView {
    let state = AppState::get();
    let UpdateAvailable(update_ready) = expect_context();
    let CurrentRoute(route) = expect_context();
    // Not on the recovery page itself, which says it all.
    let damaged = move || {
        if route.with(|r| *r == Route::Recovery) {
            0
        } else {
            state.damaged_count()
        }
    };
    let reminder = Memo::new(move |_| state.backup_reminder_days());
    let nearly_full = Memo::new(move |_| state.storage_use().nearly_full);

    view! {
        <div class="banners">
            <Show when=move || update_ready.get()>
                <Banner tone=Tone::Info title="A new version of Handrail is ready.">
                    <p>"Your work is saved; anything you are typing comes back after the update."</p>
                    <button type="button" class="button button--primary" on:click=|_| apply_update()>
                        "Update now"
                    </button>
                </Banner>
            </Show>
            {move || state.storage_unavailable.get().map(|error| view! {
                <Banner tone=Tone::Danger title="Handrail cannot save in this browser.">
                    <p>{error.to_string()}</p>
                </Banner>
            })}
            {move || state.save_failure.get().map(|error| view! {
                <Banner tone=Tone::Danger title="Your last change was not saved.">
                    <p>{error.to_string()}</p>
                    <p>"What you typed is still on the screen. Download a backup now, then free space by deleting engagements you no longer need."</p>
                    <button type="button" class="button button--primary" on:click=move |_| offer_backup(state)>
                        "Download a backup"
                    </button>
                </Banner>
            })}
            <Show when=move || nearly_full.get() && state.save_failure.with(Option::is_none)>
                <Banner tone=Tone::Warning title="Storage is almost full.">
                    <p>
                        {move || format!("Handrail uses {} % of the space this browser gives it. Download a backup and delete engagements you no longer need.", state.storage_use().percent)}
                    </p>
                    <a class="button button--secondary" href=Route::Data.href()>"Backup and storage"</a>
                </Banner>
            </Show>
            <Show when=move || { damaged() > 0 }>
                <Banner tone=Tone::Warning title="Some stored data could not be read.">
                    <p>
                        {move || match damaged() {
                            1 => "One stored engagement could not be read. It is kept as it is, and nothing will write over it.".to_owned(),
                            n => format!("{n} stored engagements could not be read. They are kept as they are, and nothing will write over them."),
                        }}
                    </p>
                    <a class="button button--secondary" href=Route::Recovery.href()>"Open recovery"</a>
                </Banner>
            </Show>
            {move || reminder.get().map(|days| view! {
                <Banner tone=Tone::Info title="Time for a backup.">
                    <p>{format!("Some changes from the last {days} days exist only in this browser.")}</p>
                    <div class="actions actions--tight">
                        <button type="button" class="button button--primary" on:click=move |_| offer_backup(state)>
                            "Download a backup"
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| state.snooze_backup_reminder()>
                            "Remind me tomorrow"
                        </button>
                    </div>
                </Banner>
            })}
        </div>
    }
}

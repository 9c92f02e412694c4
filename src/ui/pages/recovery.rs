//! Recovery: stored engagements that could not be read. They are kept exactly as they are until
//! the user decides: download the raw text (to keep it, or to get help), reload to get a newer
//! Handrail that can read it, or remove it once it is safe elsewhere.
use leptos::prelude::*;

use super::data::approx_size;
use crate::route::Route;
use crate::state::AppState;
use crate::state::DamagedRecord;
use crate::ui::components::ConfirmDialog;

#[component]
pub fn RecoveryPage() -> impl IntoView {
    let state = AppState::get();
    let damaged = Memo::new(move |_| state.damaged());
    let newer = move || damaged.with(|list| list.iter().any(|r| r.from_newer_version));
    view! {
        <h1 id="page-title" tabindex="-1">"Recover damaged data"</h1>
        <Show
            when=move || damaged.with(|list| !list.is_empty())
            fallback=|| view! {
                <p class="lead">"Nothing to recover: every engagement stored in this browser can be read."</p>
                <p><a href=Route::Engagements.href()>"Back to your engagements"</a></p>
            }
        >
            <p class="lead">
                "Handrail found stored engagements it cannot read. It has not changed them and will not write over them. The rest of your data works as usual."
            </p>
            <Show when=newer>
                <div class="notice notice--warning">
                    <p>
                        "Some of this data was saved by a newer version of Handrail, probably in another tab. Reloading gets that version, which can read it."
                    </p>
                    <button type="button" class="button button--primary" on:click=|_| { let _ = window().location().reload(); }>
                        "Reload Handrail"
                    </button>
                </div>
            </Show>
            <ul class="recovery-list">
                <For
                    each=move || damaged.get()
                    key=|record| (record.key.clone(), record.raw.len())
                    children=move |record| view! { <DamagedCard record/> }
                />
            </ul>
        </Show>
    }
}

#[component]
fn DamagedCard(record: DamagedRecord) -> impl IntoView {
    let state = AppState::get();
    let confirm = RwSignal::new(false);
    let file = format!("{}.json", record.key.replace(':', "-"));
    let label = record.label.clone();
    let dialog_id = format!("discard-{}", record.key.replace(':', "-"));
    let raw = StoredValue::new(record.raw.clone());
    let key = StoredValue::new(record.key.clone());
    let download = move |_| {
        raw.with_value(|raw| state.offer_file(&file, "application/json", raw));
    };
    let discard = Callback::new(move |_| {
        if let Err(error) = key.with_value(|key| state.discard_damaged(key)) {
            state.show_toast(format!("Not removed: {error}"), None);
        }
    });
    view! {
        <li class="card">
            <h2 class="recovery__title">{label}</h2>
            <p>{format!("Cannot be read: {}.", record.reason)}</p>
            <p class="muted">{format!("Stored text: {}.", approx_size(record.raw.chars().count()))}</p>
            <div class="actions">
                <button type="button" class="button button--primary" on:click=download>
                    "Download the stored data"
                </button>
                <button type="button" class="button button--danger" on:click=move |_| confirm.set(true)>
                    "Remove the damaged copy"
                </button>
            </div>
            <ConfirmDialog
                id=dialog_id
                open=confirm
                title="Remove the damaged copy?"
                confirm_label="Remove"
                on_confirm=discard
            >
                <p>"The stored text will be deleted from this browser. Download it first if you may want it later: this cannot be undone."</p>
            </ConfirmDialog>
        </li>
    }
}

//! Restoring a backup: pick or drop a file, see what it holds and what will happen to each
//! engagement, then confirm. Nothing changes before the confirmation, and a refused file
//! changes nothing at all.
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::data::local_time;
use super::long_date;
use crate::state::AppState;
use crate::storage::backup::{self, RestoreAction, RestoreItem, MAX_BACKUP_BYTES};

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Reading(String),
    Refused {
        file: String,
        message: String,
    },
    Preview {
        file: String,
        exported_at: String,
        items: Vec<RestoreItem>,
        changed: bool,
    },
}

#[component]
pub fn RestoreCard() -> impl IntoView {
    let state = AppState::get();
    let phase = RwSignal::new(Phase::Idle);
    let replace = RwSignal::new(false);
    let dragging = RwSignal::new(false);

    let open_file = move |file: web_sys::File| {
        let name = file.name();
        if file.size() > MAX_BACKUP_BYTES as f64 {
            let message = backup::BackupError::TooLarge {
                bytes: file.size() as usize,
            }
            .to_string();
            phase.set(Phase::Refused {
                file: name,
                message,
            });
            return;
        }
        phase.set(Phase::Reading(name.clone()));
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let Some(text) = text else {
                let message = "The browser could not read the file.".to_owned();
                phase.set(Phase::Refused {
                    file: name,
                    message,
                });
                return;
            };
            match backup::parse(text.as_bytes()) {
                Ok(parsed) => {
                    let items = plan_now(state, &parsed);
                    let exported_at = local_time(parsed.exported_at);
                    replace.set(false);
                    phase.set(Phase::Preview {
                        file: name,
                        exported_at,
                        items,
                        changed: false,
                    });
                }
                Err(error) => phase.set(Phase::Refused {
                    file: name,
                    message: error.to_string(),
                }),
            }
        });
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            open_file(file);
        }
        // Picking the same file again must fire `change` again.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            open_file(file);
        }
    };

    let confirm = move |_| {
        let Phase::Preview {
            file,
            exported_at,
            items,
            ..
        } = phase.get_untracked()
        else {
            return;
        };
        // Another tab may have changed things since the preview: never apply a stale plan.
        let latest = plan_items(state, &items);
        if latest != items {
            phase.set(Phase::Preview {
                file,
                exported_at,
                items: latest,
                changed: true,
            });
            return;
        }
        match state.restore(&items, replace.get_untracked()) {
            Ok(()) => phase.set(Phase::Idle),
            Err(error) => phase.set(Phase::Refused {
                file,
                message: format!("{error} Nothing was changed."),
            }),
        }
    };

    view! {
        <section class="card" aria-labelledby="restore-title">
            <h2 id="restore-title">"Restore from a backup"</h2>
            <p class="muted">
                "You will see what the file holds and what will happen before anything changes."
            </p>
            <div
                class="dropzone"
                class:dropzone--active=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label class="field__label" for="restore-file">"Choose a backup file"</label>
                <p class="field__hint" id="restore-file-hint">"A .json file downloaded from Handrail, or drop it here."</p>
                <input
                    id="restore-file"
                    class="file-input"
                    type="file"
                    accept=".json,application/json"
                    aria-describedby="restore-file-hint"
                    on:change=on_pick
                />
            </div>
            {move || match phase.get() {
                Phase::Idle => ().into_any(),
                Phase::Reading(file) => view! { <p role="status">"Reading " {file} "\u{2026}"</p> }.into_any(),
                Phase::Refused { file, message } => view! {
                    <div class="notice notice--danger" role="alert">
                        <p class="notice__title">{format!("\u{201c}{file}\u{201d} was not restored.")}</p>
                        <p>{message}</p>
                        <p>"Nothing in this browser was changed."</p>
                    </div>
                }
                .into_any(),
                Phase::Preview { file, exported_at, items, changed } => view! {
                    <Preview file exported_at items changed replace/>
                    <div class="actions">
                        <button type="button" class="button button--primary" on:click=confirm>
                            "Restore"
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| phase.set(Phase::Idle)>
                            "Cancel"
                        </button>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}

fn plan_now(state: AppState, parsed: &backup::Backup) -> Vec<RestoreItem> {
    let here = state.engagements.get_untracked();
    let damaged = state.unreadable.get_untracked();
    backup::plan(parsed, &here, &damaged)
}

/// Re-plans the same file records against what this browser holds now.
fn plan_items(state: AppState, items: &[RestoreItem]) -> Vec<RestoreItem> {
    let records = items.iter().map(|i| i.record.clone()).collect();
    plan_now(
        state,
        &backup::Backup {
            exported_at: chrono::Utc::now(),
            records,
        },
    )
}

#[component]
fn Preview(
    file: String,
    exported_at: String,
    items: Vec<RestoreItem>,
    changed: bool,
    replace: RwSignal<bool>,
) -> impl IntoView {
    let differing = items
        .iter()
        .filter(|i| matches!(i.action, RestoreAction::Differs { .. }))
        .count();
    let summary = {
        let items = items.clone();
        move || {
            let (added, replaced, kept, blocked) = backup::summarise(&items, replace.get());
            let mut text = format!(
                "Restoring will add {added}, replace {replaced} and keep {kept} engagements"
            );
            if blocked > 0 {
                text.push_str(&format!(", and skip {blocked} whose copy here is damaged"));
            }
            text + "."
        }
    };
    let rows = items
        .into_iter()
        .map(|item| {
            let name = item.record.engagement.name().to_owned();
            let go_live = long_date(item.record.engagement.details.go_live);
            let newer = item.file_is_newer();
            let (here, differs) = match &item.action {
                RestoreAction::Add => ("Not in this browser".to_owned(), false),
                RestoreAction::Same => ("Identical".to_owned(), false),
                RestoreAction::Blocked => ("Damaged copy here".to_owned(), false),
                RestoreAction::Differs { current } => (
                    format!(
                        "Different version, saved {}; the file\u{2019}s is {}",
                        local_time(current.saved_at),
                        if newer { "newer" } else { "older" }
                    ),
                    true,
                ),
            };
            let action = item.action.clone();
            let outcome = move || match &action {
                RestoreAction::Add => "Added",
                RestoreAction::Same => "Nothing to do",
                RestoreAction::Blocked => "Skipped: recover the damaged copy first",
                RestoreAction::Differs { .. } if replace.get() => {
                    "Replaced by the file\u{2019}s version"
                }
                RestoreAction::Differs { .. } => "Kept as it is here",
            };
            view! {
                <tr class:row--attention=differs>
                    <th scope="row">{name}</th>
                    <td data-label="Go-live">{go_live}</td>
                    <td data-label="In this browser">{here}</td>
                    <td data-label="What will happen">{outcome}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="restore-preview" role="region" aria-labelledby="preview-title">
            <h3 id="preview-title">{format!("\u{201c}{file}\u{201d}: backup made {exported_at}")}</h3>
            {changed.then(|| view! {
                <p class="notice notice--warning" role="alert">
                    "The data in this browser changed since you opened the file. Check the plan again."
                </p>
            })}
            <div class="table-scroll">
                <table class="table table--stack">
                    <caption class="visually-hidden">"What restoring will do to each engagement"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Engagement"</th>
                            <th scope="col">"Go-live"</th>
                            <th scope="col">"In this browser"</th>
                            <th scope="col">"What will happen"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(differing > 0).then(|| view! {
                <div class="checkbox">
                    <input type="checkbox" id="restore-replace" prop:checked=move || replace.get()
                        on:change=move |ev| replace.set(event_target_checked(&ev))/>
                    <label for="restore-replace">
                        {format!("Replace the {differing} engagement(s) that differ with the file\u{2019}s version")}
                    </label>
                </div>
            })}
            <p class="restore-summary" role="status">{summary}</p>
        </div>
    }
}

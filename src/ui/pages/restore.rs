//! Restoring a backup: pick or drop a file, see what it holds and what will happen to each
//! engagement, then confirm. Nothing changes before the confirmation, and a refused file
//! changes nothing at all.
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::state::{AlreadyHere, AppState, RestorePreview, MAX_BACKUP_BYTES};
use crate::storage::replace::Replacement;
use crate::ui::components::StackedTable;
use crate::ui::format::{local_time, long_date};

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
        preview: RestorePreview,
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
            let message = AppState::backup_too_large(file.size() as usize);
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
            match state.preview_restore(&text) {
                Ok(preview) => {
                    replace.set(false);
                    phase.set(Phase::Preview {
                        file: name,
                        preview,
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
        let Phase::Preview { file, preview, .. } = phase.get_untracked() else {
            return;
        };
        // Another tab may have changed things since the preview: never apply a stale plan.
        let latest = state.refresh_restore(&preview);
        if latest != preview {
            phase.set(Phase::Preview {
                file,
                preview: latest,
                changed: true,
            });
            return;
        }
        match state.restore(&preview, replace.get_untracked()) {
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
                Phase::Preview { file, preview, changed } => view! {
                    <Preview file preview changed replace/>
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

#[component]
fn Preview(
    file: String,
    preview: RestorePreview,
    changed: bool,
    replace: RwSignal<bool>,
) -> impl IntoView {
    let differing = preview.differing();
    let merging = preview.merging();
    let exported_at = local_time(preview.exported_at);
    let rows = preview.rows();
    let summary = {
        move || {
            let (added, replaced, kept, blocked) = preview.summary(replace.get());
            let merged = if replace.get() { merging } else { 0 };
            let replaced = replaced - merged;
            let mut text = format!(
                "Restoring will add {added}, replace {replaced} and keep {kept} engagements"
            );
            if merged > 0 {
                text.push_str(&format!(", and merge {merged} that sync with a team"));
            }
            if blocked > 0 {
                text.push_str(&format!(", and skip {blocked} whose copy here is damaged"));
            }
            text + "."
        }
    };
    let rows = rows
        .into_iter()
        .map(|row| {
            let name = row.name;
            let go_live = long_date(row.go_live);
            let (here, differs) = match &row.here {
                AlreadyHere::No => ("Not in this browser".to_owned(), false),
                AlreadyHere::Identical => ("Identical".to_owned(), false),
                AlreadyHere::Damaged => ("Damaged copy here".to_owned(), false),
                AlreadyHere::Signed => ("Exit review signed here".to_owned(), false),
                AlreadyHere::Different {
                    saved_at,
                    file_is_newer,
                    ..
                } => (
                    format!(
                        "Different version, saved {}; the file\u{2019}s is {}",
                        local_time(*saved_at),
                        if *file_is_newer { "newer" } else { "older" }
                    ),
                    true,
                ),
            };
            let here_now = row.here.clone();
            let outcome = move || match &here_now {
                AlreadyHere::No => "Added".to_owned(),
                AlreadyHere::Identical => "Nothing to do".to_owned(),
                AlreadyHere::Damaged => "Skipped: recover the damaged copy first".to_owned(),
                AlreadyHere::Signed => "Kept: a signed record never changes".to_owned(),
                AlreadyHere::Different { replacement, .. } if replace.get() => {
                    replaced(replacement)
                }
                AlreadyHere::Different { .. } => "Kept as it is here".to_owned(),
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
            <StackedTable
                caption="What restoring will do to each engagement"
                headers=&["Engagement", "Go-live", "In this browser", "What will happen"]
            >
                {rows}
            </StackedTable>
            {(differing > 0).then(|| view! {
                <div class="checkbox">
                    <input type="checkbox" id="restore-replace" prop:checked=move || replace.get()
                        on:change=move |ev| replace.set(event_target_checked(&ev))/>
                    <label for="restore-replace">
                        {if merging == 0 {
                            format!("Replace the {} that {} with the file\u{2019}s version", crate::domain::words::count(differing, "engagement", "engagements"), if differing == 1 { "differs" } else { "differ" })
                        } else {
                            format!("Replace the {} that {} with the file\u{2019}s version (merge, for the {merging} that sync with a team)", crate::domain::words::count(differing, "engagement", "engagements"), if differing == 1 { "differs" } else { "differ" })
                        }}
                    </label>
                </div>
            })}
            <p class="restore-summary" role="status">{summary}</p>
        </div>
    }
}

/// "Replaced by the file's version", and what that keeps and removes: a replace never
/// silently drops work done here.
fn replaced(replacement: &Replacement) -> String {
    let list = |numbers: &[u32]| {
        numbers
            .iter()
            .map(|n| format!("#{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(merged) = &replacement.merged {
        let mut text = "Merged with the team\u{2019}s copy (this engagement syncs, so nothing here is written over)".to_owned();
        let said = merged.describe("the file");
        if said.is_empty() {
            text.push_str(": nothing changes");
        }
        for sentence in said {
            text.push_str("; ");
            text.push_str(&sentence);
        }
        return text;
    }
    let mut text = "Replaced by the file\u{2019}s version".to_owned();
    if !replacement.kept_revisions.is_empty() {
        text.push_str(&format!(
            "; keeps charter revision {} as approved here",
            list(&replacement.kept_revisions)
        ));
    }
    for (numbers, what) in [
        (&replacement.removed_issues, "issue"),
        (&replacement.removed_workshops, "workshop"),
    ] {
        if !numbers.is_empty() {
            text.push_str(&format!(
                "; removes {what} {} logged only here",
                list(numbers)
            ));
        }
    }
    text
}

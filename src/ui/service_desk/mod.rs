//! "Import from a service desk": a CSV exported from ServiceNow or Jira Service Management,
//! read with the columns' meanings (recognised, editable, saved with the engagement), previewed
//! row by row (new, updated, unchanged, refused), and imported only on "Import". A lazy part:
//! the first load does not carry it.
//!
//! Large files are planned, and imported, in slices between which the browser paints, with a
//! progress bar and Cancel; nothing is written before "Import", and a cancel during the import
//! leaves nothing of it (see `state/service_desk.rs`).
mod mapping;
mod preview;

use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::triage::service_desk::plan::{Known, Planner};
use crate::domain::triage::service_desk::{
    read_export, DeskPlan, Export, Mapping, ServiceDeskSettings,
};
use crate::state::service_desk::{next_task, ImportContext, ImportStep};
use crate::state::zone::BrowserZones;
use crate::state::{AppState, SavedEngagement};
use mapping::MappingEditor;
use preview::PreviewPanel;

/// Files larger than this are refused before reading: 5,000 tickets with long descriptions
/// fit well within it.
const MAX_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;
/// Rows planned between two paints: small enough that no slice keeps the page busy long.
const SLICE_ROWS: usize = 250;

/// Where the import stands.
#[derive(Clone)]
pub(crate) enum Stage {
    /// No file yet, or the last one was imported or cancelled.
    Idle,
    /// The file could not be read at all.
    Refused {
        name: String,
        why: String,
    },
    /// The file is read; its columns' meanings can be checked before the preview.
    Mapping,
    /// Reading the rows; how far is in the progress signal, so the bar (and Cancel, which
    /// may have the focus) stays one element while it moves.
    Planning,
    Preview(Arc<DeskPlan>),
    /// Writing the previewed rows, with the same progress bar.
    Importing,
}

/// What the progress bar says.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Progress {
    pub label: String,
    pub done: usize,
    pub total: usize,
}

impl Progress {
    fn of_reading(done: usize, total: usize) -> Self {
        Self {
            label: format!("Reading row {done} of {total}\u{2026}"),
            done,
            total,
        }
    }

    fn of_import(step: ImportStep) -> Self {
        let (label, done, total) = match step {
            ImportStep::Preparing { done, total } => (
                format!("Preparing row {done} of {total}\u{2026}"),
                done,
                total,
            ),
            ImportStep::Writing { done, total } => (
                format!("Writing issue {done} of {total}\u{2026}"),
                done,
                total,
            ),
            ImportStep::Finishing => ("Showing the imported issues\u{2026}".to_owned(), 1, 1),
            ImportStep::Undoing { left } => (
                format!("Taking out the {left} issues written so far\u{2026}"),
                0,
                left.max(1),
            ),
        };
        Self { label, done, total }
    }
}

/// The file being imported and what it is planned against.
#[derive(Clone)]
pub(crate) struct Loaded {
    pub name: String,
    pub export: Arc<Export>,
    pub context: Arc<ImportContext>,
}

#[component]
pub fn ServiceDeskImport(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(record.with_untracked(|r| r.engagement.id.clone()));
    let stage = RwSignal::new(Stage::Idle);
    let loaded = StoredValue::new(None::<Loaded>);
    let settings = RwSignal::new(ServiceDeskSettings::default());
    let progress = RwSignal::new(Progress::default());
    // Bumped by Cancel and by every new file: a planning loop of an older run stops.
    let run = StoredValue::new(0_u32);

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        run.update_value(|r| *r += 1);
        let name = file.name();
        if file.size() > MAX_FILE_BYTES {
            stage.set(Stage::Refused {
                name,
                why: "The file is larger than 20 MB: export fewer tickets, for example only those updated since the last import.".to_owned(),
            });
            return;
        }
        leptos::task::spawn_local(async move {
            let Some(bytes) = crate::ui::dom::file_bytes(&file).await else {
                stage.set(Stage::Refused {
                    name,
                    why: "The browser could not read the file.".to_owned(),
                });
                return;
            };
            match read_export(&bytes) {
                Err(why) => stage.set(Stage::Refused { name, why }),
                Ok(export) => {
                    // The page may have been left while the file was read.
                    let Some(id) = id.try_get_value() else {
                        return;
                    };
                    let context = state.service_desk_context(&id);
                    settings.set(starting_settings(&export, &context));
                    loaded.set_value(Some(Loaded {
                        name,
                        export: Arc::new(export),
                        context: Arc::new(context),
                    }));
                    stage.set(Stage::Mapping);
                }
            }
        });
    };

    let preview = Callback::new(move |_: ()| {
        let Some(mut file) = loaded.get_value() else {
            return;
        };
        // Planned against the issues as they are now: team sync or another tab may have
        // changed them since the file was picked.
        file.context = Arc::new(state.service_desk_context(&id.get_value()));
        loaded.set_value(Some(file.clone()));
        run.update_value(|r| *r += 1);
        let this_run = run.get_value();
        let settings = settings.get_untracked();
        stage.set(Stage::Planning);
        leptos::task::spawn_local(async move {
            // `try_`: the page may have been left meanwhile, and with it this component.
            let current = move || run.try_get_value() == Some(this_run);
            if let Some(plan) = plan_in_slices(&file, &settings, progress, current).await {
                stage.try_set(Stage::Preview(Arc::new(plan)));
                // The preview replaces the progress bar that had the focus (Cancel): move it
                // to the preview's heading, so a screen reader reads the counts next.
                next_task().await;
                crate::ui::dom::focus_by_id("service-desk-preview-title");
            }
        });
    });
    let cancel = Callback::new(move |_: ()| {
        run.update_value(|r| *r += 1);
        loaded.set_value(None);
        stage.set(Stage::Idle);
    });
    let import = Callback::new(move |_: ()| {
        let (Stage::Preview(plan), Some(file)) = (stage.get_untracked(), loaded.get_value()) else {
            return;
        };
        run.update_value(|r| *r += 1);
        let this_run = run.get_value();
        progress.set(Progress::default());
        stage.set(Stage::Importing);
        let settings = settings.get_untracked();
        let id = id.get_value();
        leptos::task::spawn_local(async move {
            // Cancel (or a new file) stops it; leaving the page does not: the import goes on,
            // and says how it went wherever the user is.
            let stop = move || run.try_get_value().is_some_and(|r| r != this_run);
            let report = move |step| {
                progress.try_set(Progress::of_import(step));
            };
            let known = &file.context.known;
            let outcome = state
                .import_from_service_desk(&id, &plan.rows, known, &settings, report, stop)
                .await;
            let current = run.try_get_value() == Some(this_run);
            match outcome {
                Ok(Some(applied)) => {
                    state.show_toast(imported_message(applied.added, applied.updated), None);
                    if current {
                        finish(stage, loaded);
                    }
                }
                Ok(None) => state.show_toast(
                    "The import was cancelled: no issue was added or changed.".to_owned(),
                    None,
                ),
                Err(error) => {
                    state.show_toast(format!("Nothing was imported: {error}"), None);
                    if current {
                        stage.try_set(Stage::Preview(plan));
                    }
                }
            }
        });
    });

    view! {
        <div class="service-desk">
            <div class="field">
                <label class="field__label" for="service-desk-file">"Export from ServiceNow or Jira Service Management (CSV)"</label>
                <p class="field__hint" id="service-desk-file-hint">"In ServiceNow: a list\u{2019}s menu, Export, CSV. In Jira: Export, CSV (all or current fields). Import the same export every day: tickets already here are updated, not added again."</p>
                <input id="service-desk-file" class="file-input" type="file" accept=".csv,text/csv" aria-describedby="service-desk-file-hint" on:change=on_pick/>
            </div>
            {move || match stage.get() {
                Stage::Idle => ().into_any(),
                Stage::Refused { name, why } => view! {
                    <div class="notice notice--danger" role="alert">
                        <p class="notice__title">{format!("\u{201c}{name}\u{201d} cannot be imported.")}</p>
                        <p>{why}</p>
                        <p>"Nothing was changed."</p>
                    </div>
                }.into_any(),
                Stage::Mapping => match loaded.get_value() {
                    Some(file) => view! { <MappingEditor file settings preview cancel/> }.into_any(),
                    None => ().into_any(),
                },
                Stage::Planning | Stage::Importing => view! { <ProgressNotice progress cancel/> }.into_any(),
                Stage::Preview(plan) => view! {
                    <PreviewPanel plan file=loaded.get_value() settings import cancel
                        back=Callback::new(move |_| stage.set(Stage::Mapping))/>
                }.into_any(),
            }}
        </div>
    }
}

/// The progress bar of reading or importing a file, with Cancel.
#[component]
fn ProgressNotice(progress: RwSignal<Progress>, cancel: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice">
            <label for="service-desk-progress" role="status">{move || progress.get().label}</label>
            <progress id="service-desk-progress" class="progress"
                max=move || progress.get().total value=move || progress.get().done></progress>
            <div class="actions actions--tight">
                <button type="button" class="button button--secondary" on:click=move |_| cancel.run(())>"Cancel"</button>
            </div>
        </div>
    }
}

/// After an import: back to picking a file, with the focus there for the next one (the
/// preview that had it is gone).
fn finish(stage: RwSignal<Stage>, loaded: StoredValue<Option<Loaded>>) {
    loaded.try_set_value(None);
    stage.try_set(Stage::Idle);
    crate::ui::dom::focus_by_id("service-desk-file");
}

/// The settings a new file starts with: the saved ones when they fit its header (tomorrow's
/// export of the same list), else the defaults for the tool it looks like; the zone and the
/// address are kept either way.
fn starting_settings(export: &Export, context: &ImportContext) -> ServiceDeskSettings {
    let saved = context.saved.clone().unwrap_or_default();
    let fits = context.saved.is_some()
        && saved.source == export.source
        && saved.mapping.problems(&export.header).is_empty();
    if fits {
        return saved;
    }
    ServiceDeskSettings {
        source: export.source,
        mapping: Mapping::defaults(export.source, &export.header),
        zone: if saved.zone.is_empty() {
            context.zone.clone()
        } else {
            saved.zone.clone()
        },
        address: saved.address,
        states: saved.states,
        priorities: saved.priorities,
    }
}

/// Plans the file a slice at a time, showing progress between slices; `None` if a newer run
/// or Cancel took over meanwhile.
async fn plan_in_slices(
    file: &Loaded,
    settings: &ServiceDeskSettings,
    progress: RwSignal<Progress>,
    current: impl Fn() -> bool,
) -> Option<DeskPlan> {
    let known: &Known = &file.context.known;
    let total = file.export.records.len();
    let mut planner = Planner::new(&file.export, settings, known, &BrowserZones, Utc::now());
    let mut done = 0;
    while done < total {
        progress.try_set(Progress::of_reading(done, total));
        next_task().await;
        if !current() {
            return None;
        }
        planner.plan_slice(done, done + SLICE_ROWS);
        done += SLICE_ROWS;
    }
    Some(planner.plan)
}

fn imported_message(added: usize, updated: usize) -> String {
    let issues = |n: usize| {
        if n == 1 {
            "1 issue".to_owned()
        } else {
            format!("{n} issues")
        }
    };
    match (added, updated) {
        (0, 0) => "Nothing to import: every ticket is as Handrail has it.".to_owned(),
        (a, 0) => format!("Imported {}, not triaged yet.", issues(a)),
        (0, u) => format!("Updated {} from the service desk.", issues(u)),
        (a, u) => format!(
            "Imported {}, not triaged yet, and updated {}.",
            issues(a),
            issues(u)
        ),
    }
}

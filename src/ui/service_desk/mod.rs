//! "Import from a service desk": a CSV exported from ServiceNow or Jira Service Management,
//! read with the columns' meanings (recognised, editable, saved with the engagement), previewed
//! row by row (new, updated, unchanged, refused), and imported only on "Import". A lazy part:
//! the first load does not carry it.
//!
//! Large files are planned in slices between which the browser paints, with a progress bar
//! and Cancel; nothing is written before "Import", so a cancel leaves nothing half-imported.
mod mapping;
mod preview;

use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::domain::triage::service_desk::plan::{Known, Planner};
use crate::domain::triage::service_desk::{
    read_export, DeskPlan, Export, Mapping, ServiceDeskSettings,
};
use crate::state::service_desk::ImportContext;
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
    let progress = RwSignal::new((0_usize, 0_usize));
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
                    let context = state.service_desk_context(&id.get_value());
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
            let current = move || run.get_value() == this_run;
            if let Some(plan) = plan_in_slices(&file, &settings, progress, current).await {
                stage.set(Stage::Preview(Arc::new(plan)));
                // The preview replaces the progress bar that had the focus (Cancel): move it
                // to the preview's heading, so a screen reader reads the counts next.
                yield_to_browser().await;
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
        let settings = settings.get_untracked();
        match state.import_from_service_desk(
            &id.get_value(),
            &plan.rows,
            &file.context.known,
            &settings,
        ) {
            Ok(applied) => {
                cancel.run(());
                state.show_toast(imported_message(applied.added, applied.updated), None);
                // The preview that had the focus is gone: back to the file, for the next one.
                crate::ui::dom::focus_by_id("service-desk-file");
            }
            Err(error) => state.show_toast(format!("Nothing was imported: {error}"), None),
        }
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
                Stage::Planning => view! {
                    <div class="notice">
                        <label for="service-desk-progress" role="status">{move || {
                            let (done, total) = progress.get();
                            format!("Reading row {done} of {total}\u{2026}")
                        }}</label>
                        <progress id="service-desk-progress" class="progress"
                            max=move || progress.get().1 value=move || progress.get().0></progress>
                        <div class="actions actions--tight">
                            <button type="button" class="button button--secondary" on:click=move |_| cancel.run(())>"Cancel"</button>
                        </div>
                    </div>
                }.into_any(),
                Stage::Preview(plan) => view! {
                    <PreviewPanel plan file=loaded.get_value() settings import cancel
                        back=Callback::new(move |_| stage.set(Stage::Mapping))/>
                }.into_any(),
            }}
        </div>
    }
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
    progress: RwSignal<(usize, usize)>,
    current: impl Fn() -> bool,
) -> Option<DeskPlan> {
    let known: &Known = &file.context.known;
    let total = file.export.records.len();
    let mut planner = Planner::new(&file.export, settings, known, &BrowserZones, Utc::now());
    let mut done = 0;
    while done < total {
        progress.set((done, total));
        yield_to_browser().await;
        if !current() {
            return None;
        }
        planner.plan_slice(done, done + SLICE_ROWS);
        done += SLICE_ROWS;
    }
    Some(planner.plan)
}

/// Lets the browser paint and handle input before the next slice of work.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
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

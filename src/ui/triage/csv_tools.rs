//! CSV export of the queue and import of issue lists, with a preview and row-by-row errors.
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::triage::csv::{self, ImportPlan};
use crate::domain::triage::encoding::Encoding;
use crate::state::zone::BrowserZones;
use crate::state::AppState;
use crate::state::SavedEngagement;

#[component]
pub fn CsvTools(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(record.with_untracked(|r| r.engagement.id.clone()));
    let plan = RwSignal::new(None::<(String, Result<ImportPlan, String>)>);

    let export = move |_| {
        let (text, name) = record.with_untracked(|r| {
            let charter = r.engagement.charter.in_force();
            let zone = charter
                .map(|c| c.calendar.time_zone.clone())
                .unwrap_or_else(crate::state::charter::browser_time_zone);
            let slug = crate::domain::engagement::slug(r.engagement.name());
            (
                csv::export(
                    &r.engagement.issues,
                    charter,
                    &BrowserZones,
                    &zone,
                    Utc::now(),
                ),
                format!("issues-{}-{}.csv", slug, Utc::now().format("%Y-%m-%d")),
            )
        });
        state.offer_file(&name, "text/csv", &text);
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        if file.size() > 5.0 * 1024.0 * 1024.0 {
            plan.set(Some((
                name,
                Err(
                    "The file is larger than 5 MB: that is not an issue list Handrail can take."
                        .to_owned(),
                ),
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let result = match crate::ui::dom::file_bytes(&file).await {
                Some(bytes) => state
                    .plan_issue_import(&id.get_value(), &bytes)
                    .map_err(|e| e.to_string()),
                None => Err("The browser could not read the file.".to_owned()),
            };
            plan.set(Some((name, result)));
        });
    };
    let import = move |_| {
        let Some((_, Ok(p))) = plan.get_untracked() else {
            return;
        };
        match state.import_issues(&id.get_value(), &p.rows) {
            Ok(n) => {
                plan.set(None);
                state.show_toast(
                    format!(
                        "Imported {}, not triaged yet.",
                        crate::domain::words::count(n, "issue", "issues")
                    ),
                    None,
                );
            }
            Err(error) => state.show_toast(format!("Nothing was imported: {error}"), None),
        }
    };

    view! {
        <details class="csv-tools">
            <summary>"Export or import CSV"</summary>
            <div class="actions actions--tight">
                <button type="button" class="button button--secondary" on:click=export>"Download issues as CSV"</button>
            </div>
            <Show when=move || !record.with(|r| r.engagement.is_frozen())>
            <div class="field">
                <label class="field__label" for="csv-import">"Import issues from a CSV file"</label>
                <p class="field__hint" id="csv-import-hint">"Needs a \u{201c}Title\u{201d} column; \u{201c}Description\u{201d}, \u{201c}Reported by\u{201d}, \u{201c}Reported at\u{201d} and \u{201c}Area\u{201d} are used when present. Imported issues arrive untriaged."</p>
                <input id="csv-import" class="file-input" type="file" accept=".csv,text/csv" aria-describedby="csv-import-hint" on:change=on_pick/>
            </div>
            </Show>
            {move || plan.get().map(|(name, result)| match result {
                Err(message) => view! {
                    <div class="notice notice--danger" role="alert">
                        <p class="notice__title">{format!("\u{201c}{name}\u{201d} was not imported.")}</p>
                        <p>{message}</p>
                        <p>"Nothing was changed."</p>
                    </div>
                }.into_any(),
                Ok(p) => {
                    let count = p.rows.len();
                    let list = |heading: String, rows: &[(csv::Place, String)]| {
                        (!rows.is_empty()).then(|| view! {
                            <p>{heading}</p>
                            <ul>{rows.iter().map(|(at, m)| view! { <li>{format!("{at}: {m}")}</li> }).collect_view()}</ul>
                        })
                    };
                    view! {
                        <div class="notice notice--warning" role="status">
                            <p class="notice__title">{format!("\u{201c}{name}\u{201d}: {} will be added, untriaged.", crate::domain::words::count(count, "issue", "issues"))}</p>
                            {(p.encoding != Encoding::Utf8).then(|| view! {
                                <p>{format!("Read as {}: if letters look wrong, save the file as UTF-8.", p.encoding.name())}</p>
                            })}
                            {list(format!("{} will be skipped:", crate::domain::words::count(p.skipped.len(), "row", "rows")), &p.skipped)}
                            {list(format!("{} to check, imported as read:", crate::domain::words::count(p.check.len(), "row", "rows")), &p.check)}
                            <ul class="csv-preview">{p.rows.iter().take(8).map(|r| view! { <li>{r.title.clone()}</li> }).collect_view()}</ul>
                            {(count > 8).then(|| view! { <p>{format!("and {} more", count - 8)}</p> })}
                            <div class="actions actions--tight">
                                {(count > 0).then(|| view! {
                                    <button type="button" class="button button--primary" on:click=import>{format!("Import {}", crate::domain::words::count(count, "issue", "issues"))}</button>
                                })}
                                <button type="button" class="button button--secondary" on:click=move |_| plan.set(None)>"Cancel"</button>
                            </div>
                        </div>
                    }.into_any()
                }
            })}
        </details>
    }
}

/// "Import from a service desk": its code is fetched the first time the fold is opened.
#[component]
pub fn ServiceDeskFold(record: Signal<SavedEngagement>) -> impl IntoView {
    let opened = RwSignal::new(false);
    view! {
        <details class="csv-tools" on:toggle=move |ev| {
            let details: web_sys::Element = event_target(&ev);
            if details.has_attribute("open") {
                opened.set(true);
            }
        }>
            <summary>"Import from a service desk"</summary>
            <Show when=move || opened.get()>
                {crate::ui::lazy::show(crate::ui::parts::service_desk_import(record))}
            </Show>
        </details>
    }
}

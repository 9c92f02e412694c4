//! What the file's columns hold, in which zone its times are, and what its states and
//! priorities mean: recognised from the file, all editable, kept with the engagement.
use leptos::prelude::*;

use super::Loaded;
use crate::domain::triage::encoding::Encoding;
use crate::domain::triage::service_desk::columns::{TicketState, ValueChoice};
use crate::domain::triage::service_desk::{ServiceDeskSettings, Source, Target};
use crate::state::charter::available_time_zones;
use crate::ui::components::{SelectField, TextField};

#[component]
pub(crate) fn MappingEditor(
    file: Loaded,
    settings: RwSignal<ServiceDeskSettings>,
    preview: Callback<()>,
    cancel: Callback<()>,
) -> impl IntoView {
    let export = file.export.clone();
    let rows = export.records.len();
    let problems = Memo::new({
        let header = export.header.clone();
        move |_| settings.with(|s| s.mapping.problems(&header))
    });
    let recognised = match export.source {
        Source::Other => format!("\u{201c}{}\u{201d}: {rows} rows. Handrail does not recognise its columns: choose what each holds.", file.name),
        source => format!("\u{201c}{}\u{201d}: {rows} rows exported from {}.", file.name, source.name()),
    };
    let zones = Signal::stored(
        available_time_zones()
            .into_iter()
            .map(|z| (z.clone(), z.replace('_', " ")))
            .collect::<Vec<_>>(),
    );
    let charter_zone = file.context.zone.clone();
    view! {
        <section class="card service-desk__mapping" aria-labelledby="service-desk-mapping-title">
            <h2 id="service-desk-mapping-title">{recognised}</h2>
            {file.context.unreadable.clone().map(|why| view! {
                <p class="notice notice--warning" role="note">{format!("The column choices saved with this engagement could not be read ({why}); the defaults are shown. They are saved again with this import.")}</p>
            })}
            {(export.encoding != Encoding::Utf8).then(|| view! {
                <p>{format!("Read as {}: if letters look wrong, export the file as UTF-8.", export.encoding.name())}</p>
            })}
            <details class="fold" open=export.source == Source::Other || !problems.get_untracked().is_empty()>
                <summary class="fold__summary">"What the columns hold"</summary>
                <ColumnChoices header=export.header.clone() settings/>
            </details>
            <SelectField id="service-desk-zone" label="Time zone of the file\u{2019}s times"
                hint=format!("The zone the service desk wrote its times in (the exporting user\u{2019}s). The charter\u{2019}s zone is {charter_zone}.")
                options=zones
                value=Signal::derive(move || settings.with(|s| s.zone.clone()))
                on_change=Callback::new(move |zone: String| settings.update(|s| s.zone = zone))/>
            <TextField id="service-desk-address" label="Service desk address" optional=true input_type="url"
                hint="For a link from each issue to its ticket: https://acme.service-now.com, https://acme.atlassian.net, or an address with {key} where the ticket key goes."
                value=Signal::derive(move || settings.with(|s| s.address.clone()))
                on_input=Callback::new(move |address: String| settings.update(|s| s.address = address))/>
            <ValueChoices file=file.clone() settings/>
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <div class="notice notice--warning" role="alert">
                        <p class="notice__title">"Before the preview:"</p>
                        <ul>{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <div class="actions actions--tight">
                <button type="button" class="button button--primary"
                    disabled=move || !problems.with(Vec::is_empty)
                    on:click=move |_| preview.run(())>"Preview the import"</button>
                <button type="button" class="button button--secondary" on:click=move |_| cancel.run(())>"Cancel"</button>
            </div>
        </section>
    }
}

/// One select per thing Handrail reads, listing the file's columns.
#[component]
fn ColumnChoices(header: Vec<String>, settings: RwSignal<ServiceDeskSettings>) -> impl IntoView {
    let mut columns: Vec<String> = Vec::new();
    for name in header.into_iter().filter(|h| !h.is_empty()) {
        if !columns.contains(&name) {
            columns.push(name);
        }
    }
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), "Not imported".to_owned()))
            .chain(columns.into_iter().map(|c| (c.clone(), c)))
            .collect();
    let options = Signal::stored(options);
    Target::ALL
        .into_iter()
        .map(|target| {
            let label = if target.required() {
                format!("{} (needed)", target.name())
            } else {
                target.name().to_owned()
            };
            view! {
                <SelectField id=format!("service-desk-column-{}", target.key()) label options
                    value=Signal::derive(move || settings.with(|s| s.mapping.header(target).unwrap_or_default().to_owned()))
                    on_change=Callback::new(move |header: String| settings.update(|s| s.mapping.set(target, &header)))/>
            }
        })
        .collect_view()
}

/// The distinct values of a mapped column, in the order the file has them.
fn distinct(file: &Loaded, header: Option<&str>) -> Vec<String> {
    let Some(at) = header.and_then(|h| file.export.header.iter().position(|x| x == h)) else {
        return Vec::new();
    };
    let mut values: Vec<String> = Vec::new();
    for record in &file.export.records {
        if let Some(value) = record
            .fields
            .get(at)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
        {
            if !values.iter().any(|v| v == value) && values.len() < 50 {
                values.push(value.to_owned());
            }
        }
    }
    values
}

/// What each state and priority in the file means: guessed from the words, changeable.
#[component]
fn ValueChoices(file: Loaded, settings: RwSignal<ServiceDeskSettings>) -> impl IntoView {
    let severities = file.context.severities.clone();
    let states = Memo::new({
        let file = file.clone();
        move |_| {
            distinct(
                &file,
                settings
                    .with(|s| s.mapping.header(Target::State).map(str::to_owned))
                    .as_deref(),
            )
        }
    });
    let priorities = Memo::new({
        let file = file.clone();
        move |_| {
            distinct(
                &file,
                settings
                    .with(|s| s.mapping.header(Target::Priority).map(str::to_owned))
                    .as_deref(),
            )
        }
    });
    let state_options = Signal::stored(
        TicketState::ALL
            .into_iter()
            .map(|s| (s.key().to_owned(), s.name().to_owned()))
            .collect::<Vec<_>>(),
    );
    let severity_options = Signal::stored(
        std::iter::once((String::new(), "No severity".to_owned()))
            .chain(severities.iter().map(|s| (s.id.clone(), s.name.clone())))
            .collect::<Vec<_>>(),
    );
    let has_severities = !severities.is_empty();
    let severities = StoredValue::new(severities);
    view! {
        <details class="fold">
            <summary class="fold__summary">"What its states and priorities mean"</summary>
            <p class="field__hint">"These reach an issue only once it is triaged in scope: its status follows the ticket\u{2019}s state, and its severity the ticket\u{2019}s priority, at the time the ticket changed. Handrail\u{2019}s own triage is never undone by a file."</p>
            {move || states.get().into_iter().enumerate().map(|(i, value)| {
                let key = value.clone();
                view! {
                    <SelectField id=format!("service-desk-state-{i}") label=format!("State \u{201c}{value}\u{201d}") options=state_options
                        value=Signal::derive(move || settings.with(|s| s.state_means(&key).key().to_owned()))
                        on_change=Callback::new(move |choice: String| {
                            let Some(means) = TicketState::from_key(&choice) else { return };
                            settings.update(|s| {
                                s.states.retain(|c| c.value != value);
                                s.states.push(ValueChoice { value: value.clone(), means });
                            });
                        })/>
                }
            }).collect_view()}
            {move || has_severities.then(|| priorities.get().into_iter().enumerate().map(|(i, value)| {
                let key = value.clone();
                view! {
                    <SelectField id=format!("service-desk-priority-{i}") label=format!("Priority \u{201c}{value}\u{201d}") options=severity_options
                        value=Signal::derive(move || settings.with(|s| severities.with_value(|list| s.severity_for(&key, list))))
                        on_change=Callback::new(move |means: String| settings.update(|s| {
                            s.priorities.retain(|c| c.value != value);
                            s.priorities.push(ValueChoice { value: value.clone(), means });
                        }))/>
                }
            }).collect_view())}
        </details>
    }
}

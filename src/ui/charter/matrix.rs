//! The severity matrix in the charter: for each impact and urgency, the level triage suggests.
//! It starts graded the common ITSM way over the charter's levels; each cell can be set to
//! another level, and "Use the standard grading" puts every cell back.
use leptos::prelude::*;

use super::editor::DraftEditor;
use crate::domain::triage::classify::{matrix_field, set_matrix_cell, suggest_severity, Level};

#[component]
pub fn MatrixEditor(editor: DraftEditor) -> impl IntoView {
    let draft = editor.draft;
    let adjusted = move || draft.with(|d| !d.charter.severity_matrix.is_empty());
    let reset = move |_| editor.edit(|c| c.severity_matrix.clear());
    view! {
        <fieldset class="fieldset severity-matrix">
            <legend class="field__label">"Severity matrix"</legend>
            <p class="field__hint">"Triage suggests a severity from the issue\u{2019}s impact (rows) and urgency (columns). The standard grading follows the common ITSM matrix over your levels; change a cell where your business grades differently."</p>
            // On a phone the grid scrolls sideways rather than cut the level names short.
            <div class="table-scroll">
            <table>
                <caption class="visually-hidden">"Severity by impact (rows) and urgency (columns)"</caption>
                <thead><tr><th scope="col">"Impact \u{2193} urgency \u{2192}"</th>
                    {Level::ALL.iter().map(|u| view! { <th scope="col">{u.name()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {Level::ALL.iter().map(|&impact| view! {
                        <tr>
                            <th scope="row">{impact.name()}</th>
                            {Level::ALL.iter().map(|&urgency| view! { <td><Cell editor impact urgency/></td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <Show when=adjusted>
                <button type="button" class="button button--secondary" on:click=reset>"Use the standard grading"</button>
            </Show>
        </fieldset>
    }
}

/// One cell: a choice of the charter's levels, labelled by its row and column.
#[component]
fn Cell(editor: DraftEditor, impact: Level, urgency: Level) -> impl IntoView {
    let draft = editor.draft;
    let field = matrix_field(impact, urgency);
    let label = format!(
        "{} impact, {} urgency",
        impact.name(),
        urgency.name().to_lowercase()
    );
    let chosen = move || {
        draft.with(|d| {
            suggest_severity(&d.charter, impact, urgency, false)
                .unwrap_or_default()
                .to_owned()
        })
    };
    let options = move || {
        draft.with(|d| {
            d.charter
                .severities
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let error = editor.error(field.clone());
    view! {
        <select id=field.clone() class="field__input" aria-label=label
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            on:change=move |ev| {
                let id = event_target_value(&ev);
                editor.edit(|c| set_matrix_cell(c, impact, urgency, &id));
            }>
            {move || options().into_iter().map(|(id, name)| {
                let selected = id == chosen();
                view! { <option value=id selected=selected>{name}</option> }
            }).collect_view()}
        </select>
        {move || error.get().map(|m| view! { <p class="field__error">{m}</p> })}
    }
}

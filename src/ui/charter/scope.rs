//! Step 2: what hypercare handles (stabilisation) and what it does not (scope completion).
use leptos::prelude::*;

use super::editor::DraftEditor;
use crate::domain::charter::scope::new_category_id;
use crate::domain::charter::ScopeCategory;
use crate::ui::components::{TextArea, TextField};
use crate::ui::dom::focus_by_id;

#[component]
pub fn ScopeStep(editor: DraftEditor) -> impl IntoView {
    view! {
        <p class="step-intro">
            "Hypercare is for stabilisation, not for completing scope. Agree here what it handles, and what goes to the enhancement process instead."
        </p>
        <CategoryGroup editor in_scope=true/>
        <CategoryGroup editor in_scope=false/>
    }
}

#[component]
fn CategoryGroup(editor: DraftEditor, in_scope: bool) -> impl IntoView {
    let draft = editor.draft;
    let ids = move || {
        draft.with(|d| {
            d.charter
                .categories
                .iter()
                .filter(|c| c.in_scope == in_scope)
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let (title, intro, add_id, add_label) = if in_scope {
        (
            "In scope: hypercare handles",
            "Defects and questions about what was built and agreed.",
            "scope-add-in",
            "Add an in-scope category",
        )
    } else {
        ("Out of scope: logged and routed, never dropped", "Requests for things that were never specified. They are recorded and routed to the right process, not worked on in hypercare.", "scope-add-out", "Add an out-of-scope category")
    };
    let add = move |_| {
        let id = draft.with_untracked(|d| new_category_id(&d.charter.categories));
        let new_id = id.clone();
        editor.edit(|c| {
            c.categories.push(ScopeCategory {
                id,
                name: String::new(),
                description: String::new(),
                examples: String::new(),
                in_scope,
                destination: None,
            })
        });
        request_animation_frame(move || focus_by_id(&format!("category-{new_id}-name")));
    };
    view! {
        <section class="scope-group" class:scope-group--out=!in_scope aria-labelledby=format!("{add_id}-title")>
            <h3 id=format!("{add_id}-title") class="subhead">{title}</h3>
            <p class="field__hint">{intro}</p>
            {move || editor.error(add_id).get().map(|m| view! { <p class="field__error">{m}</p> })}
            <For each=ids key=|id| id.clone() children=move |id| view! { <CategoryEditor editor id/> }/>
            <button type="button" class="button button--secondary" id=add_id on:click=add>{add_label}</button>
        </section>
    }
}

#[component]
fn CategoryEditor(editor: DraftEditor, id: String) -> impl IntoView {
    let draft = editor.draft;
    let read = |f| editor.item_text(|c| &c.categories, &id, f);
    let write = |f| editor.item_edit(|c| &mut c.categories, &id, f);
    let in_scope = {
        let id = id.clone();
        move || {
            draft.with(|d| {
                d.charter
                    .categories
                    .iter()
                    .find(|c| c.id == id)
                    .is_some_and(|c| c.in_scope)
            })
        }
    };
    let legend = read(|c| {
        if c.name.trim().is_empty() {
            "New category".to_owned()
        } else {
            c.name.clone()
        }
    });
    let toggle = {
        let id = id.clone();
        move |_| {
            editor.edit(|c| {
                if let Some(category) = c.categories.iter_mut().find(|c| c.id == id) {
                    category.in_scope = !category.in_scope;
                }
            });
        }
    };
    let remove = {
        let id = id.clone();
        move |_| editor.edit(|c| c.categories.retain(|c| c.id != id))
    };
    view! {
        <fieldset class="item-card">
            <legend class="item-card__legend">{legend}</legend>
            <TextField
                id=format!("category-{id}-name")
                label="Name"
                value=read(|c| c.name.clone())
                on_input=write(|c, v| c.name = v)
                error=editor.error(format!("category-{id}-name"))
            />
            <TextField
                id=format!("category-{id}-description")
                label="What it means, in one line"
                value=read(|c| c.description.clone())
                on_input=write(|c, v| c.description = v)
                error=editor.error(format!("category-{id}-description"))
            />
            <TextArea
                id=format!("category-{id}-examples")
                label="Examples"
                hint="One per line"
                optional=true
                rows=2
                value=read(|c| c.examples.clone())
                on_input=write(|c, v| c.examples = v)
            />
            <div class="actions actions--tight">
                <button type="button" class="button button--secondary" on:click=toggle>
                    {move || if in_scope() { "Move out of scope" } else { "Move into scope" }}
                </button>
                <button type="button" class="button button--secondary" on:click=remove>
                    "Remove"
                </button>
            </div>
        </fieldset>
    }
}

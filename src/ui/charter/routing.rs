//! Step 5: where each kind of out-of-scope request goes, and who receives it there.
use leptos::prelude::*;

use super::editor::DraftEditor;
use super::sample_note::SampleNote;
use crate::domain::charter::{DestinationContact, RoutingDestination};
use crate::ui::components::{SelectField, TextField};

#[component]
pub fn RoutingStep(editor: DraftEditor) -> impl IntoView {
    let draft = editor.draft;
    let out_ids = move || {
        draft.with(|d| {
            d.charter
                .out_of_scope()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let in_use = Memo::new(move |_| draft.with(|d| d.charter.destinations_in_use()));
    let options = Signal::stored(
        std::iter::once((String::new(), "Choose a destination".to_owned()))
            .chain(RoutingDestination::ALL.iter().map(|d| {
                (
                    d.key().to_owned(),
                    format!("{} ({})", d.name(), d.decides()),
                )
            }))
            .collect::<Vec<_>>(),
    );
    view! {
        <p class="step-intro">"Out-of-scope requests are logged and routed, never dropped. Choose where each kind goes, and name who receives them."</p>
        <h3 class="subhead">"Where requests go"</h3>
        <For
            each=out_ids
            key=|id| id.clone()
            children=move |id| {
                let read_id = id.clone();
                let write_id = id.clone();
                let name_id = id.clone();
                view! {
                    <SelectField
                        id=format!("route-{id}")
                        label=Signal::derive(move || draft.with(|d| d.charter.categories.iter().find(|c| c.id == name_id).map(|c| c.name.clone()).unwrap_or_default())).get_untracked()
                        options
                        value=Signal::derive(move || draft.with(|d| d.charter.categories.iter().find(|c| c.id == read_id).and_then(|c| c.destination).map(|d| d.key().to_owned()).unwrap_or_default()))
                        on_change=Callback::new(move |key: String| {
                            let id = write_id.clone();
                            editor.edit(|c| if let Some(category) = c.categories.iter_mut().find(|c| c.id == id) {
                                category.destination = RoutingDestination::from_key(&key);
                            })
                        })
                        error=editor.error(format!("route-{id}"))
                    />
                }
            }
        />
        <h3 class="subhead">"Who receives them"</h3>
        <Show when=move || !in_use.with(Vec::is_empty) fallback=|| view! { <p class="field__hint">"Choose destinations above first."</p> }>
            <For
                each=move || in_use.get()
                key=|d| *d
                children=move |destination| view! { <ContactEditor editor destination/> }
            />
        </Show>
    }
}

#[component]
fn ContactEditor(editor: DraftEditor, destination: RoutingDestination) -> impl IntoView {
    let draft = editor.draft;
    let key = destination.key();
    let read = move |f: fn(&DestinationContact) -> String| {
        Signal::derive(move || {
            draft.with(|d| {
                d.charter
                    .contact_for(destination)
                    .map(f)
                    .unwrap_or_default()
            })
        })
    };
    let write = move |f: fn(&mut DestinationContact, String)| {
        Callback::new(move |value: String| {
            editor.edit(|c| {
                if !c.destinations.iter().any(|d| d.destination == destination) {
                    c.destinations.push(DestinationContact {
                        id: String::new(),
                        destination,
                        contact: String::new(),
                        how_to_reach: String::new(),
                    });
                }
                if let Some(contact) = c
                    .destinations
                    .iter_mut()
                    .find(|d| d.destination == destination)
                {
                    f(contact, value)
                }
            })
        })
    };
    view! {
        <fieldset class="item-card">
            <legend class="item-card__legend">{destination.name()}</legend>
            <p class="field__hint">{format!("Decides {}.", destination.decides())}</p>
            <SampleNote editor fields=format!("destination-{key}-")/>
            <div class="field-row">
                <TextField id=format!("destination-{key}-contact") label="Named contact"
                    value=read(|d| d.contact.clone()) on_input=write(|d, v| d.contact = v)
                    error=editor.error(format!("destination-{key}-contact"))/>
                <TextField id=format!("destination-{key}-reach") label="How to reach them" optional=true
                    value=read(|d| d.how_to_reach.clone()) on_input=write(|d, v| d.how_to_reach = v)/>
            </div>
        </fieldset>
    }
}

//! "Sample text" beside the sample charter's invented people, contacts and days, for as long
//! as they stand.
use leptos::prelude::*;

use super::editor::DraftEditor;
use crate::domain::charter::sample::invented;

/// The note for the inputs whose ids start with `fields` (one card: a level, a destination, a
/// holiday), shown while any of them still holds invented text.
#[component]
pub fn SampleNote(editor: DraftEditor, #[prop(into)] fields: String) -> impl IntoView {
    let shown = Memo::new(move |_| {
        editor.draft.with(|d| {
            invented(&d.charter)
                .iter()
                .any(|i| i.field.starts_with(&fields))
        })
    });
    move || {
        shown.get().then(|| view! {
            <p class="field__hint"><span class="badge badge--neutral">"Sample"</span>" Invented for the sample charter: replace it with your own."</p>
        })
    }
}

//! A labelled `<select>` and a labelled `<textarea>`, with the same hint and error layout as
//! [`super::TextField`].
use leptos::prelude::*;

/// The `aria-describedby` of a field: its hint, and its error while there is one.
pub(super) fn described_by(
    id: &str,
    hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> {
    let hint_id = hint.then(|| format!("{id}-hint"));
    let error_id = format!("{id}-error");
    move || {
        let ids: Vec<String> = hint_id
            .iter()
            .cloned()
            .chain(error.get().map(|_| error_id.clone()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[component]
fn FieldMessages(id: String, hint: Option<String>, error: Signal<Option<String>>) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
        {move || error.get().map(|message| view! {
            <p class="field__error" id=error_id.clone()>
                <span class="visually-hidden">"Error: "</span>
                {message}
            </p>
        })}
    }
}

#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    /// (value, label) pairs; an empty value is the "choose" placeholder.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into, default = Signal::stored(None))] error: Signal<Option<String>>,
) -> impl IntoView {
    let described = described_by(&id, hint.is_some(), error);
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id.clone()>{label}</label>
            <FieldMessages id=id.clone() hint error/>
            <select
                class="field__input field__select"
                id=id
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] optional: bool,
    #[prop(default = 3)] rows: u32,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into, default = Signal::stored(None))] error: Signal<Option<String>>,
) -> impl IntoView {
    let described = described_by(&id, hint.is_some(), error);
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id.clone()>
                {label}
                {optional.then(|| view! { <span class="field__optional">" (optional)"</span> })}
            </label>
            <FieldMessages id=id.clone() hint error/>
            <textarea
                class="field__input field__textarea"
                id=id
                rows=rows
                required=!optional
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

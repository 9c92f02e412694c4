//! The labelled form fields: a text input, a `<select>` and a `<textarea>`, each with an
//! optional hint and an error message beside it (GOV.UK pattern). The label is always visible;
//! the hint and the error are tied to the control for screen readers, under ids derived from
//! the control's id by [`hint_id`] and [`error_id`].
use leptos::prelude::*;

/// The id of a field's hint.
pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// The id of a field's error message.
pub fn error_id(id: &str) -> String {
    format!("{id}-error")
}

/// The `aria-describedby` of a field: its hint, and its error while there is one.
fn described_by(
    id: &str,
    hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> {
    let hint_id = hint.then(|| hint_id(id));
    let error_id = error_id(id);
    move || {
        let ids: Vec<String> = hint_id
            .iter()
            .cloned()
            .chain(error.get().map(|_| error_id.clone()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The label, with "(optional)" when the field may stay empty.
#[component]
fn FieldLabel(id: String, label: String, optional: bool) -> impl IntoView {
    view! {
        <label class="field__label" for=id>
            {label}
            {optional.then(|| view! { <span class="field__optional">" (optional)"</span> })}
        </label>
    }
}

/// The hint, and the error while there is one, between the label and the control.
#[component]
fn FieldMessages(id: String, hint: Option<String>, error: Signal<Option<String>>) -> impl IntoView {
    let error_id = error_id(&id);
    view! {
        {hint.map(|hint| view! { <p class="field__hint" id=hint_id(&id)>{hint}</p> })}
        {move || error.get().map(|message| view! {
            <p class="field__error" id=error_id.clone()>
                <span class="visually-hidden">"Error: "</span>
                {message}
            </p>
        })}
    }
}

#[component]
pub fn TextField(
    /// The input's id; the hint and error ids derive from it.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    /// `text`, `date`, …
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Not required: the label says "(optional)".
    #[prop(optional)]
    optional: bool,
    /// For numbers: `numeric` brings up the digit keyboard on phones.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    #[prop(optional)] min: Option<&'static str>,
    #[prop(optional)] max: Option<&'static str>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into, default = Signal::stored(None))] error: Signal<Option<String>>,
) -> impl IntoView {
    let described = described_by(&id, hint.is_some(), error);
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <FieldLabel id=id.clone() label optional/>
            <FieldMessages id=id.clone() hint error/>
            <input
                class="field__input"
                id=id.clone()
                name=id
                type=input_type
                autocomplete=autocomplete
                required=!optional
                inputmode=inputmode
                min=min
                max=max
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        </div>
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
            <FieldLabel id=id.clone() label optional=false/>
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
            <FieldLabel id=id.clone() label optional/>
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

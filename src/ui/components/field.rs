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

/// The `on_input` (or `on_change`) of a field whose value lives in `signal`: what is typed is
/// kept there. One function rather than a closure per field, so the wasm holds one copy.
pub fn writes_to(signal: RwSignal<String>) -> Callback<String> {
    Callback::new(move |value| signal.set(value))
}

/// What a control says to screen readers: `aria-invalid` while there is an error, and
/// `aria-describedby` naming its hint and, while there is one, its error.
#[derive(Clone)]
struct Described {
    hint_id: Option<String>,
    error_id: String,
    error: Signal<Option<String>>,
}

impl Described {
    fn new(id: &str, hint: bool, error: Signal<Option<String>>) -> Self {
        Self {
            hint_id: hint.then(|| hint_id(id)),
            error_id: error_id(id),
            error,
        }
    }

    fn invalid(&self) -> impl Fn() -> Option<&'static str> + Copy {
        let error = self.error;
        move || error.get().is_some().then_some("true")
    }

    fn by(self) -> impl Fn() -> Option<String> {
        move || {
            let ids: Vec<String> = self
                .hint_id
                .iter()
                .cloned()
                .chain(self.error.get().map(|_| self.error_id.clone()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

/// The frame all three fields share: the label (with "(optional)" when the field may stay
/// empty), the hint and the error while there is one, then the control itself.
#[component]
fn Field(
    id: String,
    label: String,
    optional: bool,
    hint: Option<String>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let error_id = error_id(&id);
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id.clone()>
                {label}
                {optional.then(|| view! { <span class="field__optional">" (optional)"</span> })}
            </label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id(&id)>{hint}</p> })}
            {move || error.get().map(|message| view! {
                <p class="field__error" id=error_id.clone()>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
            })}
            {children()}
        </div>
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
    let described = Described::new(&id, hint.is_some(), error);
    view! {
        <Field id=id.clone() label optional hint error>
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
                aria-invalid=described.invalid()
                aria-describedby=described.by()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        </Field>
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
    let described = Described::new(&id, hint.is_some(), error);
    view! {
        <Field id=id.clone() label optional=false hint error>
            <select
                class="field__input field__select"
                id=id
                aria-invalid=described.invalid()
                aria-describedby=described.by()
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
        </Field>
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
    let described = Described::new(&id, hint.is_some(), error);
    view! {
        <Field id=id.clone() label optional hint error>
            <textarea
                class="field__input field__textarea"
                id=id
                rows=rows
                required=!optional
                aria-invalid=described.invalid()
                aria-describedby=described.by()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
        </Field>
    }
}

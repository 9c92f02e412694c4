//! A labelled input with an optional hint and an error message beside it (GOV.UK pattern): the
//! label is always visible, the hint and error are tied to the input for screen readers.
use leptos::prelude::*;

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
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = super::choice::described_by(&id, hint.is_some(), error);
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id.clone()>
                {label}
                {optional.then(|| view! { <span class="field__optional">" (optional)"</span> })}
            </label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field__error" id=error_id.clone()>
                                <span class="visually-hidden">"Error: "</span>
                                {message}
                            </p>
                        }
                    })
            }}
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
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        </div>
    }
}

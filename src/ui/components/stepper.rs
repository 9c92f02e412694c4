//! The wizard frame every wizard shares: a progress indicator with named steps (completed steps
//! can be jumped to), the current step's content, and Back / Next.
use leptos::prelude::*;

#[component]
pub fn Stepper(
    /// Accessible name of the whole wizard, e.g. "Charter".
    #[prop(into)]
    label: String,
    #[prop(into)] steps: Vec<String>,
    #[prop(into)] current: Signal<usize>,
    /// The furthest step reached: every step up to it can be opened directly. Without it,
    /// every step can.
    #[prop(optional, into)]
    furthest: Option<Signal<usize>>,
    /// Steps with open problems, marked in the progress indicator.
    #[prop(optional, into)]
    flagged: Option<Signal<Vec<usize>>>,
    /// Steps that are done. Without it, the steps before `furthest` are (the wizard checked
    /// each before moving on), or, without that either, none is said to be.
    #[prop(optional, into)]
    done: Option<Signal<Vec<usize>>>,
    on_select: Callback<usize>,
    /// Without it, Back selects the step before the current one.
    #[prop(optional)]
    on_back: Option<Callback<()>>,
    /// Without it, Next selects the step after the current one. There is no Next on the last
    /// step: it has its own final action.
    #[prop(optional)]
    on_next: Option<Callback<()>>,
    /// Inside a `<form>`: Next is its submit button, so Enter in a field continues (the form's
    /// own submit handler must prevent the default).
    #[prop(optional)]
    enter_continues: bool,
    children: Children,
) -> impl IntoView {
    let count = steps.len();
    let items = steps
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            // A step is said to be done only when it is: one the wizard says is done, or, in a
            // wizard that checks each step before moving on, one before the furthest reached.
            // Other steps that can be opened claim nothing.
            let is_done = move || match done {
                Some(done) => done.with(|d| d.contains(&index)),
                None => furthest.is_some_and(|furthest| index < furthest.get()),
            };
            let state = move || {
                let current = current.get();
                if index == current {
                    "current"
                } else if is_done() {
                    "done"
                } else if furthest.is_none_or(|furthest| index <= furthest.get()) {
                    "reachable"
                } else {
                    "upcoming"
                }
            };
            let flagged = move || flagged.is_some_and(|f| f.with(|f| f.contains(&index)));
            let status_text = move || match (state(), flagged()) {
                ("current", _) => " (current step)",
                (_, true) => " (has problems)",
                ("done", false) => " (done)",
                ("reachable", false) => "",
                _ => " (not reached yet)",
            };
            let name_for_button = name.clone();
            view! {
                <li class="stepper__item" data-state=state class:stepper__item--flagged=flagged>
                    <button
                        type="button"
                        class="stepper__button"
                        disabled=move || state() == "upcoming"
                        aria-current=move || (state() == "current").then_some("step")
                        on:click=move |_| on_select.run(index)
                    >
                        <span class="stepper__number" aria-hidden="true">{index + 1}</span>
                        <span class="stepper__name">{name_for_button}</span>
                        <span class="visually-hidden">{status_text}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let on_back = on_back.unwrap_or_else(|| {
        Callback::new(move |_| on_select.run(current.get_untracked().saturating_sub(1)))
    });
    let on_next = on_next
        .unwrap_or_else(|| Callback::new(move |_| on_select.run(current.get_untracked() + 1)));
    let is_first = move || current.get() == 0;
    let is_last = move || current.get() + 1 >= count;
    view! {
        <nav class="stepper" aria-label=format!("{label} steps")>
            <p class="stepper__progress">{move || format!("Step {} of {count}", current.get() + 1)}</p>
            <ol class="stepper__list">{items}</ol>
        </nav>
        <div class="stepper__content">{children()}</div>
        <div class="actions stepper__actions">
            <button type="button" class="button button--secondary" disabled=is_first on:click=move |_| on_back.run(())>
                "Back"
            </button>
            <Show when=move || !is_last()>
                <button type=if enter_continues { "submit" } else { "button" } class="button button--primary" on:click=move |_| on_next.run(())>
                    "Save and continue"
                </button>
            </Show>
        </div>
    }
}

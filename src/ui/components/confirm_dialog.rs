//! A confirmation on the native `<dialog>`: `showModal()` gives focus trapping, Escape to
//! cancel and an inert page behind it for free, in every current browser.
use leptos::{html, prelude::*};

#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] confirm_label: String,
    on_confirm: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !open.get() && dialog.open() {
            dialog.close();
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-labelledby="dialog-title"
            on:close=move |_| open.set(false)
        >
            <h2 id="dialog-title" class="dialog__title">{move || title.get()}</h2>
            <div class="dialog__body">{children()}</div>
            <div class="actions">
                <button
                    type="button"
                    class="button button--danger"
                    on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }
                >
                    {confirm_label}
                </button>
                // Cancel comes second but gets focus first: the safe choice is the default.
                <button type="button" class="button button--secondary" autofocus=true on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
            </div>
        </dialog>
    }
}

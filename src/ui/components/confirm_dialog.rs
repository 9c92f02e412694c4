//! A confirmation on the native `<dialog>`: `showModal()` gives focus trapping, Escape to
//! cancel and an inert page behind it for free, in every current browser.
use leptos::{html, prelude::*};

#[component]
pub fn ConfirmDialog(
    /// Unique on the page; the title's id derives from it.
    #[prop(into)]
    id: String,
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
    let title_id = format!("{id}-title");
    view! {
        <dialog
            node_ref=dialog
            id=id
            class="dialog"
            aria-labelledby=title_id.clone()
            on:close=move |_| open.set(false)
        >
            <h2 id=title_id.clone() class="dialog__title">{move || title.get()}</h2>
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

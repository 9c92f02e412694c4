//! The data table that stacks into one card per row on a narrow screen (`table--stack`, in
//! `style/`): each cell then shows its column's name from its `data-label`, so the rows passed
//! in give every `<td>` one.
use leptos::prelude::*;

#[component]
pub fn StackedTable(
    /// What the table shows, for screen readers only.
    #[prop(optional)]
    caption: Option<&'static str>,
    /// The column headings, the first over the rows' `<th scope="row">`.
    headers: &'static [&'static str],
    /// The `<tr>`s.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="table table--stack">
                {caption.map(|caption| view! { <caption class="visually-hidden">{caption}</caption> })}
                <thead>
                    <tr>{headers.iter().map(|&header| view! { <th scope="col">{header}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

//! "Save to this browser": a preview of what the link adds, replaces and keeps here, then a
//! confirmation; nothing is written before it, and the toast offers to undo it.
use leptos::prelude::*;

use crate::domain::share::Snapshot;
use crate::route::{Route, Section};
use crate::state::share::SnapshotSave;
use crate::state::AppState;
use crate::ui::dom::focus_by_id;

fn list(title: &'static str, items: &[String]) -> Option<impl IntoView> {
    (!items.is_empty()).then(|| {
        view! {
            <h3>{title}</h3>
            <ul>{items.iter().map(|i| view! { <li>{i.clone()}</li> }).collect_view()}</ul>
        }
    })
}

#[component]
pub fn SaveSnapshot(snapshot: Snapshot) -> impl IntoView {
    let state = AppState::get();
    let snapshot = StoredValue::new(snapshot);
    let preview = RwSignal::new(None::<SnapshotSave>);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let ask = move |_| {
        error.set(None);
        match snapshot.with_value(|s| state.preview_snapshot(s)) {
            Ok(p) => {
                preview.set(Some(p));
                request_animation_frame(|| focus_by_id("save-preview-title"));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let confirm = move |_| {
        let Some(p) = preview.get_untracked() else {
            return;
        };
        match state.save_snapshot(&p) {
            Ok(()) => {
                preview.set(None);
                saved.set(true);
            }
            Err(e) => {
                preview.set(None);
                error.set(Some(format!("Nothing was saved: {e}")));
            }
        }
    };
    let engagement_href = snapshot
        .with_value(|s| Route::Engagement(s.engagement.id.clone(), Section::Overview).href());
    view! {
        <div class="no-print">
            {move || error.get().map(|e| view! { <p class="notice notice--warning" role="alert" id="save-error">{e}</p> })}
            {move || saved.get().then(|| view! {
                <p class="notice" role="status">
                    "Saved in this browser. "
                    <a href=engagement_href.clone()>"Open the engagement"</a>
                </p>
            })}
            {move || match preview.get() {
                None if !saved.get() => view! {
                    <button type="button" class="button button--primary" on:click=ask>"Save to this browser"</button>
                }.into_any(),
                None => ().into_any(),
                Some(p) => view! {
                    <section class="card card--inset" aria-labelledby="save-preview-title">
                        <h2 id="save-preview-title" tabindex="-1">
                            {if p.new_engagement() { format!("Add \u{201c}{}\u{201d} to this browser?", p.name()) } else { format!("Update \u{201c}{}\u{201d} in this browser?", p.name()) }}
                        </h2>
                        {p.renamed().map(|why| view! { <p class="notice" id="save-renamed">{why.to_owned()}</p> })}
                        {match p.merged() {
                            Some(merged) => view! {
                                <p id="save-merged">"This engagement syncs with a team, so the link is merged in, not written over: a value on one side only is taken, and where both differ the later save\u{2019}s stands and the other is kept in a merge notice."</p>
                                {list("The merge", merged)}
                                <p>"A merge is not undone as a whole: its notices put any replaced value back."</p>
                            }.into_any(),
                            None => view! {
                                {list("Will be added", p.added())}
                                {list("Will be replaced", p.replaced())}
                                {list("Will be kept", p.kept())}
                                <p>"You can undo this from the message that follows."</p>
                            }.into_any(),
                        }}
                        <div class="actions">
                            <button type="button" class="button button--primary" on:click=confirm>"Save"</button>
                            <button type="button" class="button button--secondary" on:click=move |_| preview.set(None)>"Cancel"</button>
                        </div>
                    </section>
                }.into_any(),
            }}
        </div>
    }
}

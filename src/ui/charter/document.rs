//! The charter page: the document people sign, print and share, its exports, its revision
//! history, and starting a revision.
use leptos::prelude::*;

use crate::domain::workshop::AgendaKind;
use crate::ui::workshop::PresentLink;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::sections::{CharterSections, SignatureBlock};
use super::wizard::StartCharter;
use crate::domain::charter::{markdown, ApprovedRevision, CharterStatus};
use crate::domain::share::ShareWhat;
use crate::route::{Route, Section};
use crate::state::AppState;
use crate::state::SavedEngagement;
use crate::ui::components::{writes_to, TextArea};
use crate::ui::format::long_date;
use crate::ui::share::ShareButton;

/// The Markdown of what the page shows: the revision in force, or the draft.
fn markdown_for(record: &SavedEngagement, revision: Option<&ApprovedRevision>) -> (String, String) {
    let engagement = &record.engagement;
    let slug = crate::domain::engagement::slug(engagement.name());
    match revision {
        Some(r) => (
            format!("charter-{slug}-revision-{}.md", r.number),
            markdown::render(
                engagement.name(),
                &r.charter,
                &format!("Approved, revision {}", r.number),
                Some(&r.approval),
                r.reason.as_deref(),
            ),
        ),
        None => {
            let draft = engagement.charter.draft.as_ref();
            let text = draft.map(|d| {
                markdown::render(
                    engagement.name(),
                    &d.charter,
                    "Draft, not approved",
                    None,
                    d.reason.as_deref(),
                )
            });
            (format!("charter-{slug}-draft.md"), text.unwrap_or_default())
        }
    }
}

fn copy_to_clipboard(text: String) {
    let state = AppState::get();
    leptos::task::spawn_local(async move {
        let navigator = window().navigator();
        let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
            .ok()
            .filter(|c| !c.is_undefined());
        let write = clipboard
            .as_ref()
            .and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok());
        let result = match (
            clipboard,
            write.and_then(|w| w.dyn_into::<js_sys::Function>().ok()),
        ) {
            (Some(clipboard), Some(write)) => {
                match write.call1(&clipboard, &JsValue::from_str(&text)) {
                    Ok(promise) => JsFuture::from(js_sys::Promise::from(promise))
                        .await
                        .map(|_| ()),
                    Err(error) => Err(error),
                }
            }
            _ => Err(JsValue::NULL),
        };
        match result {
            Ok(()) => state.show_toast(
                "The charter is on the clipboard as Markdown.".to_owned(),
                None,
            ),
            Err(_) => state.show_toast(
                "The browser did not allow copying. Use \u{201c}Download Markdown\u{201d} instead."
                    .to_owned(),
                None,
            ),
        }
    });
}

use wasm_bindgen::JsCast;

#[component]
fn ExportActions(record: Signal<SavedEngagement>, revision: Option<u32>) -> impl IntoView {
    let state = AppState::get();
    let current = move || {
        record.with(|r| {
            let chosen = revision.and_then(|n| {
                r.engagement
                    .charter
                    .revisions
                    .iter()
                    .find(|x| x.number == n)
            });
            let shown = chosen.or(
                if revision.is_none() && r.engagement.charter.draft.is_none() {
                    r.engagement.charter.latest()
                } else {
                    None
                },
            );
            markdown_for(r, shown)
        })
    };
    // The document this page shows (as `current` above): the revision asked for, else the
    // draft while there is one (a revision being drafted included), else the latest revision.
    let (id, what) = record.with_untracked(|r| {
        let charter = &r.engagement.charter;
        let what = match (revision, charter.draft.is_some(), charter.latest()) {
            (Some(n), _, _) => ShareWhat::CharterRevision(n),
            (None, false, Some(l)) => ShareWhat::CharterRevision(l.number),
            (None, _, _) => ShareWhat::CharterDraft,
        };
        (r.engagement.id.clone(), what)
    });
    let download = move |_| {
        let (file, text) = current();
        state.offer_file(&file, "text/markdown", &text);
    };
    view! {
        <div class="actions doc-actions">
            <button type="button" class="button button--secondary" on:click=|_| { let _ = window().print(); }>"Print or save as PDF"</button>
            <button type="button" class="button button--secondary" on:click=download>"Download Markdown"</button>
            <PresentLink id=record.with_untracked(|r| r.engagement.id.clone()) kind=AgendaKind::CharterWorkshop/>
            <button type="button" class="button button--secondary" on:click=move |_| copy_to_clipboard(current().1)>"Copy as Markdown"</button>
            <ShareButton id what/>
        </div>
    }
}

#[component]
pub fn CharterDocument(record: Signal<SavedEngagement>) -> impl IntoView {
    let status = Memo::new(move |_| record.with(|r| r.engagement.charter.status()));
    move || match status.get() {
        CharterStatus::NotStarted => view! { <StartCharter record/> }.into_any(),
        CharterStatus::Draft => view! { <DraftDocument record/> }.into_any(),
        CharterStatus::Approved { .. } | CharterStatus::Revising { .. } => {
            view! { <ApprovedDocument record/> }.into_any()
        }
    }
}

#[component]
fn DraftDocument(record: Signal<SavedEngagement>) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let draft = Memo::new(move |_| record.with(|r| r.engagement.charter.draft.clone()));
    let open = Memo::new(move |_| {
        draft.with(|d| {
            d.as_ref()
                .map_or(0, |d| crate::domain::charter::problems(&d.charter).len())
        })
    });
    view! {
        <div class="doc-head">
            <p class="doc-status"><span class="badge badge--neutral">"Draft"</span>" Not approved yet"</p>
            <div class="actions actions--tight">
                <a class="button button--primary" href=Route::Engagement(id, Section::CharterWizard).href()>"Continue the draft"</a>
            </div>
        </div>
        <p class="muted no-print">
            {move || match open.get() {
                0 => "Every step is complete: it can be approved in the last step of the wizard.".to_owned(),
                n => format!("{} to solve before approval.", crate::domain::words::count(n, "problem", "problems")),
            }}
        </p>
        <ExportActions record revision=None/>
        <article class="charter-doc">
            <h2 class="doc-title">{move || format!("Hypercare charter: {}", record.with(|r| r.engagement.name().to_owned()))}</h2>
            {move || draft.get().map(|d| view! { <CharterSections charter=d.charter/> })}
            <SignatureBlock approval=None/>
        </article>
    }
}

#[component]
fn ApprovedDocument(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let latest = Memo::new(move |_| record.with(|r| r.engagement.charter.latest().cloned()));
    let revising = Memo::new(move |_| {
        record.with(|r| {
            r.engagement
                .charter
                .draft
                .as_ref()
                .map(|d| d.reason.clone().unwrap_or_default())
        })
    });
    let history = Memo::new(move |_| {
        record.with(|r| {
            r.engagement
                .charter
                .revisions
                .iter()
                .rev()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let asking_reason = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<String>);

    let start_revision = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match state.revise_charter(&id, &reason.get_untracked()) {
                Ok(_) => crate::ui::router::navigate(&Route::Engagement(
                    id.clone(),
                    Section::CharterWizard,
                )),
                Err(error) => reason_error.set(Some(error.to_string())),
            }
        }
    };
    let abandon = {
        let id = id.clone();
        move |_| match state.abandon_charter_revision(&id) {
            Ok(_) => state.show_toast(
                "The revision was abandoned; the approved charter stays in force.".to_owned(),
                None,
            ),
            Err(error) => state.show_toast(format!("Not abandoned: {error}"), None),
        }
    };
    let wizard_href = Route::Engagement(id.clone(), Section::CharterWizard).href();
    // Approved, and nothing logged yet: say what comes next.
    let first_issues = Memo::new(move |_| record.with(|r| r.engagement.issues.is_empty()));
    let triage_href = Route::Engagement(id.clone(), Section::triage()).href();

    view! {
        <Show when=move || first_issues.get() && revising.get().is_none()>
            <p class="notice no-print">
                <strong>"Next: log the first issues. "</strong>
                "When users report problems, capture them in the triage queue; the charter decides their scope, severity and due times. "
                <a href=triage_href.clone()>"Open the triage queue"</a>
            </p>
        </Show>
        <div class="doc-head">
            <p class="doc-status">
                <span class="badge badge--live">{move || latest.get().map(|l| format!("Approved, revision {}", l.number)).unwrap_or_default()}</span>
                {move || latest.get().map(|l| format!(" by {}, {}, on {}", l.approval.name, l.approval.role, long_date(l.approval.date)))}
            </p>
            <Show when=move || revising.get().is_none() && !asking_reason.get() && !record.with(|r| r.engagement.is_frozen())>
                <button type="button" class="button button--secondary" on:click=move |_| asking_reason.set(true)>"Revise the charter"</button>
            </Show>
        </div>
        {move || revising.get().map(|why| view! {
            <div class="notice notice--warning no-print">
                <p class="notice__title">"A new revision is being drafted."</p>
                <p>{format!("Reason: {why}. The approved revision below stays in force until the new one is approved.")}</p>
                <div class="actions actions--tight">
                    <a class="button button--primary" href=wizard_href.clone()>"Continue the revision"</a>
                    <button type="button" class="button button--secondary" on:click=abandon.clone()>"Abandon the revision"</button>
                </div>
            </div>
        })}
        <Show when=move || asking_reason.get()>
            <form class="card card--inset form no-print" on:submit=start_revision.clone() novalidate=true>
                <h2>"Revise the approved charter"</h2>
                <p>"The approved charter is frozen. A revision starts from it; once approved it replaces it, and this revision stays readable."</p>
                <TextArea id="revision-reason" label="Why is the charter being revised?" rows=2
                    value=Signal::derive(move || reason.get())
                    on_input=writes_to(reason)
                    error=Signal::derive(move || reason_error.get())/>
                <div class="actions">
                    <button type="submit" class="button button--primary">"Start the revision"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| asking_reason.set(false)>"Cancel"</button>
                </div>
            </form>
        </Show>
        <ExportActions record revision=None/>
        <article class="charter-doc">
            <h2 class="doc-title">{move || format!("Hypercare charter: {}", record.with(|r| r.engagement.name().to_owned()))}</h2>
            {move || latest.get().map(|l| view! {
                {l.reason.clone().map(|r| view! { <p class="doc-muted">{format!("Revision {}: {}", l.number, r)}</p> })}
                <CharterSections charter=l.charter.clone()/>
                <SignatureBlock approval=Some(l.approval.clone())/>
            })}
            // Once the business can report issues, the printed charter carries the way in.
            {crate::ui::lazy::show(crate::ui::parts::report_qr(record))}
        </article>
        <section class="card no-print" aria-labelledby="history-title">
            <h2 id="history-title">"Revisions"</h2>
            <ul class="revision-list">
                {move || history.get().into_iter().map(|r| {
                    let href = Route::Engagement(id.clone(), Section::CharterRevision(r.number)).href();
                    view! {
                        <li>
                            <a href=href>{format!("Revision {}", r.number)}</a>
                            {format!(": approved by {} on {}", r.approval.name, long_date(r.approval.date))}
                            {r.reason.map(|why| format!(". Reason: {why}"))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn CharterRevisionPage(record: Signal<SavedEngagement>, number: u32) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let revision = Memo::new(move |_| {
        record.with(|r| {
            r.engagement
                .charter
                .revisions
                .iter()
                .find(|x| x.number == number)
                .cloned()
        })
    });
    let latest =
        Memo::new(move |_| record.with(|r| r.engagement.charter.latest().map(|l| l.number)));
    view! {
        {move || match revision.get() {
            None => view! {
                <p class="lead">{format!("There is no approved revision {number} of this charter.")}</p>
                <a href=Route::Engagement(id.clone(), Section::Charter).href()>"Back to the charter"</a>
            }.into_any(),
            Some(r) => view! {
                <div class="doc-head">
                    <p class="doc-status">
                        <span class="badge badge--neutral">{format!("Revision {}", r.number)}</span>
                        {if latest.get() == Some(r.number) { " The revision in force".to_owned() } else { " Replaced by a later revision".to_owned() }}
                    </p>
                    <a class="button button--secondary" href=Route::Engagement(id.clone(), Section::Charter).href()>"Back to the charter"</a>
                </div>
                <ExportActions record revision=Some(r.number)/>
                <article class="charter-doc">
                    <h2 class="doc-title">{format!("Hypercare charter: {}", record.with_untracked(|x| x.engagement.name().to_owned()))}</h2>
                    {r.reason.clone().map(|why| view! { <p class="doc-muted">{format!("Why this revision: {why}")}</p> })}
                    <CharterSections charter=r.charter.clone()/>
                    <SignatureBlock approval=Some(r.approval.clone())/>
                </article>
            }.into_any(),
        }}
    }
}

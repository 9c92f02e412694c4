//! The ownership handoff: business owner, responsibilities with one owner and a process each,
//! the knowledge-transfer ladder with planned and actual dates, the escalation path after
//! hypercare, and a readiness list of what is still missing. Every change is saved at once.
use leptos::prelude::*;

use crate::domain::withdrawal::handoff::{Handoff, KtStage};
use crate::state::SavedEngagement;
use crate::ui::components::{TextArea, TextField};
use crate::ui::dom::focus_by_id;
use crate::ui::format::today;

#[derive(Clone, Copy)]
struct Editor {
    record: Signal<SavedEngagement>,
}

impl Editor {
    fn read(self, f: impl Fn(&Handoff) -> String + Send + Sync + 'static) -> Signal<String> {
        let record = self.record;
        Signal::derive(move || {
            record.with(|r| {
                r.engagement
                    .withdrawal
                    .as_ref()
                    .map(|p| f(&p.handoff))
                    .unwrap_or_default()
            })
        })
    }

    fn write(self, f: impl Fn(&mut Handoff, String) + Send + Sync + 'static) -> Callback<String> {
        let f = std::sync::Arc::new(f);
        Callback::new(move |value: String| {
            let f = f.clone();
            super::PlanEditor::get().edit(move |plan| f(&mut plan.handoff, value));
        })
    }
}

/// Which parts of the handoff to show (the setup wizard shows one per step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    All,
    Readiness,
    Owner,
    Responsibilities,
    Escalation,
}

#[component]
pub fn HandoffSection(
    record: Signal<SavedEngagement>,
    #[prop(default = Part::All)] part: Part,
) -> impl IntoView {
    let show = move |p: Part| part == Part::All || part == p;
    // Absent where the plan is only read (a shared copy).
    let plan_editor = use_context::<super::editor::PlanEditor>();
    let editor = Editor { record };
    let handoff = Memo::new(move |_| {
        record.with(|r| {
            r.engagement
                .withdrawal
                .as_ref()
                .map(|p| p.handoff.clone())
                .unwrap_or_default()
        })
    });
    let gaps = Memo::new(move |_| handoff.with(|h| h.gaps(today())));
    let responsibilities = move || {
        handoff.with(|h| {
            h.responsibilities
                .iter()
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let channels = move || handoff.with(|h| 0..h.escalation.len());
    view! {
        <Show when=move || show(Part::Readiness)>
        <section class="card" aria-labelledby="readiness-title" id="readiness">
            <h2 id="readiness-title">"Handoff readiness"</h2>
            <Show when=move || !gaps.with(Vec::is_empty) fallback=|| view! { <p>"Nothing is missing: the business team can own the system."</p> }>
                <p>{move || format!("{} still missing before the business team can own the system:", crate::domain::words::count(gaps.with(Vec::len), "thing", "things"))}</p>
                <ul class="problem-list">
                    {move || gaps.get().into_iter().map(|g| {
                        let field = g.field.clone();
                        view! { <li><button type="button" class="link-button" on:click=move |_| go_to_field(plan_editor, &field)>{g.message}</button></li> }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
        </Show>
        <Show when=move || show(Part::Owner)>
        <section class="card" aria-labelledby="owner-title">
            <h2 id="owner-title">"Business owner after hypercare"</h2>
            <p class="muted">"A permanent business role that accepts accountability for the system, such as the head of sales operations, not the project manager."</p>
            <div class="field-row">
                <TextField id="handoff-owner-name" label="Name" value=editor.read(|h| h.owner_name.clone()) on_input=editor.write(|h, v| h.owner_name = v)/>
                <TextField id="handoff-owner-role" label="Permanent role" value=editor.read(|h| h.owner_role.clone()) on_input=editor.write(|h, v| h.owner_role = v)/>
            </div>
        </section>
        </Show>
        <Show when=move || show(Part::Responsibilities)>
        <section class="card" aria-labelledby="resp-title">
            <h2 id="resp-title">"Responsibilities and knowledge transfer"</h2>
            <p class="muted">"Each responsibility has exactly one named owner and a documented process. Knowledge moves from documentation review through shadow support and observed operation to independence, along the withdrawal weeks."</p>
            <For each=responsibilities key=|id| id.clone() children=move |id| view! { <ResponsibilityEditor editor id/> }/>
        </section>
        </Show>
        <Show when=move || show(Part::Escalation)>
        <section class="card" aria-labelledby="after-title">
            <h2 id="after-title">"Escalation after hypercare"</h2>
            <For each=channels key=|i| *i children=move |i| view! {
                <fieldset class="item-card">
                    <legend class="item-card__legend">{move || handoff.with(|h| h.escalation.get(i).map(|c| c.name.clone()).unwrap_or_default())}</legend>
                    <div class="field-row">
                        <TextField id=format!("channel-{i}-who") label="Who" value=editor.read(move |h| h.escalation.get(i).map(|c| c.who.clone()).unwrap_or_default())
                            on_input=editor.write(move |h, v| if let Some(c) = h.escalation.get_mut(i) { c.who = v })/>
                        <TextField id=format!("channel-{i}-how") label="How to engage them" value=editor.read(move |h| h.escalation.get(i).map(|c| c.how.clone()).unwrap_or_default())
                            on_input=editor.write(move |h, v| if let Some(c) = h.escalation.get_mut(i) { c.how = v })/>
                    </div>
                    <TextArea id=format!("channel-{i}-when") label="When" rows=2 value=editor.read(move |h| h.escalation.get(i).map(|c| c.when.clone()).unwrap_or_default())
                        on_input=editor.write(move |h, v| if let Some(c) = h.escalation.get_mut(i) { c.when = v })/>
                </fieldset>
            }/>
        </section>
        </Show>
    }
}

#[component]
fn ResponsibilityEditor(editor: Editor, id: String) -> impl IntoView {
    let find = {
        let id = id.clone();
        move |h: &Handoff| h.responsibilities.iter().position(|r| r.id == id)
    };
    let find_for_read = find.clone();
    let find_for_write = find.clone();
    let read = move |f: fn(&crate::domain::withdrawal::handoff::Responsibility) -> String| {
        let find = find_for_read.clone();
        editor.read(move |h| {
            find(h)
                .map(|i| f(&h.responsibilities[i]))
                .unwrap_or_default()
        })
    };
    let write = move |f: fn(&mut crate::domain::withdrawal::handoff::Responsibility, String)| {
        let find = find_for_write.clone();
        editor.write(move |h, v| {
            if let Some(i) = find(h) {
                f(&mut h.responsibilities[i], v)
            }
        })
    };
    let area = read(|r| r.area.clone());
    let stages = KtStage::ALL.iter().map(|stage| {
        let s = stage.index();
        let find_a = find.clone();
        let find_b = find.clone();
        let find_c = find.clone();
        let find_d = find.clone();
        view! {
            <div class="kt-stage">
                <p class="kt-stage__name">{stage.name()}</p>
                <TextField id=format!("resp-{id}-kt-{s}-planned") label=format!("Planned ({})", stage.name().to_lowercase()) input_type="date" optional=true
                    value=editor.read(move |h| find_a(h).and_then(|i| h.responsibilities[i].transfer.get(s).map(|d| d.planned.clone())).unwrap_or_default())
                    on_input=editor.write(move |h, v| if let Some(i) = find_b(h) { if let Some(d) = h.responsibilities[i].transfer.get_mut(s) { d.planned = v } })/>
                <TextField id=format!("resp-{id}-kt-{s}-done") label=format!("Done ({})", stage.name().to_lowercase()) input_type="date" optional=true
                    value=editor.read(move |h| find_c(h).and_then(|i| h.responsibilities[i].transfer.get(s).map(|d| d.done.clone())).unwrap_or_default())
                    on_input=editor.write(move |h, v| if let Some(i) = find_d(h) { if let Some(d) = h.responsibilities[i].transfer.get_mut(s) { d.done = v } })/>
            </div>
        }
    }).collect_view();
    view! {
        <fieldset class="item-card">
            <legend class="item-card__legend">{area}</legend>
            <p class="field__hint">{read(|r| r.description.clone())}</p>
            <div class="field-row">
                <TextField id=format!("resp-{id}-owner") label="Owner (one named person)" value=read(|r| r.owner.clone()) on_input=write(|r, v| r.owner = v)/>
            </div>
            <TextArea id=format!("resp-{id}-process") label="Documented process" hint="The steps, or where they are written down" rows=2
                value=read(|r| r.process.clone()) on_input=write(|r, v| r.process = v)/>
            <details class="kt">
                <summary>"Knowledge transfer dates"</summary>
                <div class="kt-grid">{stages}</div>
            </details>
        </fieldset>
    }
}

/// Focuses a missing item's field; in the setup wizard, whose review shows only this list,
/// opens the step that holds the field first.
fn go_to_field(editor: Option<super::editor::PlanEditor>, field: &str) {
    if leptos::prelude::document()
        .get_element_by_id(field)
        .is_some()
    {
        focus_by_id(field);
        return;
    }
    let step = if field.starts_with("handoff-owner") {
        1
    } else if field.starts_with("resp-") {
        2
    } else {
        3
    };
    if let Some(editor) = editor {
        editor.edit(|plan| plan.setup_step = Some(step));
    }
    let field = field.to_owned();
    // Once the step has been drawn.
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::request_animation_frame(move || focus_by_id(&field))
    });
}

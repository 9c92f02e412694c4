//! The triage queue: quick capture at the top, filters with counts, search, and the list
//! ordered by what is due next. Keyboard: arrows (or j/k) move between issues, Enter opens one.
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::workshop::AgendaKind;
use crate::ui::workshop::PresentLink;

use super::capture::QuickCapture;
use super::clocks::ClockBadge;
use super::csv_tools::{CsvTools, ServiceDeskFold};
use super::filters::{is_wide, QueueFilters};
use crate::domain::charter::{Charter, CharterStatus, WorkingCalendar};
use crate::domain::triage::queue::{self, Filter, Row};
use crate::domain::withdrawal::handled_by::handled_by;
use crate::domain::withdrawal::WithdrawalPlan;
use crate::domain::EngagementId;
use crate::route::{Route, Section};
use crate::state::zone::BrowserZones;
use crate::state::SavedEngagement;
use crate::ui::dom::move_focus;

/// Rows rendered per page of the queue: more than a projector shows, few enough that a search
/// keystroke that brings a whole page back still paints within a frame at 1,000 issues.
const PAGE: usize = 50;

#[component]
pub fn TriageQueue(record: Signal<SavedEngagement>, filter: Filter) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let charter = Memo::new(move |_| record.with(|r| r.engagement.charter.in_force().cloned()));
    let plan = Memo::new(move |_| record.with(|r| r.engagement.withdrawal.clone()));
    let frozen = Memo::new(move |_| record.with(|r| r.engagement.is_frozen()));
    // Clocks move with time: recompute the rows every minute as well as on every change.
    let tick = minute_tick();
    let rows = Memo::new(move |_| {
        tick.track();
        // Read in place: a copy of thousands of issues would cost more than the rows.
        record.with(|r| {
            charter
                .with(|c| queue::rows(&r.engagement.issues, c.as_ref(), &BrowserZones, Utc::now()))
        })
    });
    // The route carries the filter a link asked for (the dashboard's numbers link here so).
    let filter = RwSignal::new(filter);
    // Only a page of rows is in the DOM at once: building a thousand rows on every keystroke
    // would not fit in a frame. The count says how many match; "Show more" adds pages.
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        filter.track();
        limit.set(PAGE);
    });
    // One filtering pass per change: how many rows match, and the page of them shown.
    let page = Memo::new(move |_| {
        rows.with(|rows| {
            filter.with(|f| {
                let matched = f.apply(rows);
                let shown: Vec<Row> = matched
                    .iter()
                    .take(limit.get())
                    .map(|r| (*r).clone())
                    .collect();
                (matched.len(), shown)
            })
        })
    });
    let matching = Memo::new(move |_| page.with(|(count, _)| *count));
    let shown_count = Memo::new(move |_| page.with(|(_, shown)| shown.len()));
    let counts = Memo::new(move |_| rows.with(|rows| filter.with(|f| f.counts(rows))));

    let calendar = Memo::new(move |_| charter.with(|c| c.as_ref().map(|c| c.calendar.clone())));

    let on_list_key = move |ev: leptos::ev::KeyboardEvent| {
        let step: i32 = match ev.key().as_str() {
            "ArrowDown" | "j" => 1,
            "ArrowUp" | "k" => -1,
            _ => return,
        };
        ev.prevent_default();
        move_focus(".queue__link", step);
    };

    let (capture_id, present_id) = (id.clone(), id.clone());
    view! {
        <CharterNotice record/>
        <Show when=move || frozen.get()>
            <p class="notice" role="status">"The exit review is signed: this issue log is frozen. It can be searched, read and exported, not changed."</p>
        </Show>
        <Show when=move || !frozen.get()>
            <QuickCapture id=capture_id.clone()/>
        </Show>
        <div class="field queue-search">
            <label class="field__label" for="queue-search">"Search"</label>
            <input id="queue-search" class="field__input" type="search" placeholder="Title, reporter, #number"
                prop:value=move || filter.with(|f| f.text.clone())
                on:input=move |ev| { let text = event_target_value(&ev); filter.update(|f| f.text = text) }/>
        </div>
        <div class="queue-folds">
            <QueueFilters filter counts charter/>
            // Secondary actions: open where there is room, one tap away on a phone.
            <details class="fold queue-actions" open=is_wide()>
                <summary class="fold__summary">"Present, warn, import"</summary>
                <p class="actions"><PresentLink id=present_id.clone() kind=AgendaKind::TriageStandUp/></p>
                <crate::ui::components::WarnToggle id=present_id.clone()/>
                <CsvTools record/>
                <Show when=move || !frozen.get()>
                    <ServiceDeskFold record/>
                </Show>
            </details>
        </div>
        <p class="queue-count" role="status">
            {move || format!("{} of {} issues, soonest due first", matching.get(), rows.with(Vec::len))}
            {move || filter.with(|f| f.numbers.is_some()).then_some(": the issues a report counted")}
            <Show when=move || filter.with(|f| *f != Filter::default())>
                " "
                <button type="button" class="link-button" on:click=move |_| filter.set(Filter::default())>"Clear filters"</button>
            </Show>
        </p>
        <ul class="queue" aria-label="Issues" on:keydown=on_list_key>
            <For
                each=move || page.with(|(_, shown)| shown.clone())
                key=|row| (row.view.number, row.view.status(), row.next_due, row.response.map(|c| c.used_minutes), row.view.title.clone())
                children=move |row| view! { <QueueRow id=id.clone() row charter plan calendar/> }
            />
        </ul>
        <Show when={move || matching.get() > shown_count.get()}>
            <button type="button" class="button button--secondary queue-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                {move || format!("Show more ({} not shown)", matching.get() - shown_count.get())}
            </button>
        </Show>
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="empty-note">"No issues yet. Log the first one above: a title is enough."</p>
        </Show>
    }
}

/// A tick every minute while the queue is open.
fn minute_tick() -> RwSignal<u32> {
    let tick = RwSignal::new(0u32);
    let handle = set_interval_with_handle(
        move || tick.update(|t| *t += 1),
        std::time::Duration::from_secs(60),
    )
    .ok();
    on_cleanup(move || {
        if let Some(handle) = handle {
            handle.clear();
        }
    });
    tick
}

/// Before the charter is approved, what triage works from.
#[component]
fn CharterNotice(record: Signal<SavedEngagement>) -> impl IntoView {
    let status = Memo::new(move |_| record.with(|r| r.engagement.charter.status()));
    move || match status.get() {
        CharterStatus::NotStarted => {
            let id = record.with_untracked(|r| r.engagement.id.clone());
            Some(view! {
                <div class="notice notice--warning" role="status">
                    <p class="notice__title">"There is no charter yet."</p>
                    <p>"Issues can be logged now; triage needs the charter\u{2019}s categories, severities and routing."</p>
                    <a class="button button--primary" href=Route::Engagement(id, Section::CharterWizard).href()>"Draft the charter"</a>
                </div>
            }.into_any())
        }
        CharterStatus::Draft => Some(
            view! {
                <p class="notice notice--warning" role="status">
                    <strong>"Charter not approved. "</strong>
                    "Triage uses the draft\u{2019}s rules until project leadership approves it."
                </p>
            }
            .into_any(),
        ),
        _ => None,
    }
}

/// One issue in the queue: number and title (the link), status, severity, category, where it
/// was routed or who handles it, and its headline clock.
#[component]
fn QueueRow(
    id: EngagementId,
    row: Row,
    charter: Memo<Option<Charter>>,
    plan: Memo<Option<WithdrawalPlan>>,
    calendar: Memo<Option<WorkingCalendar>>,
) -> impl IntoView {
    let href = Route::Engagement(id, Section::Issue(row.view.number)).href();
    let (category, severity, handler) = charter.with_untracked(|c| {
        let Some(c) = c.as_ref() else {
            return (None, None, None);
        };
        let view = &row.view;
        let category = view
            .category_id
            .as_ref()
            .and_then(|x| c.categories.iter().find(|k| &k.id == x));
        let severity = view
            .severity_id
            .as_ref()
            .and_then(|x| c.severities.iter().find(|k| &k.id == x));
        let handler = plan.with_untracked(|p| handled_by(view, c, p.as_ref(), &BrowserZones));
        (
            category.map(|k| k.name.clone()),
            severity.map(|k| k.name.clone()),
            handler,
        )
    });
    let clock = row.headline_clock();
    view! {
        <li class="queue__row">
            <a class="queue__link" href=href>
                <span class="queue__number">{format!("#{}", row.view.number)}</span>
                " "
                <span class="queue__title">{row.view.title.clone()}</span>
            </a>
            <span class="queue__meta">
                <span class="badge badge--neutral">{row.view.status().name()}</span>
                {severity.map(|s| view! { <span class="badge badge--severity">{s}</span> })}
                {category.map(|c| view! { <span class="queue__category">{c}</span> })}
                {row.view.destination.map(|d| view! { <span class="queue__category">{format!("\u{2192} {}", d.name())}</span> })}
                {handler.map(|h| view! { <span class="queue__category handler">{format!("Handled by: {}", h.who())}</span> })}
            </span>
            {move || match (clock, calendar.get()) {
                (Some(clock), Some(calendar)) => Some(view! { <ClockBadge label="Clock" clock calendar/> }),
                _ => None,
            }}
        </li>
    }
}

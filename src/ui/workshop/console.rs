//! The facilitator's console: the agenda, the current and next step, the speaker notes, the
//! timer and its controls, the step's notes and decisions. Every change is saved through a
//! state command and then broadcast in full to the audience window; a one-second tick only
//! moves the countdown on. The panels are their own components; this one holds what they
//! share and what goes to the projector.
use chrono::Utc;
use leptos::prelude::*;

use super::agenda::{AgendaList, StepTimes};
use super::audience::{second_tick, AudienceScreen};
use super::channel::random_sender;
use super::console_decision::DecisionEntry;
use super::console_notes::StepNotes;
use super::console_step::{act, StepPanel, TimerPanel};
use super::election::Election;
use super::new_issue::NewIssuePanel;
use super::step_content::{content, ContentBlocks, Triaging};
use super::vote::DotVotePanel;
use crate::domain::charter::{CharterStep, ScopeCategory};
use crate::domain::workshop::presentation::{AudienceRequest, Block};
use crate::domain::workshop::{Console as ConsoleState, Presentation, Screen, StepKind};
use crate::domain::EngagementId;
use crate::route::Route;
use crate::state::workshop::{TimerAction, DECISION_BY, DECISION_TEXT};
use crate::state::{AppState, CommandError, SavedEngagement};

#[component]
pub fn Console(id: EngagementId, number: u32) -> impl IntoView {
    let state = AppState::get();
    let record = {
        let id = id.clone();
        Memo::new(move |_| state.find(&id))
    };
    let workshop = Memo::new(move |_| {
        record.with(|r| {
            r.as_ref()
                .and_then(|r| r.engagement.workshops.iter().find(|w| w.number == number))
                .cloned()
        })
    });
    let now = second_tick();
    let typed = RwSignal::new(String::new());
    // Decisions are recorded by the person using this browser unless another name is typed.
    let recorded_by = RwSignal::new(state.your_name());
    let screen = RwSignal::new(Screen::Step);
    let shown_vote = RwSignal::new(None::<usize>);
    let shown = RwSignal::new(None::<Presentation>);
    let present_here = RwSignal::new(false);
    let error = RwSignal::new(None::<CommandError>);
    let triaging = RwSignal::new(Triaging::None);
    let current_kind = Memo::new(move |_| {
        workshop.with(|w| w.as_ref().and_then(|w| w.current_step().map(|s| s.kind)))
    });
    let blocks = step_blocks(record, current_kind, triaging, now);
    // A triage left half-way is not carried to another step, nor back to this one.
    Effect::new(move |_| {
        current_kind.track();
        triaging.set(None);
    });
    let scope_categories = scope_categories(record, current_kind);
    let me = random_sender();
    let election = Election::new(me);
    let console = StoredValue::new(ConsoleState::new(me));
    let broadcast = move || {
        let Some(w) = workshop.get_untracked() else {
            return;
        };
        let name = record.with_untracked(|r| {
            r.as_ref()
                .map(|r| r.engagement.name().to_owned())
                .unwrap_or_default()
        });
        let message = console.try_update_value(|c| {
            c.screen = screen.get_untracked();
            c.typed_decision = typed.get_untracked();
            c.shown_vote = shown_vote.get_untracked();
            c.message(&w, &name, blocks.get_untracked(), Utc::now())
        });
        let Some(message) = message else {
            return;
        };
        if let crate::domain::workshop::ChannelMessage::Show { presentation, .. } = &message {
            shown.set(Some((**presentation).clone()));
        }
        // A following console keeps its own view but leaves the projector to the leader.
        if election.leads.get_untracked() {
            election.post(&message);
        }
    };
    let handle_request = {
        let id = id.clone();
        move |request: AudienceRequest| match request {
            AudienceRequest::State => broadcast(),
            AudienceRequest::Next => act(state, &id, number, TimerAction::Next, error),
            AudienceRequest::Previous => act(state, &id, number, TimerAction::Previous, error),
            AudienceRequest::ToggleBlank => screen.update(toggle_blank),
            AudienceRequest::Left => present_here.set(false),
        }
    };
    election.join(&id, now, handle_request.clone());
    let follows = election.follows;
    super::clicker::listen(
        Signal::derive(move || !present_here.get() && !follows.get()),
        handle_request.clone(),
    );
    // Every change the room should see goes out at once, in full.
    Effect::new(move |_| {
        workshop.track();
        blocks.track();
        typed.track();
        screen.track();
        shown_vote.track();
        election.leads.track();
        broadcast();
    });
    mark_presenting(present_here);
    let on_here_request = Callback::new(move |request: AudienceRequest| handle_request(request));
    let panel_id = id.clone();
    view! {
        <section class="page workshop-console">
            <ConsoleHeader id=id.clone() number workshop screen present_here/>
            <FollowNotice election/>
            <UnplacedError error/>
            <div class="workshop-console__grid">
                <div class="workshop-console__agenda">
                    <h2>"Agenda"</h2>
                    <AgendaList id=id.clone() workshop/>
                </div>
                <div class="workshop-console__now">
                    <TimerPanel id=id.clone() number workshop now follows error/>
                    <super::clicker::ClickerHint/>
                    <StepPanel workshop/>
                    <OnTheProjector blocks/>
                    <Show when=move || current_kind.get() == Some(StepKind::NewIssues)>
                        <NewIssuePanel id=panel_id.clone() record triaging/>
                    </Show>
                    <StepNotes id=id.clone() number workshop error/>
                    <DecisionEntry id=id.clone() number workshop typed recorded_by error/>
                    <DotVotePanel id=id.clone() number workshop shown_vote recorded_by categories=scope_categories/>
                </div>
            </div>
            <StepTimes workshop now=now.into()/>
        </section>
        <Show when=move || present_here.get()>
            <div class="audience-here">
                <AudienceScreen shown=shown.into() now=now.into() on_request=on_here_request/>
            </div>
        </Show>
    }
}

/// While another console leads: this one follows, and can take the lead.
#[component]
fn FollowNotice(election: Election) -> impl IntoView {
    view! {
        <Show when=move || election.follows.get()>
            <p class="notice notice--warning" role="status" id="workshop-follows">
                "Another window leads this workshop; this one follows. The steps move from there, or here after "
                <button type="button" class="button button--secondary" on:click=move |_| election.take_lead()>"Take the lead"</button>
            </p>
        </Show>
    }
}

/// A refusal that belongs to no field of the decision form (those stand beside their field).
#[component]
fn UnplacedError(error: RwSignal<Option<CommandError>>) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|e| {
                e.problem_at(DECISION_TEXT).is_none() && e.problem_at(DECISION_BY).is_none()
            })
            .map(|e| view! { <p class="field__error" role="alert">{e.to_string()}</p> })
    }
}

/// What the room sees for this step, in the console's own size.
#[component]
fn OnTheProjector(blocks: Memo<Vec<Block>>) -> impl IntoView {
    move || {
        let shown = blocks.get();
        (!shown.is_empty()).then(|| {
            view! {
                <section class="workshop-console__content" aria-label="On the projector">
                    <ContentBlocks blocks=shown/>
                </section>
            }
        })
    }
}

fn toggle_blank(screen: &mut Screen) {
    *screen = if *screen == Screen::Blank {
        Screen::Step
    } else {
        Screen::Blank
    };
}

/// The step's content, shown in the console and sent to the projector. SLA clocks move on by
/// themselves, so the breached and at-risk list is rebuilt each minute.
fn step_blocks(
    record: Memo<Option<SavedEngagement>>,
    current_kind: Memo<Option<StepKind>>,
    triaging: RwSignal<Triaging>,
    now: RwSignal<chrono::DateTime<Utc>>,
) -> Memo<Vec<Block>> {
    let minute = Memo::new(move |_| now.get().timestamp() / 60);
    Memo::new(move |_| {
        minute.track();
        let kind = current_kind.get();
        triaging.with(|t| {
            record.with(|r| {
                r.as_ref()
                    .map(|r| content(&r.engagement, kind, t, Utc::now()))
                    .unwrap_or_default()
            })
        })
    })
}

/// The charter's scope categories while the charter workshop is in its scope step (each can
/// be put to the room as a vote), and none otherwise.
fn scope_categories(
    record: Memo<Option<SavedEngagement>>,
    current_kind: Memo<Option<StepKind>>,
) -> Signal<Vec<ScopeCategory>> {
    Signal::derive(move || {
        if current_kind.get() != Some(StepKind::Charter(CharterStep::Scope)) {
            return Vec::new();
        }
        record.with(|r| {
            r.as_ref()
                .and_then(|r| {
                    r.engagement
                        .charter
                        .in_force()
                        .map(|c| c.categories.clone())
                })
                .unwrap_or_default()
        })
    })
}

/// "Present here" hides the console's chrome as the audience window does.
fn mark_presenting(present_here: RwSignal<bool>) {
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root
                .class_list()
                .toggle_with_force("presenting", present_here.get());
        }
    });
    on_cleanup(|| {
        if let Some(root) = document().document_element() {
            let _ = root.class_list().remove_1("presenting");
        }
    });
}

/// The way back, the workshop's title and the toolbar: the audience window, presenting here,
/// blanking the screen and the Markdown export.
#[component]
fn ConsoleHeader(
    id: EngagementId,
    number: u32,
    workshop: Memo<Option<crate::domain::workshop::Workshop>>,
    screen: RwSignal<Screen>,
    present_here: RwSignal<bool>,
) -> impl IntoView {
    let state = AppState::get();
    let audience_href = Route::Audience(id.clone()).href();
    let open_audience = move |_| {
        // A named window: pressing the button again brings back the same one.
        let _ = window().open_with_url_and_target_and_features(
            &audience_href,
            "handrail-audience",
            "popup,width=1280,height=720",
        );
    };
    let back = Route::Engagement(id.clone(), crate::route::Section::Overview).href();
    let export = move |_| state.export_workshop(&id, number);
    let title = move || {
        workshop.with(|w| {
            w.as_ref().map_or_else(
                || "Workshop not found".to_owned(),
                |w| format!("{} {}", w.title(), w.number),
            )
        })
    };
    let blank_label = move || {
        if screen.get() == Screen::Blank {
            "Show the screen again"
        } else {
            "Blank the screen"
        }
    };
    view! {
        <p class="breadcrumb"><a href=back>"Back to the engagement"</a></p>
        <h1 id="page-title">{title}</h1>
        <div class="workshop-console__toolbar">
            <button type="button" class="button button--primary" on:click=open_audience>"Open audience window"</button>
            <button type="button" class="button button--secondary" on:click=move |_| present_here.set(true)>"Present here"</button>
            <button type="button" class="button button--secondary" on:click=move |_| screen.update(toggle_blank)>{blank_label}</button>
            <button type="button" class="button button--secondary" on:click=export>"Export Markdown"</button>
        </div>
    }
}

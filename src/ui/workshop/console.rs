//! The facilitator's console: the agenda, the current and next step, the speaker notes, the
//! timer and its controls, the step's notes and decisions. Every change is saved through a
//! state command and then broadcast in full to the audience window; a one-second tick only
//! moves the countdown on.
use chrono::Utc;
use leptos::prelude::*;

use super::agenda::{AgendaList, StepTimes};
use super::audience::{second_tick, AudienceScreen};
use super::channel::{random_sender, Channel};
use super::new_issue::NewIssuePanel;
use super::step_content::{content, ContentBlocks, Triaging};
use super::timer::TimerFigures;
use super::typing;
use super::vote::DotVotePanel;
use crate::domain::charter::{CharterStep, ScopeCategory};
use crate::domain::workshop::leadership::{Leadership, LISTEN_MS};
use crate::domain::workshop::presentation::AudienceRequest;
use crate::domain::workshop::{
    ChannelMessage, Console as ConsoleState, DecisionForm, PlanDelta, Presentation, Screen,
    StepKind, TimerState, Workshop,
};
use crate::domain::EngagementId;
use crate::route::Route;
use crate::state::workshop::{TimerAction, DECISION_BY, DECISION_TEXT};
use crate::state::{AppState, CommandError};

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
    let me = random_sender();
    let console = StoredValue::new(ConsoleState::new(me));
    let lead = StoredValue::new(Leadership::new(me, lead_clock_ms()));
    let leads = RwSignal::new(false);
    let follows = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let recorded_by = RwSignal::new(String::new());
    let screen = RwSignal::new(Screen::Step);
    let shown_vote = RwSignal::new(None::<usize>);
    let shown = RwSignal::new(None::<Presentation>);
    let present_here = RwSignal::new(false);
    let error = RwSignal::new(None::<CommandError>);
    let triaging = RwSignal::new(Triaging::None);
    // SLA clocks move on by themselves: the breached and at-risk list is rebuilt each minute.
    let minute = Memo::new(move |_| now.get().timestamp() / 60);
    let current_kind = Memo::new(move |_| {
        workshop.with(|w| w.as_ref().and_then(|w| w.current_step().map(|s| s.kind)))
    });
    // The step's content, shown in the console and sent to the projector.
    let blocks = Memo::new(move |_| {
        minute.track();
        let kind = current_kind.get();
        triaging.with(|t| {
            record.with(|r| {
                r.as_ref()
                    .map(|r| content(&r.engagement, kind, t, Utc::now()))
                    .unwrap_or_default()
            })
        })
    });
    // A triage left half-way is not carried to another step, nor back to this one.
    Effect::new(move |_| {
        current_kind.track();
        triaging.set(None);
    });
    let scope_categories = Signal::derive(move || {
        if current_kind.get() != Some(StepKind::Charter(CharterStep::Scope)) {
            return Vec::<ScopeCategory>::new();
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
    });

    let channel = StoredValue::new_local(None::<Channel>);
    let post = move |message: &ChannelMessage| {
        channel.try_with_value(|c| {
            if let Some(c) = c {
                c.post(message);
            }
        });
    };
    let here = move || {
        let since = lead.with_value(|l| l.since);
        post(&ChannelMessage::Here { sender: me, since });
    };
    let recount = move || {
        let now = lead_clock_ms();
        let decided = lead.try_update_value(|l| {
            let leading = l.leads(now);
            (leading, !leading && !l.listening(now))
        });
        if let Some((leading, following)) = decided {
            if leads.get_untracked() != leading {
                leads.set(leading);
            }
            if follows.get_untracked() != following {
                follows.set(following);
            }
        }
    };
    let broadcast = move || {
        let Some(w) = workshop.get_untracked() else {
            return;
        };
        let name = record.with_untracked(|r| {
            r.as_ref()
                .map(|r| r.engagement.name().to_owned())
                .unwrap_or_default()
        });
        let blocks = blocks.get_untracked();
        let message = console.try_update_value(|c| {
            c.screen = screen.get_untracked();
            c.typed_decision = typed.get_untracked();
            c.shown_vote = shown_vote.get_untracked();
            c.message(&w, &name, blocks, Utc::now())
        });
        let Some(message) = message else {
            return;
        };
        if let ChannelMessage::Show { presentation, .. } = &message {
            shown.set(Some((**presentation).clone()));
        }
        // A following console keeps its own view but leaves the projector to the leader.
        if leads.get_untracked() {
            post(&message);
        }
    };
    let act = {
        let id = id.clone();
        move |action: TimerAction| match state.workshop_timer(&id, number, action) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e)),
        }
    };
    let handle_request = {
        let act = act.clone();
        move |request: AudienceRequest| match request {
            AudienceRequest::State => broadcast(),
            AudienceRequest::Next => act(TimerAction::Next),
            AudienceRequest::Previous => act(TimerAction::Previous),
            AudienceRequest::ToggleBlank => screen.update(|s| {
                *s = if *s == Screen::Blank {
                    Screen::Step
                } else {
                    Screen::Blank
                }
            }),
            AudienceRequest::Left => present_here.set(false),
        }
    };
    super::clicker::listen(
        Signal::derive(move || !present_here.get() && !follows.get()),
        handle_request.clone(),
    );
    {
        let handle_request = handle_request.clone();
        channel.set_value(Channel::open(
            &id.to_string(),
            move |message| match message {
                // Only the leading console answers the projector, so a request acts once.
                Ok(ChannelMessage::Ask(request)) if leads.get_untracked() => {
                    // The audience window closing says nothing to the console's own view.
                    if request != AudienceRequest::Left {
                        handle_request(request);
                    }
                }
                Ok(ChannelMessage::Here { sender, since }) => {
                    let now = lead_clock_ms();
                    if lead.try_update_value(|l| l.hear(sender, since, now)) == Some(true) {
                        here();
                    }
                    recount();
                }
                Ok(ChannelMessage::Gone { sender }) => {
                    lead.update_value(|l| l.gone(sender));
                    recount();
                }
                _ => {}
            },
        ));
    }
    // Say "here" at once and every second; decide once others had time to answer.
    here();
    Effect::new(move |_| {
        now.track();
        here();
        recount();
    });
    let listened = set_timeout_with_handle(
        recount,
        std::time::Duration::from_millis(LISTEN_MS as u64 + 50),
    )
    .ok();
    let goodbye = move || post(&ChannelMessage::Gone { sender: me });
    {
        let handle = window_event_listener(leptos::ev::pagehide, move |_| goodbye());
        on_cleanup(move || {
            handle.remove();
            if let Some(l) = listened {
                l.clear();
            }
            goodbye();
        });
    }
    let take_lead = move |_| {
        lead.update_value(|l| l.take_lead(lead_clock_ms()));
        here();
        recount();
    };
    // Every change the room should see goes out at once, in full.
    Effect::new(move |_| {
        workshop.track();
        blocks.track();
        typed.track();
        screen.track();
        shown_vote.track();
        leads.track();
        broadcast();
    });
    // "Present here" hides the console's chrome as the audience window does.
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

    let audience_href = Route::Audience(id.clone()).href();
    let open_audience = move |_| {
        // A named window: pressing the button again brings back the same one.
        let _ = window().open_with_url_and_target_and_features(
            &audience_href,
            "handrail-audience",
            "popup,width=1280,height=720",
        );
    };
    let export = {
        let id = id.clone();
        move |_| state.export_workshop(&id, number)
    };
    let back = Route::Engagement(id.clone(), crate::route::Section::Overview).href();
    let title = move || {
        workshop.with(|w| {
            w.as_ref().map_or_else(
                || "Workshop not found".to_owned(),
                |w| format!("{} {}", w.title(), w.number),
            )
        })
    };
    let timer_state =
        move || workshop.with(|w| w.as_ref().map_or(TimerState::NotStarted, Workshop::state));
    let controls = {
        let act = act.clone();
        move || {
            let act = act.clone();
            let button = move |label: &'static str, action: TimerAction, primary: bool| {
                let act = act.clone();
                // A following console leaves the steps to the leader: two facilitators
                // pressing Next at once would move the room twice.
                view! {
                    <button type="button" class=if primary { "button button--primary" } else { "button button--secondary" }
                        disabled=move || follows.get()
                        aria-describedby=move || follows.get().then_some("workshop-follows")
                        on:click=move |_| act(action)>
                        {label}
                    </button>
                }
            };
            match timer_state() {
                TimerState::NotStarted => view! {
                    {button("Start the workshop", TimerAction::Start, true)}
                }
                .into_any(),
                TimerState::Running | TimerState::Paused => {
                    let paused = timer_state() == TimerState::Paused;
                    view! {
                        {button("Previous step", TimerAction::Previous, false)}
                        {if paused { button("Resume", TimerAction::Resume, true) } else { button("Pause", TimerAction::Pause, false) }}
                        {button("+1 min", TimerAction::AddMinute, false)}
                        {button("Next step", TimerAction::Next, !paused)}
                        {button("Finish the workshop", TimerAction::Finish, false)}
                    }
                        .into_any()
                }
                TimerState::Finished => {
                    view! { <p class="workshop-console__done">"The workshop is finished."</p> }
                        .into_any()
                }
            }
        }
    };
    let timer = move || {
        let state = timer_state();
        let countdown = Signal::derive(move || {
            workshop.with(|w| w.as_ref().and_then(|w| w.countdown(now.get())))
        });
        let delta = Signal::derive(move || {
            workshop.with(|w| {
                w.as_ref()
                    .map_or(PlanDelta { seconds: 0 }, |w| w.plan_delta(now.get()))
            })
        });
        view! { <TimerFigures countdown delta state/> }
    };
    let step_panel = move || {
        let w = workshop.get()?;
        let step = w.current_step()?.clone();
        let position = format!("Step {} of {}", w.current.saturating_add(1), w.steps.len());
        let next = w.next_step().map_or_else(
            || "Next: the end of the workshop".to_owned(),
            |s| format!("Next: {} ({} min)", s.title(), s.timebox_minutes()),
        );
        Some(view! {
            <p class="workshop-console__position">{position}</p>
            <h2 class="workshop-console__step">{step.title()}</h2>
            <p class="workshop-console__question">{step.kind.question()}</p>
            <p class="workshop-console__next">{next}</p>
            <h3>"Speaker notes"</h3>
            <ul class="workshop-console__notes">
                {step.kind.speaker_notes().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        })
    };
    // What the room sees for this step, in the console's own size.
    let step_content = move || {
        let shown = blocks.get();
        (!shown.is_empty()).then(|| {
            view! {
                <section class="workshop-console__content" aria-label="On the projector">
                    <ContentBlocks blocks=shown/>
                </section>
            }
        })
    };
    let new_issues = {
        let id = id.clone();
        move || {
            (current_kind.get() == Some(StepKind::NewIssues))
                .then(|| view! { <NewIssuePanel id=id.clone() record triaging/> })
        }
    };
    // Notes reach the engagement shortly after typing stops, on leaving the field, when the
    // step moves on and when the page goes; until then the tab's draft holds them.
    let pending_notes = StoredValue::new(None::<(usize, String, String)>);
    let notes_timer = StoredValue::new(None::<TimeoutHandle>);
    let flush_notes = {
        let id = id.clone();
        move || {
            if let Some(Some(handle)) = notes_timer.try_update_value(Option::take) {
                handle.clear();
            }
            let Some(Some((index, key, text))) = pending_notes.try_update_value(Option::take)
            else {
                return;
            };
            match state.set_workshop_notes(&id, number, index, &text) {
                Ok(()) => typing::clear_notes(&id, number, &key),
                Err(e) => error.set(Some(e)),
            }
        }
    };
    let keep_notes = {
        let id = id.clone();
        let flush_notes = flush_notes.clone();
        move |index: usize, key: String, text: String| {
            typing::save_notes(&id, number, &key, &text);
            pending_notes.set_value(Some((index, key, text)));
            if let Some(handle) = notes_timer.get_value() {
                handle.clear();
            }
            let flush_notes = flush_notes.clone();
            notes_timer.set_value(
                set_timeout_with_handle(flush_notes, std::time::Duration::from_millis(700)).ok(),
            );
        }
    };
    {
        let on_hide = flush_notes.clone();
        let handle = window_event_listener(leptos::ev::pagehide, move |_| on_hide());
        let flush_notes = flush_notes.clone();
        on_cleanup(move || {
            handle.remove();
            flush_notes();
        });
    }
    let current_index = Memo::new(move |_| workshop.with(|w| w.as_ref().map_or(0, |w| w.current)));
    Effect::new({
        let flush_notes = flush_notes.clone();
        move |_| {
            current_index.track();
            flush_notes();
        }
    });
    let step_key = Memo::new(move |_| {
        workshop.with(|w| {
            w.as_ref()
                .map(|w| typing::step_key(w, w.current))
                .unwrap_or_default()
        })
    });
    // The decision typed in this step, back after a reload; a new step starts empty.
    Effect::new({
        let id = id.clone();
        move |_| typed.set(typing::load_decision(&id, number, &step_key.get()))
    });
    let notes_field = {
        let id = id.clone();
        move || {
            let index = current_index.get();
            let (key, saved) = workshop.with_untracked(|w| {
                w.as_ref().map_or_else(Default::default, |w| {
                    let notes = w.steps.get(index).map(|s| s.notes.clone());
                    (typing::step_key(w, index), notes.unwrap_or_default())
                })
            });
            let text = match typing::load_notes(&id, number, &key) {
                // Typed before a reload and not saved yet: saved now.
                Some(draft) if draft != saved => {
                    keep_notes(index, key.clone(), draft.clone());
                    draft
                }
                _ => saved,
            };
            let keep_notes = keep_notes.clone();
            let flush_notes = flush_notes.clone();
            view! {
                <div class="field">
                    <label class="field__label" for="workshop-notes">"Notes for this step"</label>
                    <textarea id="workshop-notes" class="field__input field__textarea" rows="4"
                        on:input=move |ev| keep_notes(index, key.clone(), event_target_value(&ev))
                        on:change=move |_| flush_notes()>{text}</textarea>
                </div>
            }
        }
    };
    let decision_problem = move |field: &'static str| {
        move || error.with(|e| e.as_ref().and_then(|e| e.problem_at(field)))
    };
    let record_decision = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let form = DecisionForm {
                text: typed.get_untracked(),
                topic: None,
                recorded_by: recorded_by.get_untracked(),
                vote: None,
            };
            match state.record_workshop_decision(&id, number, &form) {
                Ok(()) => {
                    error.set(None);
                    typing::clear_decision(&id, number);
                    typed.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
        }
    };
    let decisions = move || {
        workshop.with(|w| {
            w.as_ref().map(|w| {
                w.decisions_in_step(w.current)
                    .map(|d| view! { <li>{d.text.clone()}<span class="muted">{format!(" \u{2013} {}", d.recorded_by)}</span></li> })
                    .collect_view()
            })
        })
    };
    let blank_label = move || {
        if screen.get() == Screen::Blank {
            "Show the screen again"
        } else {
            "Blank the screen"
        }
    };
    let on_here_request = Callback::new(move |request: AudienceRequest| handle_request(request));
    let type_decision = {
        let id = id.clone();
        move |ev| {
            let text = event_target_value(&ev);
            typing::save_decision(&id, number, &step_key.get_untracked(), &text);
            typed.set(text);
        }
    };

    view! {
        <section class="page workshop-console">
            <p class="breadcrumb"><a href=back>"Back to the engagement"</a></p>
            <h1 id="page-title">{title}</h1>
            <div class="workshop-console__toolbar">
                <button type="button" class="button button--primary" on:click=open_audience>"Open audience window"</button>
                <button type="button" class="button button--secondary" on:click=move |_| present_here.set(true)>"Present here"</button>
                <button type="button" class="button button--secondary" on:click=move |_| screen.update(|s| *s = if *s == Screen::Blank { Screen::Step } else { Screen::Blank })>{blank_label}</button>
                <button type="button" class="button button--secondary" on:click=export>"Export Markdown"</button>
            </div>
            <Show when=move || follows.get()>
                <p class="notice notice--warning" role="status" id="workshop-follows">
                    "Another window leads this workshop; this one follows. The steps move from there, or here after "
                    <button type="button" class="button button--secondary" on:click=take_lead>"Take the lead"</button>
                </p>
            </Show>
            {move || error.get().filter(|e| e.problem_at(DECISION_TEXT).is_none() && e.problem_at(DECISION_BY).is_none()).map(|e| view! { <p class="field__error" role="alert">{e.to_string()}</p> })}
            <div class="workshop-console__grid">
                <div class="workshop-console__agenda">
                    <h2>"Agenda"</h2>
                    <AgendaList id=id.clone() workshop/>
                </div>
                <div class="workshop-console__now">
                    {timer}
                    <div class="workshop-console__controls">{controls}</div>
                    <super::clicker::ClickerHint/>
                    {step_panel}
                    {step_content}
                    {new_issues}
                    {notes_field}
                    <form class="workshop-console__decision" on:submit=record_decision novalidate>
                        <div class="field">
                            <label class="field__label" for=DECISION_TEXT>"Decision"</label>
                            <textarea id=DECISION_TEXT class="field__input field__textarea" rows="2"
                                prop:value=move || typed.get()
                                on:input=type_decision></textarea>
                            {move || decision_problem(DECISION_TEXT)().map(|m| view! { <p class="field__error">{m}</p> })}
                        </div>
                        <div class="field">
                            <label class="field__label" for=DECISION_BY>"Recorded by"</label>
                            <input id=DECISION_BY class="field__input" type="text" autocomplete="name"
                                prop:value=move || recorded_by.get()
                                on:input=move |ev| recorded_by.set(event_target_value(&ev))/>
                            {move || decision_problem(DECISION_BY)().map(|m| view! { <p class="field__error">{m}</p> })}
                        </div>
                        <button type="submit" class="button button--secondary">"Record the decision"</button>
                    </form>
                    <ul class="workshop-console__decisions" aria-label="Decisions in this step">{decisions}</ul>
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

/// The clock the consoles elect their leader by: milliseconds since the epoch from the
/// monotonic `performance` clock, so it agrees between windows, moves however the wall clock
/// is set (a test's fixed time, a laptop's clock change) and never steps back.
fn lead_clock_ms() -> i64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.time_origin() + p.now()) as i64
}

//! The audience window: what the room sees on the projector. No app chrome and no editing
//! controls; it shows the last state the console sent and moves the countdown on by itself
//! between messages. Its keys (F, B, Esc, arrows) are requests to the console.
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::channel::{keep_screen_awake, Channel};
use super::step_content::ContentBlocks;
use super::timer::TimerFigures;
use crate::domain::workshop::presentation::{AudienceRequest, DecodeError};
use crate::domain::workshop::{AudienceView, ChannelMessage, Presentation, Screen};
use crate::domain::EngagementId;
use crate::route::Route;
use crate::ui::router::navigate;

/// A clock for the countdown: the current time, moved on once a second while mounted.
pub fn second_tick() -> RwSignal<DateTime<Utc>> {
    let now = RwSignal::new(Utc::now());
    let handle = set_interval_with_handle(
        move || now.set(Utc::now()),
        std::time::Duration::from_secs(1),
    )
    .ok();
    on_cleanup(move || {
        if let Some(handle) = handle {
            handle.clear();
        }
    });
    now
}

fn toggle_full_screen() {
    let document = document();
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    } else if let Some(root) = document.document_element() {
        // Refused without a user gesture or where full screen is not allowed: nothing to do.
        let _ = root.request_fullscreen();
    }
}

/// The sizes a busy step's content may shrink to, as classes of the stylesheet (which sets
/// `--fit` from them and keeps the text at 32 px or more whatever they say). Classes rather
/// than a style attribute: the Content-Security-Policy refuses inline styles.
const FITS: [&str; 8] = [
    "fit-95", "fit-90", "fit-85", "fit-80", "fit-75", "fit-70", "fit-65", "fit-60",
];

/// Shrinks the step's content until the slide fits the window, so a busy step keeps its
/// decision above the fold; a slide that fits is shown at full size.
fn fit_to_window(root: &web_sys::Element) {
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let classes = root.class_list();
    for fit in FITS {
        let _ = classes.remove_1(fit);
    }
    if height <= 0.0 {
        return;
    }
    let overflows = || f64::from(root.scroll_height()) > height + 1.0;
    let mut previous = None;
    for fit in FITS {
        if !overflows() {
            break;
        }
        if let Some(previous) = previous {
            let _ = classes.remove_1(previous);
        }
        let _ = classes.add_1(fit);
        previous = Some(fit);
    }
}

/// The projector screen, shared by the audience window and "Present here" in the console.
#[component]
pub fn AudienceScreen(
    shown: Signal<Option<Presentation>>,
    now: Signal<DateTime<Utc>>,
    on_request: Callback<AudienceRequest>,
    #[prop(optional)] newer_build: Option<Signal<bool>>,
) -> impl IntoView {
    let handle = window_event_listener(leptos::ev::keydown, move |event| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let request = match event.key().as_str() {
            "f" | "F" => {
                toggle_full_screen();
                None
            }
            "b" | "B" => Some(AudienceRequest::ToggleBlank),
            "Escape" => Some(AudienceRequest::Left),
            "ArrowRight" | "PageDown" => Some(AudienceRequest::Next),
            "ArrowLeft" | "PageUp" => Some(AudienceRequest::Previous),
            _ => return,
        };
        event.prevent_default();
        if let Some(request) = request {
            on_request.run(request);
        }
    });
    on_cleanup(move || handle.remove());
    keep_screen_awake();

    let newer = move || newer_build.is_some_and(|s| s.get());
    let root = NodeRef::<leptos::html::Div>::new();
    let fit = move || {
        if let Some(root) = root.get_untracked() {
            fit_to_window(&root);
        }
    };
    // After the new step is drawn, and whenever the window changes size.
    Effect::new(move |_| {
        shown.track();
        request_animation_frame(fit);
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| fit());
    on_cleanup(move || resize.remove());
    view! {
        <div node_ref=root class="audience" class:audience--blank=move || shown.with(|p| p.as_ref().is_some_and(|p| p.screen == Screen::Blank))>
            {move || {
                if newer() {
                    return view! {
                        <div class="audience__waiting">
                            <h1 id="page-title">"Reload this window"</h1>
                            <p>"The console runs a newer version of Handrail."</p>
                        </div>
                    }
                        .into_any();
                }
                match shown.get() {
                    None => view! {
                        <div class="audience__waiting">
                            <h1 id="page-title">"Waiting for the workshop console"</h1>
                            <p>"Open the console of this engagement\u{2019}s workshop in another window of this browser."</p>
                        </div>
                    }
                        .into_any(),
                    Some(p) if p.screen == Screen::Blank => view! {
                        <p class="visually-hidden audience__blank-note">"The screen is blank. Press B to show it again."</p>
                    }
                        .into_any(),
                    Some(p) => view! { <StepSlide p now/> }.into_any(),
                }
            }}
        </div>
    }
}

#[component]
fn StepSlide(p: Presentation, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let timer = p.timer;
    let position = format!("Step {} of {}", p.current.saturating_add(1), p.steps.len());
    let next = p
        .steps
        .get(p.current.saturating_add(1))
        .map(|title| format!("Next: {title}"));
    let heading = format!("{} {}", p.agenda, p.workshop);
    let blocks = p.content;
    // What the room decides (a vote, decisions, the decision being typed) gets a column of its
    // own beside the step's content, so a busy step keeps it on screen. The column is there
    // even while empty: the slide does not jump when the first decision appears.
    let decisions = (!p.decisions.is_empty()).then(|| {
        view! {
            <section class="audience__decisions" aria-label="Decided">
                <h2 class="audience__subhead">"Decided"</h2>
                <ul class="audience__list">
                    {p.decisions.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                </ul>
            </section>
        }
    });
    let typed = (!p.typed_decision.is_empty()).then(|| {
        view! {
            <section class="audience__typing" aria-label="Being written">
                <h2 class="audience__subhead">"Being written"</h2>
                <p class="audience__typed" data-testid="typed-decision">{p.typed_decision}</p>
            </section>
        }
    });
    let vote = p.vote.map(|v| {
        let result = match v.result {
            Some(result) => view! {
                <ol class="audience__list">
                    {result
                        .ranked
                        .iter()
                        .map(|item| view! { <li>{format!("{}: {} dots{}", item.label, item.total, if item.tied { " (tied)" } else { "" })}</li> })
                        .collect_view()}
                </ol>
            }
                .into_any(),
            // The options are on screen from the start, so the room knows what it votes on.
            None => view! {
                <p data-testid="vote-options">{v.items.join(" \u{00b7} ")}</p>
                <p>{match v.participants {
                    1 => "1 person has voted. The totals stay hidden until the reveal.".to_owned(),
                    n => format!("{n} people have voted. The totals stay hidden until the reveal."),
                }}</p>
            }
                .into_any(),
        };
        view! {
            <section class="audience__vote" aria-label="Dot vote">
                <h2 class="audience__subhead">{format!("Dot vote: {}", v.question)}</h2>
                {result}
            </section>
        }
    });
    view! {
        <div class="audience__slide">
            <header class="audience__top">
                <p class="audience__meta">{heading}" \u{00b7} "{p.engagement_name}</p>
                <p class="audience__meta" data-testid="audience-position">{position}</p>
            </header>
            <div class="audience__body audience__body--room">
                <div class="audience__main">
                    <h1 id="page-title" class="audience__title">{p.steps.get(p.current).cloned().unwrap_or_default()}</h1>
                    <p class="audience__question">{p.question}</p>
                    <ContentBlocks blocks/>
                </div>
                <aside class="audience__side" aria-label="Timer">
                    <TimerFigures
                        countdown=Signal::derive(move || timer.countdown(now.get()))
                        delta=Signal::derive(move || timer.plan_delta(now.get()))
                        state=timer.state
                    />
                    {next.map(|n| view! { <p class="audience__next">{n}</p> })}
                </aside>
                <div class="audience__room">
                    {vote}
                    {decisions}
                    {typed}
                </div>
            </div>
        </div>
    }
}

/// `#/engagements/<id>/audience`: the window the facilitator drags onto the projector.
#[component]
pub fn AudiencePage(id: EngagementId) -> impl IntoView {
    // No app chrome on the projector: the shell's header and footer hide while this is shown.
    if let Some(root) = document().document_element() {
        let _ = root.class_list().add_1("presenting");
    }
    on_cleanup(|| {
        if let Some(root) = document().document_element() {
            let _ = root.class_list().remove_1("presenting");
        }
    });
    let shown = RwSignal::new(None::<Presentation>);
    let newer = RwSignal::new(false);
    let view_state = StoredValue::new(AudienceView::default());
    let channel = StoredValue::new_local(Channel::open(
        &id.to_string(),
        move |message| match message {
            Ok(message @ ChannelMessage::Show { .. }) => {
                let mut updated = None;
                view_state.update_value(|v| {
                    v.apply(message);
                    updated = v.shown.clone();
                });
                newer.set(false);
                shown.set(updated);
            }
            Ok(_) | Err(DecodeError::NotOurs) => {}
            Err(DecodeError::Newer(_)) => newer.set(true),
        },
    ));
    let post = move |message: ChannelMessage| {
        channel.with_value(|c| {
            if let Some(c) = c {
                c.post(&message);
            }
        });
    };
    post(AudienceView::on_open());
    let now = second_tick();
    let id_for_code = id.clone();
    let state = crate::state::AppState::get();
    // The code waits until the window has had time to hear from the console: drawing it takes
    // a moment that a step being shown should not wait for.
    let settled = RwSignal::new(false);
    set_timeout(
        move || {
            settled.try_set(true);
        },
        std::time::Duration::from_millis(1500),
    );
    let on_request = Callback::new(move |request: AudienceRequest| {
        post(ChannelMessage::Ask(request));
        if request == AudienceRequest::Left {
            // A window opened by the console closes; one opened by hand goes to the engagement.
            let _ = window().close();
            navigate(&Route::Engagement(
                id.clone(),
                crate::route::Section::Overview,
            ));
        }
    });
    view! {
        <AudienceScreen
            shown=shown.into()
            now=now.into()
            on_request
            newer_build=newer.into()
        />
        // While people come in and the console has not started: the way to report a problem,
        // once the business can (nothing shows before the report link exists). Not over a
        // step, where it would cover what is presented.
        {move || (settled.get() && shown.with(Option::is_none)).then(|| report_code(state, &id_for_code))}
    }
}

fn report_code(state: crate::state::AppState, id: &EngagementId) -> Option<AnyView> {
    let saved = state.find(id)?;
    let id = id.clone();
    let record = Signal::derive(move || state.find(&id).unwrap_or_else(|| saved.clone()));
    Some(
        view! {
            <aside class="audience__report" aria-label="Report a problem">
                {crate::ui::lazy::show(crate::ui::parts::report_qr(record))}
            </aside>
        }
        .into_any(),
    )
}

//! The vote on screen in the console: record the votes per person (or the totals counted
//! from dots on a wall) while it is hidden, reveal it, and record its result as a decision.
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::workshop::vote::{parse_count, parse_participants, DotVote, Tally, VoteResult};
use crate::domain::workshop::Workshop;
use crate::domain::EngagementId;
use crate::state::AppState;

/// Which vote of which workshop a control changes. It carries the app's state because the
/// controls' handlers run outside the component's context.
#[derive(Clone)]
pub struct VoteOn {
    pub state: AppState,
    pub id: EngagementId,
    pub number: u32,
    pub index: usize,
}

impl VoteOn {
    /// Applies `apply` to the vote through its state command; the error as the console says it.
    fn change(&self, apply: &dyn Fn(&mut DotVote) -> Result<(), String>) -> Result<(), String> {
        self.state
            .change_workshop_vote(&self.id, self.number, self.index, apply)
            .map_err(|e| e.to_string())
    }
}

#[component]
pub fn CurrentVote(
    on: VoteOn,
    vote: DotVote,
    workshop: Memo<Option<Workshop>>,
    shown_vote: RwSignal<Option<usize>>,
    recorded_by: RwSignal<String>,
    totals_mode: RwSignal<bool>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let index = on.index;
    let on_screen = move || shown_vote.get() == Some(index);
    let body = match vote.result().cloned() {
        Some(result) => view! { <RevealedVote on result workshop recorded_by error/> }.into_any(),
        None => view! { <HiddenVote on vote=vote.clone() totals_mode error/> }.into_any(),
    };
    view! {
        <div class="workshop-vote">
            <h3>{vote.question.clone()}</h3>
            <label class="workshop-vote__show">
                <input type="checkbox" prop:checked=on_screen
                    on:change=move |ev| shown_vote.set(event_target_checked(&ev).then_some(index))/>
                " Show this vote on the projector"
            </label>
            {body}
        </div>
    }
}

/// The revealed result, ranked, and "Record the result as a decision" until it is.
#[component]
fn RevealedVote(
    on: VoteOn,
    result: VoteResult,
    workshop: Memo<Option<Workshop>>,
    recorded_by: RwSignal<String>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let index = on.index;
    let decided = move || workshop.with(|w| w.as_ref().is_some_and(|w| w.vote_decided(index)));
    let record_result = move |_| {
        let by = recorded_by.get_untracked();
        let result = on
            .state
            .record_workshop_vote_result(&on.id, on.number, index, &by);
        error.set(result.err().map(|e| e.to_string()));
    };
    view! {
        <p class="workshop-vote__result">{result.summary()}</p>
        <ol>{result.ranked.iter().map(|r| view! { <li>{format!("{}: {} dots", r.label, r.total)}</li> }).collect_view()}</ol>
        {move || if decided() {
            view! { <p>"\u{2714} The result is recorded as a decision in this step."</p> }.into_any()
        } else {
            let record_result = record_result.clone();
            view! {
                <button type="button" class="button button--primary" on:click=record_result>"Record the result as a decision"</button>
                <p class="field__hint">"Recorded by the name in \u{201c}Recorded by\u{201d} above."</p>
            }
            .into_any()
        }}
    }
}

/// Who voted so far, the per-person or totals form, "Reveal" and "Clear the votes".
#[component]
fn HiddenVote(
    on: VoteOn,
    vote: DotVote,
    totals_mode: RwSignal<bool>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let labels: Vec<String> = vote.items.iter().map(|i| i.label.clone()).collect();
    let counts = RwSignal::new(vec![String::new(); labels.len()]);
    let (recorded, voters) = match &vote.tally {
        Tally::PerPerson(ballots) if ballots.is_empty() => (None, String::new()),
        Tally::PerPerson(ballots) => (
            Some(false),
            ballots
                .iter()
                .map(|b| b.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Tally::Totals { participants, .. } => {
            (Some(true), format!("{participants} people, as totals"))
        }
    };
    let as_totals = move || recorded.unwrap_or_else(|| totals_mode.get());
    let clear = {
        let on = on.clone();
        move |_| error.set(on.change(&|v| v.clear().map_err(|e| e.to_string())).err())
    };
    let reveal = {
        let on = on.clone();
        move |_| {
            let result =
                on.change(&|v| v.reveal(Utc::now()).map(|_| ()).map_err(|e| e.to_string()));
            error.set(result.err());
        }
    };
    let so_far = if voters.is_empty() {
        String::new()
    } else {
        format!(": {voters}")
    };
    let form = {
        let labels = labels.clone();
        move || {
            let (on, labels) = (on.clone(), labels.clone());
            if as_totals() {
                view! { <TotalsForm on labels counts error/> }.into_any()
            } else {
                view! { <BallotForm on labels counts error/> }.into_any()
            }
        }
    };
    view! {
        <p>{format!("{} voted so far{so_far}", vote.participants())}". Totals stay hidden until the reveal."</p>
        <fieldset class="fieldset workshop-vote__mode">
            <legend class="field__label">"Record the votes"</legend>
            <div class="checkbox-row">
                <div class="checkbox">
                    <input type="radio" id="vote-mode-person" name="vote-mode" prop:checked=move || !as_totals()
                        disabled=recorded.is_some() on:change=move |_| totals_mode.set(false)/>
                    <label for="vote-mode-person">"Per person"</label>
                </div>
                <div class="checkbox">
                    <input type="radio" id="vote-mode-totals" name="vote-mode" prop:checked=as_totals
                        disabled=recorded.is_some() on:change=move |_| totals_mode.set(true)/>
                    <label for="vote-mode-totals">"As totals only"</label>
                </div>
            </div>
        </fieldset>
        {form}
        <div class="workshop-vote__actions">
            <button type="button" class="button button--primary" on:click=reveal>"Reveal"</button>
            {recorded.is_some().then(|| view! {
                <button type="button" class="button button--secondary" on:click=clear>"Clear the votes"</button>
            })}
        </div>
    }
}

/// The typed counts, read with the domain's parser: empty means none.
fn parsed(labels: &[String], counts: RwSignal<Vec<String>>) -> Result<Vec<u32>, String> {
    counts.with_untracked(|typed| {
        labels
            .iter()
            .zip(typed.iter())
            .map(|(label, t)| parse_count(label, t).map_err(|e| e.to_string()))
            .collect()
    })
}

/// One number field per item; `max` is the most dots one person may put on an item ("" for
/// totals).
fn count_fields(
    labels: &[String],
    counts: RwSignal<Vec<String>>,
    max: &'static str,
) -> impl IntoView {
    labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let field = format!("vote-count-{i}");
            view! {
                <div class="field">
                    <label class="field__label" for=field.clone()>{label.clone()}</label>
                    <input id=field class="field__input" type="number" min="0" max=max inputmode="numeric"
                        prop:value=move || counts.with(|c| c.get(i).cloned().unwrap_or_default())
                        on:input=move |ev| counts.update(|c| if let Some(x) = c.get_mut(i) { *x = event_target_value(&ev) })/>
                </div>
            }
        })
        .collect_view()
}

/// One participant's dots.
#[component]
fn BallotForm(
    on: VoteOn,
    labels: Vec<String>,
    counts: RwSignal<Vec<String>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let voter = RwSignal::new(String::new());
    let fields = count_fields(&labels, counts, "3");
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = voter.get_untracked();
        let result = parsed(&labels, counts)
            .and_then(|c| on.change(&|v| v.record_ballot(&name, &c).map_err(|e| e.to_string())));
        match result {
            Ok(()) => {
                error.set(None);
                voter.set(String::new());
                counts.update(|c| c.iter_mut().for_each(String::clear));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="workshop-vote__ballot" on:submit=record novalidate>
            <div class="field">
                <label class="field__label" for="vote-voter">"Participant"</label>
                <input id="vote-voter" class="field__input" type="text"
                    prop:value=move || voter.get() on:input=move |ev| voter.set(event_target_value(&ev))/>
            </div>
            <p class="field__hint">"Up to 5 dots each, at most 3 on one item."</p>
            <div class="workshop-vote__counts">{fields}</div>
            <button type="submit" class="button button--secondary">"Record these votes"</button>
        </form>
    }
}

/// The totals counted from dots on a wall, and how many people voted.
#[component]
fn TotalsForm(
    on: VoteOn,
    labels: Vec<String>,
    counts: RwSignal<Vec<String>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let participants = RwSignal::new(String::new());
    let fields = count_fields(&labels, counts, "");
    let record_totals = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = parse_participants(&participants.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|people| {
                parsed(&labels, counts).and_then(|c| {
                    on.change(&|v| v.set_totals(people, &c).map_err(|e| e.to_string()))
                })
            });
        error.set(result.err());
    };
    view! {
        <form class="workshop-vote__ballot" on:submit=record_totals novalidate>
            <div class="field">
                <label class="field__label" for="vote-participants">"People who voted"</label>
                <input id="vote-participants" class="field__input workshop-vote__people" type="number" min="1" inputmode="numeric"
                    prop:value=move || participants.get() on:input=move |ev| participants.set(event_target_value(&ev))/>
            </div>
            <p class="field__hint">"Dots counted per item: at most 3 per person on one item, 5 per person in all."</p>
            <div class="workshop-vote__counts">{fields}</div>
            <button type="submit" class="button button--secondary">"Record the totals"</button>
        </form>
    }
}

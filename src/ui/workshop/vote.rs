//! The dot vote in the console: set it up in the step on screen, record the votes per person
//! (or the totals counted from dots on a wall), and reveal them. The totals stay hidden, in
//! the console and on the projector, until "Reveal". Recording and revealing the vote on
//! screen is `vote_ballot`.
use leptos::prelude::*;

use super::vote_ballot::{CurrentVote, VoteOn};

use crate::domain::charter::ScopeCategory;
use crate::domain::workshop::vote::{DotVote, VoteItem};
use crate::domain::workshop::Workshop;
use crate::domain::EngagementId;
use crate::state::AppState;

#[component]
pub fn DotVotePanel(
    id: EngagementId,
    number: u32,
    workshop: Memo<Option<Workshop>>,
    /// The vote on the projector, if any: the console's choice, broadcast with the rest.
    shown_vote: RwSignal<Option<usize>>,
    /// The decision form's "Recorded by", which also records a vote's result.
    recorded_by: RwSignal<String>,
    /// The charter's scope categories in the charter workshop's scope step, each of which can
    /// be put to the room as "in or out?"; empty in every other step.
    categories: Signal<Vec<ScopeCategory>>,
) -> impl IntoView {
    let state = AppState::get();
    let error = RwSignal::new(None::<String>);
    // The newest vote held in the step on screen.
    let current = Memo::new(move |_| {
        workshop.with(|w| {
            w.as_ref().and_then(|w| {
                w.votes
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, v)| v.step == w.current)
                    .map(|(i, v)| (i, v.clone()))
            })
        })
    });
    // A new vote is saved, then put on the projector; the starter clears its form on `true`.
    let start = {
        let id = id.clone();
        Callback::new(move |made: Result<DotVote, String>| {
            let saved = made.and_then(|vote| {
                state
                    .add_workshop_vote(&id, number, vote)
                    .map_err(|e| e.to_string())
            });
            match saved {
                Ok(index) => {
                    error.set(None);
                    shown_vote.set(Some(index));
                    true
                }
                Err(e) => {
                    error.set(Some(e));
                    false
                }
            }
        })
    };
    let step = Signal::derive(move || workshop.with(|w| w.as_ref().map_or(0, |w| w.current)));
    // Per person or as totals only: chosen while nothing is recorded, then read from the tally.
    // Kept here so that the choice survives each recorded ballot's redraw.
    let totals_mode = RwSignal::new(false);
    let vote_view = move || {
        let (index, vote) = current.get()?;
        let on = VoteOn {
            state,
            id: id.clone(),
            number,
            index,
        };
        Some(view! { <CurrentVote on vote workshop shown_vote recorded_by totals_mode error/> })
    };
    view! {
        <section class="workshop-console__vote" aria-labelledby="vote-title">
            <h2 id="vote-title">"Dot vote"</h2>
            {move || error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
            {vote_view}
            <ScopeVoteStarter categories step start/>
            <NewVoteForm step start/>
        </section>
    }
}

/// "Vote on a scope category: in or out?", in the charter workshop's scope step only.
#[component]
fn ScopeVoteStarter(
    categories: Signal<Vec<ScopeCategory>>,
    step: Signal<usize>,
    start: Callback<Result<DotVote, String>, bool>,
) -> impl IntoView {
    let scope_choice = RwSignal::new(String::new());
    let start_scope = move |_| {
        let chosen = scope_choice.get_untracked();
        let made = categories.with_untracked(|all| {
            all.iter()
                .find(|c| c.id == chosen)
                .ok_or_else(|| "Choose the category the room votes on.".to_owned())
                .and_then(|c| {
                    DotVote::scope_in_or_out(c, step.get_untracked()).map_err(|e| e.to_string())
                })
        });
        start.run(made);
    };
    move || {
        let options = categories.get();
        (!options.is_empty()).then(|| view! {
            <div class="workshop-vote__scope">
                <div class="field">
                    <label class="field__label" for="vote-scope-category">"Vote on a scope category: in or out?"</label>
                    <select id="vote-scope-category" class="field__input"
                        on:change=move |ev| scope_choice.set(event_target_value(&ev))>
                        <option value="" selected=move || scope_choice.get().is_empty()>"Choose a category"</option>
                        {options.into_iter().map(|c| {
                            let side = if c.in_scope { "now in scope" } else { "now out of scope" };
                            let key = c.id.clone();
                            view! { <option value=c.id.clone() selected=move || scope_choice.get() == key>{format!("{} ({side})", c.name.trim())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="button" class="button button--secondary" on:click=start_scope>"Start the scope vote"</button>
            </div>
        })
    }
}

/// "Start a dot vote in this step": a question and its items, one per line.
#[component]
fn NewVoteForm(
    step: Signal<usize>,
    start: Callback<Result<DotVote, String>, bool>,
) -> impl IntoView {
    let question = RwSignal::new(String::new());
    let items = RwSignal::new(String::new());
    let submit = move |_| {
        let labels: Vec<VoteItem> = items
            .get_untracked()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| VoteItem {
                label: l.to_owned(),
                topic: None,
            })
            .collect();
        let made = DotVote::new(
            &question.get_untracked(),
            step.get_untracked(),
            None,
            labels,
        )
        .map_err(|e| e.to_string());
        if start.run(made) {
            question.set(String::new());
            items.set(String::new());
        }
    };
    view! {
        <details class="workshop-vote__new">
            <summary>"Start a dot vote in this step"</summary>
            <div class="field">
                <label class="field__label" for="vote-question">"Question"</label>
                <input id="vote-question" class="field__input" type="text"
                    prop:value=move || question.get() on:input=move |ev| question.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="vote-items">"Items, one per line"</label>
                <textarea id="vote-items" class="field__input field__textarea" rows="3"
                    prop:value=move || items.get() on:input=move |ev| items.set(event_target_value(&ev))></textarea>
            </div>
            <button type="button" class="button button--secondary" on:click=submit>"Start the vote"</button>
        </details>
    }
}

//! The dot vote in the console: set it up in the step on screen, record the votes per person
//! (or the totals counted from dots on a wall), and reveal them. The totals stay hidden, in
//! the console and on the projector, until "Reveal".
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::workshop::vote::{parse_count, DotVote, Tally, VoteItem};
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
) -> impl IntoView {
    let state = AppState::get();
    let error = RwSignal::new(None::<String>);
    let question = RwSignal::new(String::new());
    let items = RwSignal::new(String::new());
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
    let start = {
        let id = id.clone();
        move |_| {
            let step = workshop.with_untracked(|w| w.as_ref().map_or(0, |w| w.current));
            let labels: Vec<VoteItem> = items
                .get_untracked()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| VoteItem {
                    label: l.to_owned(),
                    topic: None,
                })
                .collect();
            match DotVote::new(&question.get_untracked(), step, None, labels) {
                Ok(vote) => match state.add_workshop_vote(&id, number, vote) {
                    Ok(index) => {
                        error.set(None);
                        question.set(String::new());
                        items.set(String::new());
                        shown_vote.set(Some(index));
                    }
                    Err(e) => error.set(Some(e.to_string())),
                },
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };
    let vote_view = move || {
        let (index, vote) = current.get()?;
        let id = id.clone();
        let labels: Vec<String> = vote.items.iter().map(|i| i.label.clone()).collect();
        let counts = RwSignal::new(vec![String::new(); labels.len()]);
        let voter = RwSignal::new(String::new());
        let record = {
            let id = id.clone();
            let labels = labels.clone();
            move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let typed = counts.get_untracked();
                let parsed: Result<Vec<u32>, String> = labels
                    .iter()
                    .zip(typed.iter())
                    .map(|(label, t)| parse_count(label, t).map_err(|e| e.to_string()))
                    .collect();
                let name = voter.get_untracked();
                let result = parsed.and_then(|c| {
                    state
                        .change_workshop_vote(&id, number, index, |v| {
                            v.record_ballot(&name, &c).map_err(|e| e.to_string())
                        })
                        .map_err(|e| e.to_string())
                });
                match result {
                    Ok(()) => {
                        error.set(None);
                        voter.set(String::new());
                        counts.set(vec![String::new(); typed.len()]);
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        };
        let reveal = {
            let id = id.clone();
            move |_| {
                let result = state.change_workshop_vote(&id, number, index, |v| {
                    v.reveal(Utc::now()).map(|_| ()).map_err(|e| e.to_string())
                });
                error.set(result.err().map(|e| e.to_string()));
            }
        };
        let voters = match &vote.tally {
            Tally::PerPerson(ballots) => ballots
                .iter()
                .map(|b| b.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
            Tally::Totals { participants, .. } => format!("{participants} people (totals)"),
        };
        let on_screen = move || shown_vote.get() == Some(index);
        let body = match vote.result() {
            Some(result) => view! {
                <p class="workshop-vote__result">{result.summary()}</p>
                <ol>{result.ranked.iter().map(|r| view! { <li>{format!("{}: {} dots", r.label, r.total)}</li> }).collect_view()}</ol>
            }
                .into_any(),
            None => view! {
                <p>{format!("{} voted so far{}", vote.participants(), if voters.is_empty() { String::new() } else { format!(": {voters}") })}". Totals stay hidden until the reveal."</p>
                <form class="workshop-vote__ballot" on:submit=record novalidate>
                    <div class="field">
                        <label class="field__label" for="vote-voter">"Participant"</label>
                        <input id="vote-voter" class="field__input" type="text"
                            prop:value=move || voter.get() on:input=move |ev| voter.set(event_target_value(&ev))/>
                    </div>
                    <p class="field__hint">"Up to 5 dots each, at most 3 on one item."</p>
                    <div class="workshop-vote__counts">
                        {labels.iter().enumerate().map(|(i, label)| {
                            let field = format!("vote-count-{i}");
                            view! {
                                <div class="field">
                                    <label class="field__label" for=field.clone()>{label.clone()}</label>
                                    <input id=field class="field__input" type="number" min="0" max="3" inputmode="numeric"
                                        prop:value=move || counts.with(|c| c.get(i).cloned().unwrap_or_default())
                                        on:input=move |ev| counts.update(|c| if let Some(x) = c.get_mut(i) { *x = event_target_value(&ev) })/>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <button type="submit" class="button button--secondary">"Record these votes"</button>
                </form>
                <button type="button" class="button button--primary" on:click=reveal>"Reveal"</button>
            }
                .into_any(),
        };
        Some(view! {
            <div class="workshop-vote">
                <h3>{vote.question.clone()}</h3>
                <label class="workshop-vote__show">
                    <input type="checkbox" prop:checked=on_screen
                        on:change=move |ev| shown_vote.set(event_target_checked(&ev).then_some(index))/>
                    " Show this vote on the projector"
                </label>
                {body}
            </div>
        })
    };
    view! {
        <section class="workshop-console__vote" aria-labelledby="vote-title">
            <h2 id="vote-title">"Dot vote"</h2>
            {move || error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
            {vote_view}
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
                <button type="button" class="button button--secondary" on:click=start>"Start the vote"</button>
            </details>
        </section>
    }
}

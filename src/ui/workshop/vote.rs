//! The dot vote in the console: set it up in the step on screen, record the votes per person
//! (or the totals counted from dots on a wall), and reveal them. The totals stay hidden, in
//! the console and on the projector, until "Reveal".
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::charter::ScopeCategory;
use crate::domain::workshop::vote::{parse_count, parse_participants, DotVote, Tally, VoteItem};
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
    let add = {
        let id = id.clone();
        move |made: Result<DotVote, String>| match made.and_then(|vote| {
            state
                .add_workshop_vote(&id, number, vote)
                .map_err(|e| e.to_string())
        }) {
            Ok(index) => {
                error.set(None);
                question.set(String::new());
                items.set(String::new());
                shown_vote.set(Some(index));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let scope_choice = RwSignal::new(String::new());
    let start_scope = {
        let add = add.clone();
        move |_| {
            let step = workshop.with_untracked(|w| w.as_ref().map_or(0, |w| w.current));
            let chosen = scope_choice.get_untracked();
            let made = categories.with_untracked(|all| {
                all.iter()
                    .find(|c| c.id == chosen)
                    .ok_or_else(|| "Choose the category the room votes on.".to_owned())
                    .and_then(|c| DotVote::scope_in_or_out(c, step).map_err(|e| e.to_string()))
            });
            add(made);
        }
    };
    let start = {
        let add = add.clone();
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
            add(DotVote::new(&question.get_untracked(), step, None, labels)
                .map_err(|e| e.to_string()));
        }
    };
    // Per person or as totals only: chosen while nothing is recorded, then read from the tally.
    let totals_mode = RwSignal::new(false);
    let vote_view = move || {
        let (index, vote) = current.get()?;
        let id = id.clone();
        let labels: Vec<String> = vote.items.iter().map(|i| i.label.clone()).collect();
        let counts = RwSignal::new(vec![String::new(); labels.len()]);
        let voter = RwSignal::new(String::new());
        let participants = RwSignal::new(String::new());
        let change = {
            let id = id.clone();
            move |apply: &dyn Fn(&mut DotVote) -> Result<(), String>| {
                state
                    .change_workshop_vote(&id, number, index, apply)
                    .map_err(|e| e.to_string())
            }
        };
        // The typed counts, read with the domain's parser: empty means none.
        let parsed = {
            let labels = labels.clone();
            move || -> Result<Vec<u32>, String> {
                let typed = counts.get_untracked();
                labels
                    .iter()
                    .zip(typed.iter())
                    .map(|(label, t)| parse_count(label, t).map_err(|e| e.to_string()))
                    .collect()
            }
        };
        let record = {
            let change = change.clone();
            let parsed = parsed.clone();
            move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let name = voter.get_untracked();
                let result = parsed().and_then(|c| {
                    change(&|v| v.record_ballot(&name, &c).map_err(|e| e.to_string()))
                });
                match result {
                    Ok(()) => {
                        error.set(None);
                        voter.set(String::new());
                        counts.update(|c| c.iter_mut().for_each(String::clear));
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        };
        let record_totals = {
            let change = change.clone();
            move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let result = parse_participants(&participants.get_untracked())
                    .map_err(|e| e.to_string())
                    .and_then(|people| {
                        parsed().and_then(|c| {
                            change(&|v| v.set_totals(people, &c).map_err(|e| e.to_string()))
                        })
                    });
                error.set(result.err());
            }
        };
        let clear = {
            let change = change.clone();
            move |_| error.set(change(&|v| v.clear().map_err(|e| e.to_string())).err())
        };
        let reveal = {
            let change = change.clone();
            move |_| {
                let result =
                    change(&|v| v.reveal(Utc::now()).map(|_| ()).map_err(|e| e.to_string()));
                error.set(result.err());
            }
        };
        let record_result = {
            let id = id.clone();
            move |_| {
                let result = state.record_workshop_vote_result(
                    &id,
                    number,
                    index,
                    &recorded_by.get_untracked(),
                );
                error.set(result.err().map(|e| e.to_string()));
            }
        };
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
        let decided = move || workshop.with(|w| w.as_ref().is_some_and(|w| w.vote_decided(index)));
        let on_screen = move || shown_vote.get() == Some(index);
        let count_fields = move |max: &'static str| {
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
        };
        let body = match vote.result() {
            Some(result) => view! {
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
            .into_any(),
            None => view! {
                <p>{format!("{} voted so far{}", vote.participants(), if voters.is_empty() { String::new() } else { format!(": {voters}") })}". Totals stay hidden until the reveal."</p>
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
                {move || if as_totals() {
                    let record_totals = record_totals.clone();
                    view! {
                        <form class="workshop-vote__ballot" on:submit=record_totals novalidate>
                            <div class="field">
                                <label class="field__label" for="vote-participants">"People who voted"</label>
                                <input id="vote-participants" class="field__input workshop-vote__people" type="number" min="1" inputmode="numeric"
                                    prop:value=move || participants.get() on:input=move |ev| participants.set(event_target_value(&ev))/>
                            </div>
                            <p class="field__hint">"Dots counted per item: at most 3 per person on one item, 5 per person in all."</p>
                            <div class="workshop-vote__counts">{count_fields("")}</div>
                            <button type="submit" class="button button--secondary">"Record the totals"</button>
                        </form>
                    }
                    .into_any()
                } else {
                    let record = record.clone();
                    view! {
                        <form class="workshop-vote__ballot" on:submit=record novalidate>
                            <div class="field">
                                <label class="field__label" for="vote-voter">"Participant"</label>
                                <input id="vote-voter" class="field__input" type="text"
                                    prop:value=move || voter.get() on:input=move |ev| voter.set(event_target_value(&ev))/>
                            </div>
                            <p class="field__hint">"Up to 5 dots each, at most 3 on one item."</p>
                            <div class="workshop-vote__counts">{count_fields("3")}</div>
                            <button type="submit" class="button button--secondary">"Record these votes"</button>
                        </form>
                    }
                    .into_any()
                }}
                <div class="workshop-vote__actions">
                    <button type="button" class="button button--primary" on:click=reveal>"Reveal"</button>
                    {recorded.is_some().then(|| view! {
                        <button type="button" class="button button--secondary" on:click=clear>"Clear the votes"</button>
                    })}
                </div>
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
    let scope_vote = move || {
        let options = categories.get();
        (!options.is_empty()).then(|| {
            let start_scope = start_scope.clone();
            view! {
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
            }
        })
    };
    view! {
        <section class="workshop-console__vote" aria-labelledby="vote-title">
            <h2 id="vote-title">"Dot vote"</h2>
            {move || error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
            {vote_view}
            {scope_vote}
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

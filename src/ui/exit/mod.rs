//! The hypercare exit review: a wizard on the shared stepper that compiles the review from the
//! data, takes what only people know, and is signed by both teams; then a frozen document.
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::workshop::AgendaKind;
use crate::ui::workshop::PresentLink;

use crate::domain::charter::{Charter, RoutingDestination};
use crate::domain::exit::criteria::{evaluate, CriterionResult};
use crate::domain::exit::health::{health, hypercare_weeks, weekly_trend, Health, WeekTrend};
use crate::domain::exit::review::{Exception, ExitReview, Signature};
use crate::domain::triage::{csv, Issue, Status};
use crate::domain::Engagement;
use crate::state::zone::BrowserZones;
use crate::state::SavedEngagement;
use crate::state::{AppState, CommandError, Problem};
use crate::ui::components::{StackedTable, Stepper, TextArea, TextField};
use crate::ui::dom::focus_by_id;
use crate::ui::format::{duration, local_date, share};
use crate::ui::working_copy::{Part, WorkingCopy};

const STEPS: [&str; 5] = [
    "Resolved and transferred",
    "Enhancement requests",
    "System health",
    "Exit criteria",
    "Sign",
];

#[derive(Clone, Copy)]
struct Compiled {
    charter: Memo<Option<Charter>>,
    issues: Memo<Vec<Issue>>,
    health: Memo<Option<Health>>,
    criteria: Memo<Vec<CriterionResult>>,
    review: Memo<ExitReview>,
    trend: Memo<Option<Vec<WeekTrend>>>,
    /// The review's working copy while it is open (none once signed).
    editor: Option<WorkingCopy<ExitReview>>,
}

impl Compiled {
    /// Changes the open review: the working copy first, saved at once; a failed save keeps
    /// the change on screen and says why beside the wizard.
    fn edit(&self, change: impl FnOnce(&mut ExitReview)) {
        if let Some(editor) = self.editor {
            editor.edit(change);
        }
    }
}

/// The exit review as a part of the engagement, for its working copy.
const REVIEW: Part<ExitReview> = Part {
    read: |e: &Engagement| Some(e.exit_review.clone().unwrap_or_default()),
    write: |e: &mut Engagement, review: ExitReview| e.exit_review = Some(review),
};

fn compile(record: Signal<SavedEngagement>) -> Compiled {
    let charter = Memo::new(move |_| record.with(|r| r.engagement.charter.in_force().cloned()));
    let issues = Memo::new(move |_| record.with(|r| r.engagement.issues.clone()));
    let review =
        Memo::new(move |_| record.with(|r| r.engagement.exit_review.clone().unwrap_or_default()));
    // A signed review is evaluated at its signing instant, so the screen, the print and the
    // frozen Markdown show the same figures for ever; an open one at the current time.
    let as_of = move || review.with(|r| r.signed_at).unwrap_or_else(Utc::now);
    let health = Memo::new(move |_| {
        charter.with(|c| {
            c.as_ref()
                .map(|c| issues.with(|i| health(i, c, &BrowserZones, as_of())))
        })
    });
    let criteria = Memo::new(move |_| {
        let plan = record.with(|r| r.engagement.withdrawal.clone());
        let settings = record.with(|r| r.engagement.exit_criteria.clone());
        charter.with(|c| {
            c.as_ref()
                .map(|c| {
                    issues
                        .with(|i| evaluate(i, c, plan.as_ref(), &settings, &BrowserZones, as_of()))
                })
                .unwrap_or_default()
        })
    });
    let trend = Memo::new(move |_| {
        let plan = record.with(|r| r.engagement.withdrawal.clone());
        charter.with(|c| {
            let c = c.as_ref()?;
            let weeks = hypercare_weeks(c, plan.as_ref());
            (!weeks.is_empty()).then(|| {
                issues.with(|i| weekly_trend(i, &weeks, &BrowserZones, &c.calendar.time_zone))
            })
        })
    });
    Compiled {
        charter,
        issues,
        health,
        criteria,
        review,
        trend,
        editor: None,
    }
}

#[component]
pub fn ExitReviewPage(record: Signal<SavedEngagement>) -> impl IntoView {
    let data = compile(record);
    let signed = Memo::new(move |_| data.review.with(|r| r.is_signed()));
    let has_charter = Memo::new(move |_| data.charter.with(Option::is_some));
    move || {
        if !has_charter.get() && signed.get() {
            // A signed review saved from a share link comes without the charter and issues it
            // was compiled from: the Markdown frozen at signing is the whole review as signed.
            let markdown = data.review.with(|r| r.frozen_markdown.clone());
            view! {
                <p class="notice" role="status"><strong>"In business ownership. "</strong>"This browser holds the signed exit review as it was signed (saved from a share link), without the charter and issues it was compiled from."</p>
                <pre class="shared-markdown">{markdown}</pre>
            }.into_any()
        } else if !has_charter.get() {
            view! { <p class="notice notice--warning">"The exit review is compiled against the charter: draft and approve it first."</p> }.into_any()
        } else if signed.get() {
            view! { <SignedReview record data/> }.into_any()
        } else {
            view! { <ReviewWizard record data/> }.into_any()
        }
    }
}

#[component]
fn ReviewWizard(record: Signal<SavedEngagement>, data: Compiled) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(record.with_untracked(|r| r.engagement.id.clone()));
    // The working copy lives above the step switch, so moving between steps keeps it.
    let Some(editor) = record.with_untracked(|r| WorkingCopy::new(r, REVIEW)) else {
        return ().into_any();
    };
    Effect::new(move |_| record.with(|r| editor.follow(r, |_, stored| stored)));
    let data = Compiled {
        review: Memo::new(move |_| editor.value.get()),
        editor: Some(editor),
        ..data
    };
    let step = Memo::new(move |_| data.review.with(|r| r.step.min(STEPS.len() - 1)));
    let go = move |to: usize| {
        data.edit(|r| r.step = to);
        crate::ui::dom::focus_after_render("exit-step-title");
    };
    let problems = RwSignal::new(Vec::<Problem>::new());
    let sign = move |_| match state.sign_review(&id.get_value()) {
        Ok(()) => state.show_toast(
            "The exit review is signed. The system is now in business ownership.".to_owned(),
            None,
        ),
        Err(error) => {
            problems.set(match error {
                CommandError::Invalid(list) => list,
                other => vec![Problem::new(other)],
            });
            request_animation_frame(|| focus_by_id("sign-problems"));
        }
    };
    let names: Vec<String> = STEPS.iter().map(|s| s.to_string()).collect();
    view! {
        <p class="actions"><PresentLink id=id.get_value() kind=AgendaKind::ExitReview/></p>
        {move || editor.notice.get().map(|message| view! { <p class="notice notice--warning" role="alert">{message}</p> })}
        <Stepper
            label="Exit review"
            steps=names
            current=Signal::from(step)
            on_select=Callback::new(go)
        >
            <h2 id="exit-step-title" class="step-title" tabindex="-1">{move || STEPS[step.get()]}</h2>
            {move || match step.get() {
                0 => view! { <Lists data editable=true/> }.into_any(),
                1 => view! { <Enhancements data/> }.into_any(),
                2 => view! { <HealthTable data/> }.into_any(),
                3 => view! { <Criteria data editable=true/> }.into_any(),
                _ => view! {
                    <div id="sign-problems" class="error-summary" tabindex="-1" hidden=move || problems.with(Vec::is_empty)>
                        <h3 class="error-summary__title">"The review cannot be signed yet"</h3>
                        <ul class="error-summary__list">{move || problems.get().into_iter().map(|p| view! { <li><ProblemLink problem=p go=Callback::new(go)/></li> }).collect_view()}</ul>
                    </div>
                    <Signatures data/>
                    <button type="button" class="button button--primary" on:click=sign>"Sign and freeze the hypercare record"</button>
                }.into_any(),
            }}
        </Stepper>
    }
    .into_any()
}

/// A problem that stops signing, as a link to its field: the step that holds the field opens
/// and the field takes the focus. A problem without a field is plain text.
#[component]
fn ProblemLink(problem: Problem, go: Callback<usize>) -> impl IntoView {
    let Some(field) = problem.field else {
        return view! { {problem.message} }.into_any();
    };
    let jump = move |_| {
        go.run(step_holding(&field));
        let field = field.clone();
        // Once the step has been drawn.
        request_animation_frame(move || request_animation_frame(move || focus_by_id(&field)));
    };
    view! { <button type="button" class="link-button" on:click=jump>{problem.message}</button> }
        .into_any()
}

/// The wizard step whose page holds input `field`.
fn step_holding(field: &str) -> usize {
    if field.starts_with("target-") {
        0
    } else if field.starts_with("exception-") {
        3
    } else {
        STEPS.len() - 1
    }
}

/// Resolved issues, and transferred ones with owner, plan and (editable) target date.
#[component]
fn Lists(data: Compiled, editable: bool) -> impl IntoView {
    let resolved = Memo::new(move |_| {
        data.issues.with(|list| {
            list.iter()
                .filter(|i| i.view().status() == Status::Resolved)
                .map(|i| (i.number, i.view().title))
                .collect::<Vec<_>>()
        })
    });
    let transferred = Memo::new(move |_| {
        data.issues.with(|list| {
            list.iter()
                .filter(|i| i.view().status() == Status::Transferred)
                .map(|i| {
                    let v = i.view();
                    (v.number, v.title, v.transfer_owner, v.transfer_plan)
                })
                .collect::<Vec<_>>()
        })
    });
    let nothing_yet =
        move || editable && resolved.with(Vec::is_empty) && transferred.with(Vec::is_empty);
    view! {
        <Show when=nothing_yet>
            <p class="notice">"Nothing has been resolved or transferred yet. The review fills in as issues are resolved or handed to the business team, and it is signed at the end of hypercare."</p>
        </Show>
        <h3>{move || format!("Issues resolved during hypercare ({})", resolved.with(Vec::len))}</h3>
        <ul class="review-list">{move || resolved.get().into_iter().map(|(n, t)| view! { <li>{format!("#{n} {t}")}</li> }).collect_view()}</ul>
        <h3>{move || format!("Issues transferred to the business team ({})", transferred.with(Vec::len))}</h3>
        <For each=move || transferred.get() key=|t| t.0 children=move |(n, title, owner, plan)| view! {
            <div class="item-card">
                <p><strong>{format!("#{n} {title}")}</strong></p>
                <p>{format!("Owner: {} Resolution plan: {plan}", crate::domain::words::sentence(&owner))}</p>
                {if editable {
                    view! {
                        <TextField id=format!("target-{n}") label="Target date of the resolution plan" input_type="date"
                            value=Signal::derive(move || data.review.with(|r| r.target_for(n)))
                            on_input=Callback::new(move |v: String| {
                                data.edit(|r| {
                                    r.targets.retain(|(x, _)| *x != n);
                                    r.targets.push((n, v));
                                });
                            })/>
                    }.into_any()
                } else {
                    view! { <p>{move || format!("Target date: {}", data.review.with(|r| r.target_for(n)))}</p> }.into_any()
                }}
            </div>
        }/>
    }
}

#[component]
fn Enhancements(data: Compiled) -> impl IntoView {
    view! {
        <p class="muted">"Out-of-scope requests logged for the post-go-live roadmap, by where they were routed."</p>
        {move || RoutingDestination::ALL.into_iter().map(|d| {
            let chosen: Vec<(u32, String)> = data.issues.with(|list| list.iter().filter(|i| i.view().destination == Some(d)).map(|i| (i.number, i.view().title)).collect());
            (!chosen.is_empty()).then(|| view! {
                <h3>{format!("{} ({})", d.name(), chosen.len())}</h3>
                <ul class="review-list">{chosen.into_iter().map(|(n, t)| view! { <li>{format!("#{n} {t}")}</li> }).collect_view()}</ul>
            })
        }).collect_view()}
    }
}

#[component]
fn HealthTable(data: Compiled) -> impl IntoView {
    move || {
        data.health.get().map(|h| {
        let missed = h.updates_missed();
        view! {
        <p>{format!("{} issues: {} in scope, {} out of scope, {} not triaged; {} in scope still open. This becomes the baseline for monitoring when the review is signed.", h.total, h.in_scope, h.out_of_scope, h.untriaged, h.open_in_scope)}</p>
        <StackedTable
            caption="Service levels per severity during hypercare"
            headers=&["Severity", "Issues", "Open", "Response target met", "Resolution target met", "Median time to respond", "Median time to resolve"]
        >
            {h.by_severity.iter().map(|s| view! {
                <tr>
                    <th scope="row">{s.name.clone()}</th>
                    <td data-label="Issues">{s.count}</td>
                    <td data-label="Open">{s.open}</td>
                    <td data-label="Response target met">{share(s.response_met, s.response_due)}</td>
                    <td data-label="Resolution target met">{share(s.resolution_met, s.resolution_due)}</td>
                    <td data-label="Median time to respond">{duration(s.median_response)}</td>
                    <td data-label="Median time to resolve">{duration(s.median_resolution)}</td>
                </tr>
            }).collect_view()}
        </StackedTable>
        {missed.map(|missed| view! { <p>{format!("Updates to the business, by each level\u{2019}s cadence: {missed}.")}</p> })}
        {move || data.trend.get().map(|trend| view! { <h3>"Weekly trend"</h3><crate::ui::pages::WeekChart trend/> })}
        <h3>"By category"</h3>
        <ul class="review-list">{h.by_category.iter().map(|(c, n)| view! { <li>{format!("{c}: {n}")}</li> }).collect_view()}</ul>
    }})
    }
}

#[component]
fn Criteria(data: Compiled, editable: bool) -> impl IntoView {
    let indexed = Memo::new(move |_| {
        data.criteria
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    });
    view! {
        <p class="muted">"Evaluated from the data. An unmet criterion does not move the end date: it needs a written exception with an owner and a plan."</p>
        <ul class="criteria">
            <For each=move || indexed.get() key=|(i, c)| (*i, c.met, c.evidence.clone()) children=move |(i, c)| {
                // Exceptions are keyed by the criterion's stable id: a changed threshold
                // changes the title, never which exception belongs to it.
                let criterion = c.id;
                let read = move |f: fn(&Exception) -> String| Signal::derive(move || data.review.with(|r| r.exception_for(criterion).map(f).unwrap_or_default()));
                let write = move |f: fn(&mut Exception, String)| Callback::new(move |v: String| {
                    data.edit(move |r| f(r.exception_mut(criterion), v));
                });
                view! {
                    <li class:criteria--met=c.met>
                        <span class="criteria__state">{if c.met { "\u{2714} Met" } else { "\u{2716} Not met" }}</span>
                        <span class="criteria__title">{c.title.clone()}{(!c.mandatory).then_some(" (optional)")}</span>
                        <span class="criteria__evidence">{c.evidence.clone()}</span>
                        {(!c.met && editable).then(|| view! {
                            <div class="field-row">
                                <TextField id=format!("exception-{i}-owner") label="Exception owner" value=read(|e| e.owner.clone()) on_input=write(|e, v| e.owner = v)/>
                                <TextArea id=format!("exception-{i}-plan") label="Plan" rows=2 value=read(|e| e.plan.clone()) on_input=write(|e, v| e.plan = v)/>
                            </div>
                        })}
                        {(!c.met && !editable).then(|| view! { <span class="criteria__evidence">{move || read(|e| format!("Exception: {}, plan: {}", e.owner, e.plan)).get()}</span> })}
                    </li>
                }
            }/>
        </ul>
    }
}

#[component]
fn Signatures(data: Compiled) -> impl IntoView {
    let field = move |team: &'static str,
                      label: &'static str,
                      input: &'static str,
                      get: fn(&Signature) -> String,
                      set: fn(&mut Signature, String)| {
        let pick = move |r: &ExitReview| {
            if team == "project" {
                r.project_signature.clone()
            } else {
                r.business_signature.clone()
            }
        };
        view! {
            <TextField id=format!("sign-{team}-{input}") label=label input_type=if input == "date" { "date" } else { "text" }
                value=Signal::derive(move || data.review.with(|r| get(&pick(r))))
                on_input=Callback::new(move |v: String| {
                    data.edit(|r| set(if team == "project" { &mut r.project_signature } else { &mut r.business_signature }, v));
                })/>
        }
    };
    view! {
        <p class="muted">"Two different people sign, one for each team. Signing freezes the hypercare record: it stays readable and exportable, and the system passes into business ownership."</p>
        <div class="decision-forms">
            <fieldset class="item-card">
                <legend class="item-card__legend">"For the project team"</legend>
                {field("project", "Name", "name", |s| s.name.clone(), |s, v| s.name = v)}
                {field("project", "Role", "role", |s| s.role.clone(), |s, v| s.role = v)}
                {field("project", "Date", "date", |s| s.date.clone(), |s, v| s.date = v)}
            </fieldset>
            <fieldset class="item-card">
                <legend class="item-card__legend">"For the business team"</legend>
                {field("business", "Name", "name", |s| s.name.clone(), |s, v| s.name = v)}
                {field("business", "Role", "role", |s| s.role.clone(), |s, v| s.role = v)}
                {field("business", "Date", "date", |s| s.date.clone(), |s, v| s.date = v)}
            </fieldset>
        </div>
    }
}

#[component]
fn SignedReview(record: Signal<SavedEngagement>, data: Compiled) -> impl IntoView {
    let state = AppState::get();
    let review = data.review.get_untracked();
    let markdown = review.frozen_markdown.clone();
    let slug = record.with_untracked(|r| crate::domain::engagement::slug(r.engagement.name()));
    let md_name = format!("exit-review-{slug}.md");
    let csv_name = format!("exit-review-issues-{slug}.csv");
    let download_md = move |_| {
        state.offer_file(&md_name, "text/markdown", &markdown);
    };
    let download_csv = move |_| {
        let text = record.with_untracked(|r| {
            let charter = r.engagement.charter.in_force();
            let zone = charter
                .map(|c| c.calendar.time_zone.clone())
                .unwrap_or_else(crate::state::charter::browser_time_zone);
            csv::export(
                &r.engagement.issues,
                charter,
                &BrowserZones,
                &zone,
                review.signed_at.unwrap_or_else(Utc::now),
            )
        });
        state.offer_file(&csv_name, "text/csv", &text);
    };
    let signed_on = review.signed_at.map(local_date).unwrap_or_default();
    view! {
        <p class="notice notice--warning" role="status">
            <strong>"In business ownership. "</strong>
            {format!("The exit review was signed on {signed_on} by {} ({}) and {} ({}). The hypercare record is frozen: it can be read and exported, not changed.", review.project_signature.name, review.project_signature.role, review.business_signature.name, review.business_signature.role)}
        </p>
        <div class="actions doc-actions">
            <button type="button" class="button button--secondary" on:click=|_| { let _ = window().print(); }>"Print or save as PDF"</button>
            <button type="button" class="button button--secondary" on:click=download_md>"Download Markdown"</button>
            <button type="button" class="button button--secondary" on:click=download_csv>"Download issue lists (CSV)"</button>
            <crate::ui::share::ShareButton id=record.with_untracked(|r| r.engagement.id.clone()) what=crate::domain::share::ShareWhat::ExitReview/>
        </div>
        <article class="charter-doc exit-doc">
            <h2 class="doc-title">{move || format!("Hypercare exit review: {}", record.with(|r| r.engagement.name().to_owned()))}</h2>
            <section class="doc-section"><Lists data editable=false/></section>
            <section class="doc-section"><h2>"Enhancement requests"</h2><Enhancements data/></section>
            <section class="doc-section"><h2>"System health"</h2><HealthTable data/></section>
            <section class="doc-section"><h2>"Exit criteria"</h2><Criteria data editable=false/></section>
            <section class="doc-section signature-block">
                <h2>"Signatures"</h2>
                <div class="signature-lines">
                    <div class="signature-line"><span>{format!("Project team: {}, {}, {}", review.project_signature.name, review.project_signature.role, review.project_signature.date)}</span></div>
                    <div class="signature-line"><span>{format!("Business team: {}, {}, {}", review.business_signature.name, review.business_signature.role, review.business_signature.date)}</span></div>
                </div>
            </section>
        </article>
    }
}

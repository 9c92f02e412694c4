//! The steering reports page (issue 26): prepare the report for a period, with the lead's
//! "Decisions needed" and "Risks"; issue it (frozen from then on); read, print, download or
//! share any issued report. A lazy part: its code arrives when the page is first opened.
use chrono::Utc;
use leptos::prelude::*;

mod report;

use crate::domain::steering::period::choices;
use crate::domain::steering::{compile, period, PeriodChoice, Sources, SteeringFile};
use crate::domain::triage::zone::zoned_time;
use crate::route::{Route, Section};
use crate::state::zone::BrowserZones;
use crate::state::AppState;
use crate::state::SavedEngagement;
use report::ReportView;

/// What the lead may type per part: far below the bound every reader keeps.
const MAX_TYPED: usize = 10_000;

fn choice_key(choice: PeriodChoice) -> String {
    match choice {
        PeriodChoice::Day { date } => format!("day-{date}"),
        PeriodChoice::Week { number } => format!("week-{number}"),
    }
}

fn choice_from_key(key: &str) -> Option<PeriodChoice> {
    if let Some(date) = key.strip_prefix("day-") {
        return date.parse().ok().map(|date| PeriodChoice::Day { date });
    }
    key.strip_prefix("week-")?
        .parse()
        .ok()
        .map(|number| PeriodChoice::Week { number })
}

/// " by Ana", or nothing for a browser where no name was given.
fn by_whom(by: &str) -> String {
    if by.trim().is_empty() {
        String::new()
    } else {
        format!(" by {by}")
    }
}

fn choice_words(choice: PeriodChoice) -> String {
    match choice {
        PeriodChoice::Day { date } => format!("Today, {}", date.format("%a %-d %b %Y")),
        PeriodChoice::Week { number } => format!("Hypercare week {number}"),
    }
}

#[component]
pub fn SteeringPage(record: Signal<SavedEngagement>, number: Option<u32>) -> impl IntoView {
    let file =
        Memo::new(move |_| record.with(|r| SteeringFile::of(r.engagement.steering.as_ref())));
    view! {
        {move || match file.get() {
            Err(why) => view! { <p class="notice notice--warning" role="alert">{format!("The steering reports cannot be shown: {why}. They are kept as they are; a newer Handrail may read them.")}</p> }.into_any(),
            Ok(f) => match number {
                Some(n) => view! { <IssuedReport record file=f number=n/> }.into_any(),
                None => view! { <ReportsHome record file=f/> }.into_any(),
            },
        }}
    }
}

#[component]
fn ReportsHome(record: Signal<SavedEngagement>, file: SteeringFile) -> impl IntoView {
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let issued = file
        .issued()
        .into_iter()
        .filter_map(|r| {
            r.issued
                .as_ref()
                .map(|i| (i.number, i.figures.period.clone(), i.at, i.by.clone()))
        })
        .collect::<Vec<_>>();
    let zone = record.with_untracked(|r| {
        r.engagement
            .charter
            .in_force()
            .map(|c| c.calendar.time_zone.clone())
    });
    let rows = issued
        .iter()
        .map(|(n, period, at, by)| {
            let href = Route::Engagement(id.clone(), Section::Steering(Some(*n))).href();
            let when = zone.as_ref().map_or_else(
                || crate::ui::format::local_time(*at),
                |z| zoned_time(&BrowserZones, z, *at),
            );
            view! {
                <tr>
                    <th scope="row"><a href=href>{format!("Report {n}")}</a></th>
                    <td data-label="Period">{period.clone()}</td>
                    <td data-label="Issued">{format!("{when}{}", by_whom(by))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Prepare record file=file.clone()/>
        <section class="card" aria-labelledby="issued-title">
            <h2 id="issued-title">"Issued reports"</h2>
            {if issued.is_empty() {
                view! { <p>"None yet. An issued report is frozen: it reads the same whatever happens to the data afterwards."</p> }.into_any()
            } else {
                view! {
                    <table class="table"><thead><tr><th scope="col">"Report"</th><th scope="col">"Period"</th><th scope="col">"Issued"</th></tr></thead><tbody>{rows}</tbody></table>
                }.into_any()
            }}
        </section>
    }
}

/// Preparing the next report: its period, the typed parts, the live figures, and "Issue".
#[component]
fn Prepare(record: Signal<SavedEngagement>, file: SteeringFile) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let error = RwSignal::new(None::<String>);
    let approved = record.with_untracked(|r| r.engagement.charter.in_force().is_some());
    if !approved {
        return view! {
            <section class="card" aria-labelledby="prepare-title">
                <h2 id="prepare-title">"Prepare the steering report"</h2>
                <p class="notice">"Approve the charter first: the report measures service levels, scope and the withdrawal against it."</p>
            </section>
        }
        .into_any();
    }
    let today = record.with_untracked(|r| {
        let zone = r
            .engagement
            .charter
            .in_force()
            .map(|c| c.calendar.time_zone.clone())
            .unwrap_or_default();
        crate::domain::triage::ZoneRules::to_local(&BrowserZones, &zone, Utc::now()).date()
    });
    let options = record.with_untracked(|r| {
        let charter = r.engagement.charter.in_force().cloned();
        charter
            .map(|c| choices(&c, r.engagement.withdrawal.as_ref(), today))
            .unwrap_or_default()
    });
    let draft = file.draft().cloned();
    let selected = RwSignal::new(
        draft
            .as_ref()
            .map(|d| d.period)
            .or_else(|| options.first().copied()),
    );
    let id_for_prepare = id.clone();
    let prepare = move |_| {
        let Some(choice) = selected.get_untracked() else {
            return;
        };
        error.set(
            state
                .prepare_steering(&id_for_prepare, choice)
                .err()
                .map(|e| e.to_string()),
        );
    };
    let select_options = options
        .iter()
        .map(|c| view! { <option value=choice_key(*c) selected=Some(*c) == selected.get_untracked()>{choice_words(*c)}</option> })
        .collect_view();
    let id_for_move = id.clone();
    let on_period = move |ev: leptos::ev::Event| {
        let choice = choice_from_key(&event_target_value(&ev));
        selected.set(choice);
        // Moving a report being prepared to another period keeps what was typed.
        if let (Some(choice), true) = (choice, draft.is_some()) {
            error.set(
                state
                    .prepare_steering(&id_for_move, choice)
                    .err()
                    .map(|e| e.to_string()),
            );
        }
    };
    let has_draft = file.draft().is_some();
    view! {
        <section class="card" aria-labelledby="prepare-title">
            <h2 id="prepare-title">"Prepare the steering report"</h2>
            <p>"The report is compiled from the data for the period you choose, in the charter\u{2019}s time zone. You write only the decisions needed and the risks."</p>
            <div class="field">
                <label class="field__label" for="steering-period">"Period"</label>
                <select id="steering-period" class="field__input" on:change=on_period>{select_options}</select>
            </div>
            {move || error.get().map(|e| view! { <p class="notice notice--warning" role="alert">{e}</p> })}
            {if has_draft {
                view! { <Draft record/> }.into_any()
            } else {
                view! { <p class="actions"><button type="button" class="button button--primary" on:click=prepare>"Prepare the report"</button></p> }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// The report being prepared: typed parts (kept on every keystroke, stored on leaving a field)
/// and its figures as they stand now.
#[component]
fn Draft(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let key = format!("steering:{id}");
    let stored = record.with_untracked(|r| {
        SteeringFile::of(r.engagement.steering.as_ref())
            .ok()
            .and_then(|f| f.draft().map(|d| (d.decisions.clone(), d.risks.clone())))
            .unwrap_or_default()
    });
    let typed: (String, String) = crate::ui::draft::load(&key).unwrap_or(stored);
    let decisions = RwSignal::new(typed.0);
    let risks = RwSignal::new(typed.1);
    let error = RwSignal::new(None::<String>);
    let key_for_keep = key.clone();
    let keep = move || {
        crate::ui::draft::save(
            &key_for_keep,
            &(decisions.get_untracked(), risks.get_untracked()),
        )
    };
    let id_for_store = id.clone();
    let key_for_store = key.clone();
    let store = move || match state.save_steering_text(
        &id_for_store,
        &decisions.get_untracked(),
        &risks.get_untracked(),
    ) {
        Ok(()) => {
            crate::ui::draft::clear(&key_for_store);
            error.set(None);
        }
        Err(e) => error.set(Some(format!(
            "Not saved yet (what you typed is kept in this tab): {e}"
        ))),
    };
    let figures = Memo::new(move |_| {
        record.with(|r| {
            let e = &r.engagement;
            let charter = e.charter.in_force()?;
            let file = SteeringFile::of(e.steering.as_ref()).ok()?;
            let choice = file.draft()?.period;
            let period = period(choice, charter, e.withdrawal.as_ref(), &BrowserZones)?;
            let sources = Sources {
                name: e.name(),
                issues: &e.issues,
                charter,
                plan: e.withdrawal.as_ref(),
                criteria: &e.exit_criteria,
                rules: &BrowserZones,
            };
            let mut f = compile(&sources, &period, Utc::now());
            if let Some((n, before)) = file.latest_figures() {
                crate::domain::steering::figures::compare(&mut f, before, n);
            }
            Some(f)
        })
    });
    let store_then_issue = store.clone();
    let id_for_issue = id.clone();
    let key_for_issue = key.clone();
    let issue = move |_| {
        store_then_issue();
        if error.get_untracked().is_some() {
            return;
        }
        match state.issue_steering(&id_for_issue) {
            Ok(n) => {
                crate::ui::draft::clear(&key_for_issue);
                state.show_toast(
                    format!("Steering report {n} is issued. It is frozen from now on."),
                    None,
                );
                crate::ui::router::navigate(&Route::Engagement(
                    id_for_issue.clone(),
                    Section::Steering(Some(n)),
                ));
            }
            Err(e) => error.set(Some(format!("Not issued: {e}"))),
        }
    };
    let id_for_discard = id.clone();
    let discard = move |_| {
        crate::ui::draft::clear(&key);
        state.report_save(state.discard_steering_draft(&id_for_discard));
    };
    let store_d = store.clone();
    let keep_d = keep.clone();
    let id_for_view = id.clone();
    view! {
        <div class="field">
            <label class="field__label" for="steering-decisions">"Decisions needed"</label>
            <textarea id="steering-decisions" class="field__input" rows="4" maxlength=MAX_TYPED
                prop:value=move || decisions.get()
                on:input=move |ev| { decisions.set(event_target_value(&ev)); keep_d(); }
                on:change=move |_| store_d()></textarea>
        </div>
        <div class="field">
            <label class="field__label" for="steering-risks">"Risks"</label>
            <textarea id="steering-risks" class="field__input" rows="4" maxlength=MAX_TYPED
                prop:value=move || risks.get()
                on:input=move |ev| { risks.set(event_target_value(&ev)); keep(); }
                on:change=move |_| store()></textarea>
        </div>
        {move || error.get().map(|e| view! { <p class="notice notice--warning" role="alert">{e}</p> })}
        <p class="actions">
            <button type="button" class="button button--primary" on:click=issue>"Issue the report"</button>
            <button type="button" class="button button--secondary" on:click=discard>"Discard this draft"</button>
        </p>
        <p class="field__hint">"Issuing freezes the report as the data stands at that instant; later changes to the issues do not change it."</p>
        {move || figures.get().map(|f| view! {
            <article class="charter-doc steering-doc" aria-labelledby="draft-title">
                <h2 id="draft-title" class="doc-title">{format!("Steering report (draft): {}", f.engagement)}</h2>
                <ReportView id=id_for_view.clone() figures=f decisions=decisions.get() risks=risks.get()/>
            </article>
        })}
    }
}

/// An issued report, exactly as it was issued.
#[component]
fn IssuedReport(record: Signal<SavedEngagement>, file: SteeringFile, number: u32) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let back = Route::Engagement(id.clone(), Section::Steering(None)).href();
    let Some(report) = file.by_number(number).cloned() else {
        return view! {
            <p class="notice" role="status">{format!("There is no issued steering report {number} in this engagement. ")}<a href=back>"See the steering reports"</a></p>
        }
        .into_any();
    };
    let Some(issued) = report.issued.clone() else {
        return ().into_any();
    };
    let slug = record.with_untracked(|r| crate::domain::engagement::slug(r.engagement.name()));
    let md_name = format!("steering-report-{number}-{slug}.md");
    let md = issued.frozen_markdown.clone();
    let download = move |_| state.offer_file(&md_name, "text/markdown", &md);
    let when = zoned_time(&BrowserZones, &issued.figures.zone, issued.at);
    view! {
        <p class="no-print"><a href=back>"All steering reports"</a></p>
        <div class="actions doc-actions">
            <button type="button" class="button button--secondary" on:click=|_| { let _ = window().print(); }>"Print or save as PDF"</button>
            <button type="button" class="button button--secondary" on:click=download>"Download Markdown"</button>
            <crate::ui::share::ShareButton id=id.clone() what=crate::domain::share::ShareWhat::SteeringReport(number)/>
        </div>
        <article class="charter-doc steering-doc" aria-labelledby="report-title">
            <h2 id="report-title" class="doc-title">{format!("Steering report {number}: {}", issued.figures.engagement)}</h2>
            <p class="doc-note">{format!("Issued {when}{}. Frozen: it reads the same whatever happens to the data afterwards.", by_whom(&issued.by))}</p>
            <ReportView id figures=issued.figures decisions=report.decisions risks=report.risks/>
        </article>
    }
    .into_any()
}

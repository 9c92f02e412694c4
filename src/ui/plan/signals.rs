//! Dependency signals on the plan: per week, the issues the plan gives the business team and
//! who actually worked them, with warnings when hypercare is turning permanent.
use leptos::prelude::*;

use crate::domain::withdrawal::signals::{warnings, week_signals};
use crate::state::SavedEngagement;
use crate::ui::components::StackedTable;

#[component]
pub fn Signals(record: Signal<SavedEngagement>) -> impl IntoView {
    let data = Memo::new(move |_| {
        record.with(|r| {
            let (plan, charter) = (
                r.engagement.withdrawal.as_ref()?,
                r.engagement.charter.in_force()?,
            );
            let signals = week_signals(&r.engagement.issues, plan, charter, |t| {
                t.with_timezone(&chrono::Local).date_naive()
            });
            let found = warnings(&signals);
            Some((signals, found))
        })
    });
    view! {
        <section class="card" aria-labelledby="signals-title">
            <h2 id="signals-title">"Is the business team taking over?"</h2>
            <p class="muted">"Signs of dependency on the project team: issues the plan gives to the business team but the project team worked. Record who works on each issue (on the issue page) to see it here."</p>
            {move || data.get().map(|(signals, found)| view! {
                {found.into_iter().map(|w| view! { <p class="notice notice--warning" role="status">{w}</p> }).collect_view()}
                <StackedTable
                    caption="Issues per week and who worked them"
                    headers=&["Week", "In-scope issues", "For the business team", "Worked by the business team", "Worked by the project team instead"]
                >
                    {signals.into_iter().map(|s| view! {
                        <tr class:row--attention={s.for_business >= 2 && s.project_on_business * 2 > s.for_business}>
                            <th scope="row">{format!("Week {}", s.week)}</th>
                            <td data-label="In-scope issues">{s.reported}</td>
                            <td data-label="For the business team">{s.for_business}</td>
                            <td data-label="Worked by the business team">{s.business_worked}</td>
                            <td data-label="Worked by the project team instead">{s.project_on_business}</td>
                        </tr>
                    }).collect_view()}
                </StackedTable>
            })}
        </section>
    }
}

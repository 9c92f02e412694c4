//! What a merge tells the person whose value it replaced: "Priya's later edit replaced your
//! escalation path". Shown on every section of the engagement until dismissed, so nobody's
//! work disappears without them knowing.
use leptos::prelude::*;

use crate::domain::sync::{MergeNotice, SIGNED_RECORD};
use crate::state::{AppState, SavedEngagement};
use crate::ui::format::short_local_time;

#[component]
pub fn MergeNotices(record: Signal<SavedEngagement>) -> impl IntoView {
    let state = AppState::get();
    let id = record.with_untracked(|r| r.engagement.id.clone());
    let mine = {
        let id = id.clone();
        Memo::new(move |_| {
            let me = state.author(&id);
            record.with(|r| {
                r.engagement
                    .merge_notices
                    .iter()
                    .filter(|n| me.is_empty() || n.replaced_by == me)
                    .cloned()
                    .collect::<Vec<MergeNotice>>()
            })
        })
    };
    move || {
        let notices = mine.get();
        (!notices.is_empty()).then(|| {
            let items = notices
                .into_iter()
                .map(|notice| {
                    let id = id.clone();
                    let notice_id = notice.id.clone();
                    let dismiss = {
                        let (id, notice_id) = (id.clone(), notice_id.clone());
                        move |_| {
                            if let Err(error) = state.dismiss_merge_notice(&id, &notice_id) {
                                state.show_toast(format!("Not dismissed: {error}"), None);
                            }
                        }
                    };
                    let use_mine = move |_| match state.use_replaced_value(&id, &notice_id) {
                        Ok(()) => state.show_toast("Your value is back; it syncs to the team.".to_owned(), None),
                        Err(error) => state.show_toast(format!("Your value was not put back: {error}"), None),
                    };
                    let restorable = notice.restore.is_some();
                    view! {
                        <li>
                            <div class="merge-notices__text">
                                <p>
                                    <strong>{notice.field.clone()}</strong>": "
                                    {if notice.field == SIGNED_RECORD {
                                        format!(
                                            "the exit review was signed ({}), so the record is frozen and these changes of yours stayed out:",
                                            short_local_time(notice.at),
                                        )
                                    } else {
                                        format!(
                                            "{} changed this too, later than you ({}), so their value was kept. Yours was:",
                                            if notice.kept_by.is_empty() { "Someone" } else { notice.kept_by.as_str() },
                                            short_local_time(notice.at),
                                        )
                                    }}
                                </p>
                                <blockquote>{notice.replaced_value.clone()}</blockquote>
                            </div>
                            <div>
                                {restorable.then(|| view! {
                                    <button type="button" class="button button--primary" on:click=use_mine>
                                        "Use this value instead"
                                    </button>
                                })}
                                <button type="button" class="button button--secondary" on:click=dismiss>
                                    "Dismiss"
                                </button>
                            </div>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="notice notice--warning merge-notices" role="status" aria-labelledby="merge-notices-title">
                    <h2 id="merge-notices-title">"Your change was replaced by a later one"</h2>
                    <ul>{items}</ul>
                </section>
            }
        })
    }
}

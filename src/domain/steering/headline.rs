//! The report's headline: where hypercare stands on the report's day, in the charter's zone.
use chrono::NaiveDate;

use crate::domain::charter::Charter;
use crate::domain::withdrawal::WithdrawalPlan;

fn long(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

/// Hypercare day and week, today's support level, days left, and the next withdrawal step,
/// each a sentence; `today` is the report's day in the charter's zone.
pub fn headline(charter: &Charter, plan: Option<&WithdrawalPlan>, today: NaiveDate) -> Vec<String> {
    let Some(go_live) = charter.go_live_date() else {
        return vec!["The charter has no go-live date.".to_owned()];
    };
    let end = plan
        .and_then(|p| p.end_date(charter))
        .or_else(|| charter.end_date());
    if today < go_live {
        let days = (go_live - today).num_days();
        return vec![format!(
            "Hypercare starts in {days} days, on {}.",
            long(go_live)
        )];
    }
    let Some(end) = end.filter(|end| today <= *end) else {
        return vec![match end {
            Some(end) => format!("Hypercare ended on {}.", long(end)),
            None => "Hypercare has no end date.".to_owned(),
        }];
    };
    let day = (today - go_live).num_days() + 1;
    let total = (end - go_live).num_days() + 1;
    let week = (day - 1) / 7 + 1;
    let mut lines = vec![format!(
        "Day {day} of {total}, week {week}; {} days left, ending {}.",
        (end - today).num_days(),
        long(end)
    )];
    let Some(plan) = plan else {
        lines.push("No withdrawal plan yet: support levels are not set.".to_owned());
        return lines;
    };
    let level_week = plan.week_of(charter, today);
    if let Some(level) = level_week.and_then(|w| plan.level_in(w)) {
        lines.push(format!(
            "Support this week: {}. {}",
            level.name(),
            level.meaning()
        ));
    }
    let next = level_week.and_then(|w| {
        let next = w.checked_add(1)?;
        let level = plan.level_in(next)?;
        let starts = plan.week_start(charter, next)?;
        (starts <= end).then(|| format!("Next step: {} from {}.", level.name(), long(starts)))
    });
    lines.push(next.unwrap_or_else(|| {
        let owner = plan.handoff.owner_name.trim();
        if owner.is_empty() {
            format!(
                "Next step: hypercare ends on {}; no business owner is named yet.",
                long(end)
            )
        } else {
            format!(
                "Next step: hypercare ends on {}, and {owner} owns the system.",
                long(end)
            )
        }
    }));
    lines
}

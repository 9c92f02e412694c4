//! The steering report as Markdown (CommonMark): for the minutes, a wiki or an e-mail. Every
//! text that comes from data (names, titles, what the lead typed) is escaped, so a title such
//! as `*urgent* <b>` reads as typed and never becomes markup.
use chrono::{DateTime, Utc};

use super::figures::{Figures, Ratio, SeverityRow};
use super::rating::RULES;

/// Backslash-escapes what CommonMark would read as markup in running text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let at_start = i == 0;
        let markup = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
        ) || (at_start && matches!(c, '-' | '+' | '='));
        if markup {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. text" at the start would open an ordered list.
    if let Some(dot) = out.find(['.', ')']) {
        if dot > 0 && out[..dot].chars().all(|c| c.is_ascii_digit()) {
            out.insert(dot, '\\');
        }
    }
    out
}

/// One table cell: escaped, on one line.
fn cell(text: &str) -> String {
    escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Typed text as paragraphs: blank lines part them, a single line break stays one.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(escape)
                .collect::<Vec<_>>()
                .join("\\\n")
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// "2 h 10 min".
pub fn minutes(m: i64) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// "3", "3 (+1)", "3 (−2)", "3 (±0)".
pub fn with_change(count: usize, change: Option<i64>) -> String {
    match change {
        None => count.to_string(),
        Some(0) => format!("{count} (\u{b1}0)"),
        Some(d) if d > 0 => format!("{count} (+{d})"),
        Some(d) => format!("{count} (\u{2212}{})", d.unsigned_abs()),
    }
}

pub fn ratio(r: Ratio) -> String {
    match r.percent() {
        Some(p) => format!("{p} % ({} of {})", r.met, r.due),
        None => "nothing due".to_owned(),
    }
}

fn severity_line(row: &SeverityRow) -> String {
    let change = |i: usize| row.change.map(|c| c[i]);
    format!(
        "| {} | {} | {} | {} |\n",
        cell(&row.name),
        with_change(row.opened.len(), change(0)),
        with_change(row.resolved.len(), change(1)),
        with_change(row.open.len(), change(2))
    )
}

fn list(out: &mut String, items: impl IntoIterator<Item = String>, none: &str) {
    let mut any = false;
    for item in items {
        out.push_str(&format!("- {item}\n"));
        any = true;
    }
    if !any {
        out.push_str(none);
        out.push('\n');
    }
}

/// The whole report. `issued`: its number, instant and issuer (a draft has none).
pub fn markdown(
    f: &Figures,
    decisions: &str,
    risks: &str,
    issued: Option<(u32, DateTime<Utc>, &str)>,
) -> String {
    let mut out = match issued {
        Some((n, _, _)) => format!("# Steering report {n}: {}\n\n", escape(&f.engagement)),
        None => format!("# Steering report (draft): {}\n\n", escape(&f.engagement)),
    };
    out.push_str(&format!("Period: {}\\\n", escape(&f.period)));
    out.push_str(&format!(
        "Figures as at {} ({})",
        escape(&f.as_at_text),
        escape(&f.zone)
    ));
    match issued {
        Some((_, at, by)) => {
            out.push_str(&format!("\\\nIssued {}", at.format("%Y-%m-%d %H:%M UTC")));
            if !by.trim().is_empty() {
                out.push_str(&format!(" by {}", escape(by)));
            }
            out.push_str("\n\n");
        }
        None => out.push_str("\\\nNot issued: the figures change until it is.\n\n"),
    }
    if let Some(n) = f.compared_with {
        out.push_str(&format!(
            "Changes in brackets are against steering report {n}.\n\n"
        ));
    }
    out.push_str("## Headline\n\n");
    list(&mut out, f.headline.iter().map(|l| escape(l)), "");
    out.push_str("\n## Status\n\n| Area | Status | Why |\n| --- | --- | --- |\n");
    for a in &f.areas {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            cell(&a.area),
            a.rating.name(),
            cell(&a.reason)
        ));
    }
    out.push_str("\nHow the status is set:\n\n");
    list(&mut out, RULES.iter().map(|r| escape(r)), "");
    out.push_str("\n## Issues\n\n| Severity | Opened | Resolved | Open at the end |\n| --- | ---: | ---: | ---: |\n");
    for row in f.by_severity.iter().chain(std::iter::once(&f.total)) {
        out.push_str(&severity_line(row));
    }
    out.push_str("\n## Service levels\n\n| Severity | Response, period | Resolution, period | Response, since go-live | Resolution, since go-live |\n| --- | --- | --- | --- | --- |\n");
    for c in &f.compliance {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(&c.name),
            ratio(c.period_response),
            ratio(c.period_resolution),
            ratio(c.overall_response),
            ratio(c.overall_resolution)
        ));
    }
    out.push_str("\nBreaches in the period:\n\n");
    list(
        &mut out,
        f.breaches.iter().map(|b| {
            format!(
                "\\#{} {} ({}): {} target breached by {}, due {}",
                b.number,
                escape(&b.title),
                escape(&b.severity),
                b.clock,
                minutes(b.over_minutes),
                escape(&b.due)
            )
        }),
        "None.",
    );
    scope_and_handoff(&mut out, f);
    out.push_str("\n## Decisions needed\n\n");
    out.push_str(&or_none(paragraphs(decisions)));
    out.push_str("\n\n## Risks\n\n");
    out.push_str(&or_none(paragraphs(risks)));
    out.push('\n');
    out
}

fn or_none(text: String) -> String {
    if text.is_empty() {
        "None recorded.".to_owned()
    } else {
        text
    }
}

fn scope_and_handoff(out: &mut String, f: &Figures) {
    out.push_str("\n## Scope pressure\n\n");
    match f.scope.share() {
        Some(share) => out.push_str(&format!(
            "{} of {} requests triaged in the period were out of scope ({share} %).\n\n",
            f.scope.out_of_scope.len(),
            f.scope.triaged.len()
        )),
        None => out.push_str("No request was triaged in the period.\n\n"),
    }
    list(
        out,
        f.scope
            .by_destination
            .iter()
            .map(|(d, n)| format!("{}: {}", escape(d), n.len())),
        "",
    );
    out.push_str("\n## Handoff\n\n");
    if !f.handoff.planned {
        out.push_str("No withdrawal plan yet.\n");
    } else {
        let owner = if f.handoff.owner.is_empty() {
            "not named yet".to_owned()
        } else {
            escape(&f.handoff.owner)
        };
        let names = |list: &[String]| {
            if list.is_empty() {
                "none".to_owned()
            } else {
                list.iter()
                    .map(|a| escape(a))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        out.push_str(&format!("- Business owner: {owner}\n"));
        out.push_str(&format!(
            "- Responsibilities without an owner: {}\n",
            names(&f.handoff.without_owner)
        ));
        out.push_str(&format!(
            "- Responsibilities without a process: {}\n",
            names(&f.handoff.without_process)
        ));
        if !f.handoff.transfer.is_empty() {
            out.push_str(&format!(
                "- Knowledge transfer: {}\n",
                escape(&f.handoff.transfer)
            ));
        }
    }
    out.push_str("\n## Exit criteria\n\n");
    list(
        out,
        f.criteria.iter().map(|c| {
            format!(
                "{}{}: {}. {}",
                if c.met { "Met" } else { "Not met" },
                if c.mandatory { "" } else { " (optional)" },
                escape(&c.title),
                escape(&c.evidence)
            )
        }),
        "None set.",
    );
    out.push_str("\n## Extensions and holds decided\n\n");
    list(out, f.decided.iter().map(|d| escape(d)), "None.");
}

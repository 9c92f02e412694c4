//! What the projector shows in the exit review meeting, from the exit review's own functions:
//! the criteria as `evaluate` found them, the exceptions written for the unmet ones, the
//! handoff's readiness and gaps, and who has signed. Met or not is always said in words (and a
//! symbol), never by colour alone.
use chrono::NaiveDate;

use super::presentation::Block;
use crate::domain::exit::criteria::CriterionResult;
use crate::domain::exit::review::{ExitReview, Signature};
use crate::domain::withdrawal::handoff::Handoff;

/// "✔ Met" / "✖ Not met", the same words on the console and the projector, each kept on one
/// line in its narrow column.
pub fn met_words(met: bool) -> &'static str {
    if met {
        "\u{2714}\u{a0}Met"
    } else {
        "\u{2716}\u{a0}Not\u{a0}met"
    }
}

/// Said where an owner, a plan or a name is still to be written.
pub const MISSING: &str = "\u{2716}\u{a0}Missing";

/// Gaps beyond this are counted, not listed: the projector has room for a few at 32 px, and
/// the plan's handoff lists them all.
pub const MOST_GAPS_SHOWN: usize = 4;

/// The "exit criteria" step: each criterion, met or not, with its evidence.
pub fn criteria_blocks(criteria: &[CriterionResult]) -> Vec<Block> {
    if criteria.is_empty() {
        return vec![Block::Text(
            "No criteria yet: approve the charter to evaluate them.".to_owned(),
        )];
    }
    let met = criteria.iter().filter(|c| c.met).count();
    vec![
        Block::Heading(format!("{met} of {} criteria met", criteria.len())),
        // The result first, where the eye starts; the evidence under the criteria the room
        // has to discuss (the unmet ones), so seven criteria fit one screen.
        Block::Table {
            head: vec!["Result".to_owned(), "Criterion".to_owned()],
            rows: criteria
                .iter()
                .map(|c| {
                    let title = format!(
                        "{}{}",
                        c.title,
                        if c.mandatory { "" } else { " (optional)" }
                    );
                    vec![
                        met_words(c.met).to_owned(),
                        if c.met {
                            title
                        } else {
                            format!("{title}\nEvidence: {}", c.evidence)
                        },
                    ]
                })
                .collect(),
        },
    ]
}

/// The "exceptions" step: every unmet criterion with the owner and plan written for it.
pub fn exception_blocks(criteria: &[CriterionResult], review: Option<&ExitReview>) -> Vec<Block> {
    let unmet: Vec<&CriterionResult> = criteria.iter().filter(|c| !c.met).collect();
    if unmet.is_empty() {
        return vec![Block::Text(
            "\u{2714} Every criterion is met: no exception is needed.".to_owned(),
        )];
    }
    let missing = MISSING;
    let text_or = |text: &str| {
        let text = text.trim();
        if text.is_empty() {
            missing.to_owned()
        } else {
            text.to_owned()
        }
    };
    vec![Block::Table {
        head: vec![
            "Unmet criterion".to_owned(),
            "Owner".to_owned(),
            "Plan".to_owned(),
        ],
        rows: unmet
            .iter()
            .map(|c| {
                let exception = review.and_then(|r| r.exception_for(c.id));
                vec![
                    c.title.clone(),
                    exception.map_or_else(|| missing.to_owned(), |e| text_or(&e.owner)),
                    exception.map_or_else(|| missing.to_owned(), |e| text_or(&e.plan)),
                ]
            })
            .collect(),
    }]
}

/// The "handoff readiness" step: the business owner, each responsibility's owner and where
/// its knowledge transfer stands, and what is still missing.
pub fn handoff_blocks(handoff: Option<&Handoff>, today: NaiveDate) -> Vec<Block> {
    let Some(handoff) = handoff else {
        return vec![Block::Text(
            "No withdrawal plan yet, so no handoff is planned.".to_owned(),
        )];
    };
    let owner = match (handoff.owner_name.trim(), handoff.owner_role.trim()) {
        ("", _) => MISSING.to_owned(),
        (name, "") => name.to_owned(),
        (name, role) => format!("{name}, {role}"),
    };
    let mut blocks = vec![
        Block::Facts(vec![("Business owner".to_owned(), owner)]),
        Block::Table {
            head: vec![
                "Responsibility".to_owned(),
                "Owner".to_owned(),
                "Knowledge transfer".to_owned(),
            ],
            rows: handoff
                .responsibilities
                .iter()
                .map(|r| {
                    vec![
                        r.area.clone(),
                        match r.owner.trim() {
                            "" => MISSING.to_owned(),
                            owner => owner.to_owned(),
                        },
                        r.stage_reached()
                            .map_or_else(|| "Not started".to_owned(), |s| s.name().to_owned()),
                    ]
                })
                .collect(),
        },
    ];
    let gaps: Vec<String> = handoff.gaps(today).into_iter().map(|g| g.message).collect();
    if gaps.is_empty() {
        blocks.push(Block::Text(
            "\u{2714} Ready: nothing is missing for the business team to own the system."
                .to_owned(),
        ));
    } else {
        blocks.push(Block::Heading(format!(
            "\u{26a0} Still missing: {}",
            gaps.len()
        )));
        let more = gaps.len().saturating_sub(MOST_GAPS_SHOWN);
        blocks.push(Block::List(
            gaps.into_iter().take(MOST_GAPS_SHOWN).collect(),
        ));
        if more > 0 {
            blocks.push(Block::Text(format!(
                "And {more} more: see the handoff in the plan."
            )));
        }
    }
    blocks
}

/// Signing is one act for both teams (it sets `signed_at`): before it, a typed name is who
/// is to sign, not a signature.
fn signature_words(signature: Option<&Signature>, signed: bool) -> String {
    let Some(s) = signature.filter(|s| !s.name.trim().is_empty()) else {
        return "\u{2716} Still to sign: nobody named yet".to_owned();
    };
    let role = s.role.trim();
    let who = if role.is_empty() {
        s.name.trim().to_owned()
    } else {
        format!("{}, {role}", s.name.trim())
    };
    if signed {
        format!("\u{2714} Signed by {who} on {}", s.date.trim())
    } else {
        format!("\u{2716} Still to sign: {who}")
    }
}

/// The "signatures" step: who has signed for each team and who still has to.
pub fn signature_blocks(review: Option<&ExitReview>) -> Vec<Block> {
    let signed = review.is_some_and(ExitReview::is_signed);
    let mut blocks = vec![Block::Facts(vec![
        (
            "Project team".to_owned(),
            signature_words(review.map(|r| &r.project_signature), signed),
        ),
        (
            "Business team".to_owned(),
            signature_words(review.map(|r| &r.business_signature), signed),
        ),
    ])];
    blocks.push(Block::Text(
        if signed {
            "Signed: the hypercare record is frozen."
        } else {
            "Not signed yet: signing freezes the hypercare record."
        }
        .to_owned(),
    ));
    blocks
}

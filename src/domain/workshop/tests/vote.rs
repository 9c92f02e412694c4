use super::*;
use crate::domain::charter::RoutingDestination;
use crate::domain::fixtures;
use crate::domain::triage::{Issue, Triage};
use crate::domain::workshop::decision::Topic;
use crate::domain::workshop::vote::{parse_count, Tally, VoteItem};
use crate::domain::workshop::{DotVote, VoteError};

fn items(labels: &[&str]) -> Vec<VoteItem> {
    labels
        .iter()
        .map(|l| VoteItem {
            label: (*l).to_owned(),
            topic: None,
        })
        .collect()
}

fn three() -> DotVote {
    DotVote::new(
        "Which request first?",
        1,
        None,
        items(&["Quote PDF", "Lead report", "Region field"]),
    )
    .unwrap()
}

#[test]
fn a_vote_needs_a_question_and_two_distinct_items() {
    assert_eq!(
        DotVote::new(" ", 0, None, items(&["A", "B"])),
        Err(VoteError::NoQuestion)
    );
    assert_eq!(
        DotVote::new("Q", 0, None, items(&["A"])),
        Err(VoteError::TooFewItems)
    );
    assert_eq!(
        DotVote::new("Q", 0, None, items(&["A", " "])),
        Err(VoteError::UnnamedItem)
    );
    assert_eq!(
        DotVote::new("Q", 0, None, items(&["Lead report", "lead report "])),
        Err(VoteError::DuplicateItem("lead report".into()))
    );
}

#[test]
fn each_person_has_five_votes_and_at_most_three_on_one_item() {
    let mut v = three();
    v.record_ballot("Anna", &[3, 2, 0]).unwrap();
    v.record_ballot("Ben", &[1, 0, 0]).unwrap();
    let four = v.record_ballot("Cleo", &[4, 0, 0]).unwrap_err();
    assert_eq!(
        four.to_string(),
        "Cleo put 4 votes on \u{201c}Quote PDF\u{201d}: at most 3 on one item."
    );
    let six = v.record_ballot("Cleo", &[3, 2, 1]).unwrap_err();
    assert_eq!(six.to_string(), "Cleo used 6 votes: each person has 5.");
    assert_eq!(
        v.record_ballot("Cleo", &[0, 0, 0]).unwrap_err().to_string(),
        "Cleo placed no votes: place at least one, or leave the ballot out."
    );
    assert_eq!(v.record_ballot("  ", &[1, 0, 0]), Err(VoteError::NoName));
    assert_eq!(
        v.record_ballot("Cleo", &[1, 0]),
        Err(VoteError::WrongItemCount {
            expected: 3,
            found: 2
        })
    );
    assert_eq!(v.participants(), 2, "refused ballots are not recorded");
}

#[test]
fn recording_a_name_again_corrects_that_ballot() {
    let mut v = three();
    v.record_ballot("Anna  Berg", &[3, 0, 0]).unwrap();
    v.record_ballot("anna berg", &[0, 0, 2]).unwrap();
    assert_eq!(v.participants(), 1);
    let Tally::PerPerson(ballots) = &v.tally else {
        panic!("per person")
    };
    assert_eq!(ballots[0].counts, [0, 0, 2]);
    v.remove_ballot("ANNA BERG").unwrap();
    assert_eq!(v.participants(), 0);
    assert_eq!(
        v.remove_ballot("Zoe"),
        Err(VoteError::NoSuchBallot("Zoe".into()))
    );
}

#[test]
fn totals_stay_hidden_until_revealed() {
    let mut v = three();
    v.record_ballot("Anna", &[3, 2, 0]).unwrap();
    assert_eq!(v.result(), None);
    assert!(!v.is_revealed());
    // Nothing in the serialised vote carries a total before the reveal.
    let json = serde_json::to_string(&v).unwrap();
    assert!(json.contains("\"result\":null"), "{json}");
    assert_eq!(
        DotVote::new("Q", 0, None, items(&["A", "B"]))
            .unwrap()
            .reveal(t0()),
        Err(VoteError::NothingToReveal)
    );
}

#[test]
fn the_reveal_ranks_items_flags_ties_and_freezes_the_vote() {
    let mut v = DotVote::new("Order", 1, None, items(&["A", "B", "C", "D"])).unwrap();
    v.record_ballot("Anna", &[1, 3, 0, 1]).unwrap();
    v.record_ballot("Ben", &[3, 1, 1, 0]).unwrap();
    v.record_ballot("Cleo", &[0, 0, 2, 0]).unwrap();
    let result = v.reveal(at(30, 0)).unwrap().clone();
    let rows: Vec<(&str, u32, u32, bool)> = result
        .ranked
        .iter()
        .map(|r| (r.label.as_str(), r.total, r.rank, r.tied))
        .collect();
    assert_eq!(
        rows,
        [
            ("A", 4, 1, true),
            ("B", 4, 1, true),
            ("C", 3, 3, false),
            ("D", 1, 4, false)
        ]
    );
    assert!(result.tie_for_first());
    assert_eq!(
        result.summary(),
        "Tie for first place with 4 votes each: \u{201c}A\u{201d} and \u{201c}B\u{201d}."
    );
    assert_eq!((result.participants, result.votes_cast), (3, 12));
    assert_eq!(v.revealed_at, Some(at(30, 0)));
    assert_eq!(
        v.record_ballot("Dan", &[1, 0, 0, 0]),
        Err(VoteError::Revealed)
    );
    assert_eq!(v.clear(), Err(VoteError::Revealed));
    assert_eq!(v.reveal(at(31, 0)), Err(VoteError::Revealed));
    // The recorded result survives a reload.
    let back: DotVote = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
    assert_eq!(back.result(), Some(&result));
}

#[test]
fn a_clear_winner_is_summarised() {
    let mut v = three();
    v.record_ballot("Anna", &[1, 3, 1]).unwrap();
    let result = v.reveal(t0()).unwrap();
    assert!(!result.tie_for_first());
    assert_eq!(
        result.summary(),
        "\u{201c}Lead report\u{201d} first with 3 votes."
    );
    assert!(
        result.ranked[1].tied && result.ranked[2].tied,
        "1 and 1 tie for second"
    );
    assert_eq!(result.ranked[1].rank, 2);
}

#[test]
fn totals_are_checked_against_what_the_participants_can_cast() {
    let mut v = three();
    assert_eq!(v.set_totals(0, &[1, 0, 0]), Err(VoteError::NoParticipants));
    assert_eq!(
        v.set_totals(2, &[7, 0, 0]).unwrap_err().to_string(),
        "\u{201c}Quote PDF\u{201d} has 7 votes, but these participants can put at most 6 on one item."
    );
    assert_eq!(
        v.set_totals(2, &[6, 5, 0]).unwrap_err().to_string(),
        "The totals add up to 11 votes, but these participants have only 10."
    );
    v.set_totals(2, &[6, 4, 0]).unwrap();
    assert_eq!(v.participants(), 2);
    assert_eq!(
        v.record_ballot("Anna", &[1, 0, 0]),
        Err(VoteError::EnteredAsTotals)
    );
    assert_eq!(v.reveal(t0()).unwrap().ranked[0].total, 6);
}

#[test]
fn per_person_and_totals_do_not_mix() {
    let mut v = three();
    v.record_ballot("Anna", &[1, 0, 0]).unwrap();
    assert_eq!(
        v.set_totals(3, &[1, 1, 1]),
        Err(VoteError::RecordedPerPerson)
    );
    v.clear().unwrap();
    v.set_totals(3, &[1, 1, 1]).unwrap();
}

#[test]
fn typed_counts_are_whole_numbers_or_empty() {
    assert_eq!(parse_count("A", " 2 "), Ok(2));
    assert_eq!(parse_count("A", ""), Ok(0));
    assert_eq!(
        parse_count("Lead report", "two").unwrap_err().to_string(),
        "Enter the votes on \u{201c}Lead report\u{201d} as a whole number, like 2."
    );
}

#[test]
fn a_scope_vote_is_about_its_category() {
    let charter = charter();
    let reports = fixtures::category(&charter, "new-report-development");
    let v = DotVote::scope_in_or_out(reports, 2).unwrap();
    assert_eq!(
        v.question,
        "Is \u{201c}New report development\u{201d} in scope for hypercare?"
    );
    assert_eq!(
        v.topic,
        Some(Topic::ScopeCategory {
            id: "new-report-development".into(),
            name: "New report development".into()
        })
    );
    assert!(v.items[1]
        .label
        .ends_with("route it to the enhancement backlog"));
}

#[test]
fn out_of_scope_requests_for_the_committee_become_items() {
    let charter = charter();
    let mut issues = Vec::new();
    for (n, title, category) in [
        (1, "Follow-up tasks after meetings", "new-workflow-design"),
        (2, "Pipeline by product line", "new-report-development"),
        (3, "Two approvals above 10 %", "business-logic-modification"),
        (4, "Quotes are slow", "performance-issues"),
    ] {
        let mut issue = Issue::log(n, title, "Anna", t0()).unwrap();
        let severity = (category == "performance-issues").then_some("important");
        issue
            .triage(
                &charter,
                Triage {
                    category_id: category,
                    rationale: "",
                    severity_id: severity,
                    route_override: None,
                },
                "Anna",
                t0(),
            )
            .unwrap();
        issues.push(issue);
    }
    let v = DotVote::order_requests(&issues, RoutingDestination::GovernanceCommittee, 1).unwrap();
    let labels: Vec<&str> = v.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "#1 Follow-up tasks after meetings",
            "#3 Two approvals above 10 %"
        ]
    );
    assert_eq!(
        v.items[1].topic,
        Some(Topic::Issue {
            number: 3,
            title: "Two approvals above 10 %".into()
        })
    );
    assert_eq!(
        DotVote::order_requests(&issues, RoutingDestination::BusinessOwner, 1),
        Err(VoteError::TooFewItems)
    );
}

#[test]
fn votes_belong_to_the_workshop_and_reload_with_it() {
    let mut w = stand_up();
    let index = w.add_vote(three());
    w.votes[index].record_ballot("Anna", &[2, 2, 1]).unwrap();
    assert_eq!(reload(&w).votes[index], w.votes[index]);
}

#[test]
fn participants_for_totals_are_a_whole_number_above_zero() {
    use crate::domain::workshop::vote::parse_participants;
    assert_eq!(parse_participants(" 4 "), Ok(4));
    assert_eq!(parse_participants("0"), Err(VoteError::NoParticipants));
    assert_eq!(parse_participants("four"), Err(VoteError::NoParticipants));
    assert_eq!(parse_participants(""), Err(VoteError::NoParticipants));
}

#[test]
fn a_revealed_scope_vote_is_recorded_as_a_decision_about_its_category() {
    let charter = charter();
    let migration = fixtures::category(&charter, "data-migration-corrections");
    let mut w = stand_up();
    w.current = 1;
    let index = w.add_vote(DotVote::scope_in_or_out(migration, 1).unwrap());
    // Totals only, from dots on a wall: 4 people, 12 dots in, 3 out.
    w.votes[index].set_totals(4, &[12, 3]).unwrap();
    let early = w.record_vote_result(index, "Priya", at(10, 0));
    assert_eq!(
        early.unwrap_err().vote.as_deref(),
        Some("Reveal the vote before recording its result.")
    );
    w.votes[index].reveal(at(10, 0)).unwrap();
    assert_eq!(
        w.record_vote_result(index, " ", at(10, 5))
            .unwrap_err()
            .recorded_by
            .as_deref(),
        Some("Enter who records the decision.")
    );
    let decision = w.record_vote_result(index, "Priya", at(10, 5)).unwrap();
    let d = &w.decisions[decision];
    assert_eq!(d.vote.as_deref(), Some(format!("#{index}").as_str()));
    assert!(w.vote_decided(index) || w.votes[index].id.is_empty());
    let mut saved = w.clone();
    saved
        .votes
        .iter_mut()
        .for_each(|v| v.id = format!("vote-{}", v.question.len()));
    saved.resolve_vote_positions();
    assert!(
        saved.vote_decided(index),
        "the decision cites the vote by id once it has one"
    );
    assert_eq!(d.step, 1);
    assert_eq!(d.topic, Some(Topic::scope_category(migration)));
    assert_eq!(
        d.text,
        "Scope category \u{201c}Data migration corrections\u{201d}: \u{201c}In scope: stabilisation, hypercare fixes it\u{201d} first with 12 votes."
    );
    assert!(w.record_vote_result(9, "Priya", at(10, 6)).is_err());
}

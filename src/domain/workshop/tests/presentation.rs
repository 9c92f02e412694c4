use super::*;
use crate::domain::workshop::presentation::{
    basics_blocks, channel_name, decode, encode, escalation_blocks, routing_blocks, scope_blocks,
    service_level_blocks, Applied, AudienceRequest, Block, DecodeError, PROTOCOL_VERSION,
};
use crate::domain::workshop::vote::VoteItem;
use crate::domain::workshop::{
    AudienceView, ChannelMessage, Console, DotVote, Presentation, Screen, TimerState,
};

fn shown(message: &ChannelMessage) -> &Presentation {
    match message {
        ChannelMessage::Show { presentation, .. } => presentation,
        _ => panic!("not a presentation"),
    }
}

#[test]
fn the_message_carries_the_step_the_timer_and_the_typed_decision() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    w.next(at(5, 0)).unwrap();
    let mut console = Console::new(42);
    console.typed_decision = "#14 is new scope ".into();
    let message = console.message(
        &w,
        " Acme CRM ",
        vec![Block::Text("Hello".into())],
        at(6, 0),
    );
    let p = shown(&message);
    assert_eq!(p.engagement_name, "Acme CRM");
    assert_eq!(p.agenda, "Daily triage stand-up");
    assert_eq!((p.current, p.steps.len()), (1, 4));
    assert_eq!(p.question, "Stabilisation or new scope? How severe?");
    assert_eq!(p.typed_decision, "#14 is new scope");
    assert_eq!(p.screen, Screen::Step);
    assert_eq!(p.timer.state, TimerState::Running);
    assert_eq!(p.content, [Block::Text("Hello".into())]);
}

#[test]
fn the_audience_moves_the_countdown_on_exactly_as_the_console_does() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    w.next(at(5, 0)).unwrap(); // 1 min over plan on step 1
    w.add_minute().unwrap();
    let mut console = Console::new(1);
    let snapshot = shown(&console.message(&w, "Acme", vec![], at(6, 0))).timer;
    for now in [at(6, 0), at(9, 30), at(14, 0), at(20, 5)] {
        assert_eq!(snapshot.countdown(now), w.countdown(now), "{now}");
        assert_eq!(snapshot.plan_delta(now), w.plan_delta(now), "{now}");
    }
    // Step 2's 7 + 1 minutes, started at 5:00, are used up at 13:00.
    assert_eq!(snapshot.countdown(at(13, 0)).unwrap().words(), "Time is up");
    w.pause(at(7, 0)).unwrap();
    let paused = shown(&console.message(&w, "Acme", vec![], at(7, 0))).timer;
    assert_eq!(paused.countdown(at(30, 0)), w.countdown(at(30, 0)));
    assert_eq!(paused.countdown(at(30, 0)).unwrap().words(), "6:00 left");
    w.finish(at(8, 0)).unwrap();
    let done = shown(&console.message(&w, "Acme", vec![], at(8, 0))).timer;
    assert_eq!(done.countdown(at(9, 0)), None);
    assert_eq!(done.plan_delta(at(99, 0)), w.plan_delta(at(99, 0)));
}

#[test]
fn messages_round_trip_through_text_and_newer_ones_are_recognised() {
    let mut console = Console::new(7);
    let message = console.message(&stand_up(), "Acme", vec![], t0());
    let text = encode(&message);
    assert!(
        text.starts_with(&format!("{{\"version\":{PROTOCOL_VERSION},")),
        "{text}"
    );
    assert_eq!(decode(&text), Ok(message));
    assert_eq!(
        decode(&encode(&AudienceView::on_open())),
        Ok(ChannelMessage::Ask(AudienceRequest::State))
    );
    assert_eq!(
        decode(r#"{"version":99,"message":{"something":"new"}}"#),
        Err(DecodeError::Newer(99))
    );
    assert_eq!(decode("not json"), Err(DecodeError::NotOurs));
    assert_eq!(
        decode(r#"{"version":1,"message":{"unknown":1}}"#),
        Err(DecodeError::NotOurs)
    );
    assert_eq!(channel_name("abcdefghij"), "handrail-workshop-abcdefghij");
}

#[test]
fn the_audience_ignores_stale_messages_but_follows_a_new_console() {
    let mut w = stand_up();
    let mut console = Console::new(1);
    let first = console.message(&w, "Acme", vec![], t0());
    w.next(t0()).unwrap();
    let second = console.message(&w, "Acme", vec![], t0());
    let mut audience = AudienceView::default();
    assert_eq!(audience.apply(second), Applied::Updated);
    assert_eq!(audience.apply(first), Applied::Stale);
    assert_eq!(audience.shown.as_ref().unwrap().current, 1);
    // The console window was reloaded: its count starts again, under a new id.
    let mut reloaded = Console::new(2);
    w.next(t0()).unwrap();
    assert_eq!(
        audience.apply(reloaded.message(&w, "Acme", vec![], t0())),
        Applied::Updated
    );
    assert_eq!(audience.shown.as_ref().unwrap().current, 2);
    assert_eq!(
        audience.apply(AudienceView::on_open()),
        Applied::NotForAudience
    );
}

#[test]
fn a_reopened_audience_window_picks_up_the_current_state() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    w.next(at(4, 0)).unwrap();
    let mut console = Console::new(9);
    console.screen = Screen::Blank;
    // Earlier traffic the closed window saw; the new window starts with nothing.
    let _seen_before = console.message(&w, "Acme", vec![], at(4, 0));
    let mut reopened = AudienceView::default();
    let ChannelMessage::Ask(request) = decode(&encode(&AudienceView::on_open())).unwrap() else {
        panic!("a request")
    };
    assert_eq!(console.handle(&mut w, request, at(5, 0)), Ok(false));
    let reply = decode(&encode(&console.message(&w, "Acme", vec![], at(5, 0)))).unwrap();
    assert_eq!(reopened.apply(reply), Applied::Updated);
    let p = reopened.shown.unwrap();
    assert_eq!((p.current, p.screen), (1, Screen::Blank));
    assert_eq!(p.timer.countdown(at(5, 0)).unwrap().words(), "6:00 left");
}

#[test]
fn keys_in_the_audience_window_drive_the_console() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    let mut console = Console::new(3);
    assert_eq!(
        console.handle(&mut w, AudienceRequest::Next, at(1, 0)),
        Ok(true)
    );
    assert_eq!(w.current, 1);
    assert_eq!(
        console.handle(&mut w, AudienceRequest::Previous, at(2, 0)),
        Ok(true)
    );
    assert_eq!(w.current, 0);
    assert!(console
        .handle(&mut w, AudienceRequest::Previous, at(2, 0))
        .is_err());
    assert_eq!(
        console.handle(&mut w, AudienceRequest::ToggleBlank, at(2, 0)),
        Ok(false)
    );
    assert_eq!(console.screen, Screen::Blank);
    console
        .handle(&mut w, AudienceRequest::ToggleBlank, at(2, 0))
        .unwrap();
    assert_eq!(console.screen, Screen::Step);
}

#[test]
fn a_vote_on_screen_shows_its_totals_only_once_revealed() {
    let mut w = stand_up();
    let items = ["A", "B"]
        .map(|l| VoteItem {
            label: l.into(),
            topic: None,
        })
        .to_vec();
    let index = w.add_vote(DotVote::new("Which first?", 0, None, items).unwrap());
    w.votes[index].record_ballot("Anna", &[3, 2]).unwrap();
    let mut console = Console::new(1);
    console.shown_vote = Some(index);
    let before = shown(&console.message(&w, "Acme", vec![], t0()))
        .vote
        .clone()
        .unwrap();
    assert_eq!(
        (before.items.len(), before.participants, before.result),
        (2, 1, None)
    );
    w.votes[index].reveal(t0()).unwrap();
    let after = shown(&console.message(&w, "Acme", vec![], t0()))
        .vote
        .clone()
        .unwrap();
    assert_eq!(after.result.unwrap().ranked[0].total, 3);

    // Finished, it stays with its step: the next step's slide shows no vote.
    w.start(t0()).unwrap();
    w.next(at(1, 0)).unwrap();
    assert_eq!(
        shown(&console.message(&w, "Acme", vec![], at(1, 0))).vote,
        None
    );
}

#[test]
fn the_scope_slide_shows_both_sides_of_the_line_with_destinations() {
    let blocks = scope_blocks(&charter());
    let [Block::Heading(_), Block::List(inside), Block::Heading(_), Block::List(outside)] =
        blocks.as_slice()
    else {
        panic!("{blocks:?}")
    };
    assert_eq!(inside.len(), 5);
    assert!(outside.contains(&"New report development \u{2192} Enhancement backlog".to_owned()));
}

#[test]
fn the_charter_steps_show_the_charter_being_discussed() {
    let c = charter();
    let basics = basics_blocks(&c);
    let [Block::Facts(facts)] = basics.as_slice() else {
        panic!()
    };
    assert_eq!(facts[0].1, c.system);
    let levels = service_level_blocks(&c);
    let [Block::Table { head, rows }] = levels.as_slice() else {
        panic!()
    };
    assert_eq!((head.len(), rows.len()), (5, c.severities.len()));
    assert_eq!(rows[0][0], c.severities[0].name);
    let path = escalation_blocks(&c);
    let [Block::Table { rows, .. }] = path.as_slice() else {
        panic!()
    };
    assert_eq!(rows.len(), c.escalation.len());
    assert!(rows[0][0].starts_with("1. "));
    let routes = routing_blocks(&c);
    let [Block::Table { rows, .. }] = routes.as_slice() else {
        panic!()
    };
    assert_eq!(rows.len(), c.destinations.len());
}

mod leadership {
    use crate::domain::workshop::leadership::{Leadership, LISTEN_MS, LOST_AFTER_MS};

    #[test]
    fn the_earliest_console_leads_and_a_newcomer_follows() {
        let mut first = Leadership::new(9, 0);
        assert!(!first.leads(LISTEN_MS - 1), "it listens before it leads");
        assert!(first.leads(LISTEN_MS));
        let mut second = Leadership::new(1, 2_000);
        assert!(
            first.hear(1, 2_000, 2_000),
            "a new console is answered at once"
        );
        assert!(second.hear(9, 0, 2_001));
        assert!(first.leads(2_100));
        assert!(!second.leads(2_600));
        assert!(!first.hear(1, 2_000, 2_900), "a known one is not");
    }

    #[test]
    fn the_lead_passes_on_goodbye_on_silence_or_when_taken() {
        let mut first = Leadership::new(9, 0);
        let mut second = Leadership::new(1, 1_000);
        second.hear(9, 0, 1_000);
        assert!(!second.leads(2_000));
        second.gone(9);
        assert!(second.leads(2_000));

        second.hear(9, 0, 3_000);
        assert!(!second.leads(3_000));
        assert!(
            second.leads(3_000 + LOST_AFTER_MS),
            "a silent leader is dropped"
        );

        second.hear(9, 0, 10_000);
        second.take_lead(10_000);
        assert!(second.leads(10_000));
        first.hear(1, second.since, 10_001);
        assert!(!first.leads(10_001));
    }

    #[test]
    fn equal_times_are_settled_by_id() {
        let mut a = Leadership::new(1, 0);
        let mut b = Leadership::new(2, 0);
        a.hear(2, 0, 0);
        b.hear(1, 0, 0);
        assert!(a.leads(LISTEN_MS));
        assert!(!b.leads(LISTEN_MS));
    }
}

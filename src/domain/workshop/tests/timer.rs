use super::*;
use crate::domain::workshop::{Countdown, PlanDelta, TimerError, TimerState};

#[test]
fn before_the_start_there_is_no_countdown_and_nothing_counts() {
    let mut w = stand_up();
    assert_eq!(w.state(), TimerState::NotStarted);
    assert_eq!(w.countdown(at(5, 0)), None);
    assert_eq!(w.plan_delta(at(5, 0)).words(), "On plan");
    // The facilitator may preview the agenda before the start.
    w.go_to(2, t0()).unwrap();
    assert_eq!(w.current, 2);
    w.go_to(0, t0()).unwrap();
    assert_eq!(w.add_minute(), Err(TimerError::NotStarted));
    assert_eq!(w.pause(t0()), Err(TimerError::NotStarted));
    assert_eq!(w.finish(t0()), Err(TimerError::NotStarted));
    assert_eq!(w.total_spent_ms(at(5, 0)), 0);
}

#[test]
fn the_countdown_runs_down_then_says_time_is_up_then_counts_over_time() {
    let mut w = stand_up(); // first step: 4 minutes
    w.start(t0()).unwrap();
    assert_eq!(w.state(), TimerState::Running);
    assert_eq!(w.start(at(1, 0)), Err(TimerError::AlreadyStarted));

    let c = w.countdown(at(1, 30)).unwrap();
    assert_eq!(c.words(), "2:30 left");
    assert_eq!(c.digits(), "2:30");
    assert!((c.fraction() - 0.375).abs() < 1e-9);
    assert!(!c.is_over());

    // Rounded up: 0:01 until the timebox is fully used.
    assert_eq!(
        w.countdown(at(3, 59) + ms(500)).unwrap().words(),
        "0:01 left"
    );
    let zero = w.countdown(at(4, 0)).unwrap();
    assert_eq!(zero.words(), "Time is up");
    assert_eq!(zero.digits(), "+0:00");
    assert!(zero.is_over());

    let over = w.countdown(at(6, 10)).unwrap();
    assert_eq!(over.remaining_ms, -130_000);
    assert_eq!(over.words(), "2:10 over time");
    assert_eq!(over.digits(), "+2:10");
    assert_eq!(over.spoken(), "2 minutes 10 seconds over time");
    assert_eq!(over.fraction(), 1.0);
    // The current step counts against the plan once it passes its planned time.
    assert_eq!(w.plan_delta(at(6, 10)).words(), "2 min over plan");
    assert_eq!(w.plan_delta(at(3, 0)).words(), "On plan");
}

#[test]
fn plus_one_minute_extends_the_timebox_but_not_the_plan() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    w.add_minute().unwrap();
    w.add_minute().unwrap();
    assert_eq!(w.steps[0].timebox_minutes(), 6);
    assert_eq!(w.steps[0].planned_minutes, 4);
    assert_eq!(w.countdown(at(4, 30)).unwrap().words(), "1:30 left");
    assert_eq!(
        w.plan_delta(at(4, 30)).words(),
        "1 min over plan",
        "4:30 on a 4 min plan, rounded"
    );
    w.finish(at(5, 0)).unwrap();
    assert_eq!(w.add_minute(), Err(TimerError::Finished));
    assert_eq!(w.step_times(at(9, 0))[0].added_minutes, 2);
}

#[test]
fn paused_time_does_not_count() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    w.pause(at(1, 0)).unwrap();
    assert_eq!(w.state(), TimerState::Paused);
    assert_eq!(w.pause(at(1, 5)), Err(TimerError::AlreadyPaused));
    // Ten minutes of coffee: the countdown stands still.
    assert_eq!(w.countdown(at(11, 0)).unwrap().words(), "3:00 left");
    w.resume(at(11, 0)).unwrap();
    assert_eq!(w.resume(at(11, 1)), Err(TimerError::NotPaused));
    assert_eq!(w.countdown(at(12, 30)).unwrap().words(), "1:30 left");
    assert_eq!(w.spent_ms(0, at(12, 30)), 150_000);
}

#[test]
fn time_stays_with_the_step_it_was_spent_on() {
    let mut w = stand_up(); // 4, 7, 2, 2
    w.start(t0()).unwrap();
    w.next(at(5, 0)).unwrap(); // 1 min over on step 1
    assert_eq!(w.current, 1);
    assert_eq!(w.countdown(at(6, 0)).unwrap().words(), "6:00 left");
    assert_eq!(w.plan_delta(at(6, 0)).words(), "1 min over plan");
    w.previous(at(8, 0)).unwrap(); // 3 min on step 2, back to step 1
    assert_eq!(w.current, 0);
    assert_eq!(w.countdown(at(8, 0)).unwrap().words(), "1:00 over time");
    assert_eq!(w.previous(at(8, 0)), Err(TimerError::FirstStep));
    w.go_to(3, at(9, 0)).unwrap(); // step 1 now 6 min; step 3 skipped
    assert_eq!(w.spent_ms(0, at(9, 0)), 6 * 60_000);
    assert_eq!(w.spent_ms(1, at(9, 0)), 3 * 60_000);
    assert_eq!(w.next(at(9, 0)), Err(TimerError::LastStep));
    assert_eq!(w.go_to(4, at(9, 0)), Err(TimerError::NoSuchStep(4)));
    // Step 1 +2, step 2 left at 3 of 7 (-4), step 3 skipped (-2): 4 under plan.
    assert_eq!(w.plan_delta(at(9, 0)).words(), "4 min under plan");
}

#[test]
fn a_paused_timer_stays_paused_on_the_next_step() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    w.pause(at(2, 0)).unwrap();
    w.next(at(3, 0)).unwrap();
    assert_eq!(w.state(), TimerState::Paused);
    assert_eq!(w.spent_ms(0, at(3, 0)), 120_000);
    assert_eq!(w.countdown(at(20, 0)).unwrap().words(), "7:00 left");
    assert_eq!(w.steps[1].first_started, None, "never ran here yet");
    w.resume(at(20, 0)).unwrap();
    assert_eq!(w.steps[1].first_started, Some(at(20, 0)));
}

#[test]
fn a_finished_workshop_shows_time_per_step_against_the_plan() {
    let mut w = stand_up(); // 4, 7, 2, 2
    w.start(t0()).unwrap();
    w.next(at(3, 0)).unwrap(); // 3 of 4
    w.add_minute().unwrap();
    w.next(at(12, 0)).unwrap(); // 9 of 7
    w.next(at(14, 30)).unwrap(); // 2:30 of 2
    w.finish(at(16, 0)).unwrap(); // 1:30 of 2
    assert_eq!(w.state(), TimerState::Finished);
    assert_eq!(w.countdown(at(16, 0)), None);
    let later = at(90, 0); // a finished workshop's figures do not move
    let times = w.step_times(later);
    let deltas: Vec<String> = times.iter().map(|t| t.delta().words()).collect();
    assert_eq!(
        deltas,
        [
            "1 min under plan",
            "2 min over plan",
            "1 min over plan",
            "1 min under plan"
        ]
    );
    assert_eq!(times[2].delta(), PlanDelta { seconds: 30 });
    assert_eq!(times[1].added_minutes, 1);
    assert!(times.iter().all(|t| t.visited));
    assert_eq!(w.plan_delta(later).words(), "1 min over plan");
    assert_eq!(w.total_spent_ms(later), 16 * 60_000);
    for refused in [
        w.start(later),
        w.pause(later),
        w.resume(later),
        w.next(later),
        w.previous(later),
        w.go_to(0, later),
        w.finish(later),
    ] {
        assert_eq!(refused, Err(TimerError::Finished));
    }
}

#[test]
fn reload_gives_the_same_figures() {
    let mut w = stand_up();
    w.start(t0()).unwrap();
    w.next(at(5, 0)).unwrap();
    w.add_minute().unwrap();
    w.set_notes(1, "Two new issues").unwrap();
    let reloaded = reload(&w);
    assert_eq!(reloaded, w);
    for now in [at(6, 0), at(13, 20), at(40, 0)] {
        assert_eq!(reloaded.countdown(now), w.countdown(now));
        assert_eq!(reloaded.plan_delta(now), w.plan_delta(now));
        assert_eq!(reloaded.step_times(now), w.step_times(now));
    }
    // Running on after the reload: the window was closed for ten minutes, the clock ran on.
    assert_eq!(
        reloaded.countdown(at(15, 0)).unwrap().words(),
        "2:00 over time"
    );

    // Paused and reloaded: still paused, still the same.
    w.pause(at(7, 0)).unwrap();
    let paused = reload(&w);
    assert_eq!(paused.state(), TimerState::Paused);
    assert_eq!(paused.countdown(at(50, 0)).unwrap().words(), "6:00 left");
}

#[test]
fn a_record_from_an_older_build_without_timer_fields_loads() {
    let text = r#"{"number":2,"kind":"exit_review","created_at":"2027-03-29T09:00:00Z",
        "steps":[{"kind":"exit_criteria","planned_minutes":15},{"kind":"signatures","planned_minutes":10}]}"#;
    let w: Workshop = serde_json::from_str(text).unwrap();
    assert_eq!(w.state(), TimerState::NotStarted);
    assert_eq!(w.planned_minutes(), 25);
    assert!(w.decisions.is_empty() && w.votes.is_empty());
}

#[test]
fn a_clock_set_back_never_gives_negative_time() {
    let mut w = stand_up();
    w.start(at(10, 0)).unwrap();
    assert_eq!(w.spent_ms(0, at(9, 0)), 0);
    w.pause(at(9, 0)).unwrap();
    assert_eq!(w.steps[0].spent_ms, 0);
}

#[test]
fn countdown_wording() {
    let c = |remaining_ms| Countdown {
        remaining_ms,
        timebox_ms: 600_000,
    };
    assert_eq!(c(750_000).words(), "12:30 left");
    assert_eq!(c(-45_000).words(), "0:45 over time");
    assert_eq!(c(-999).words(), "Time is up");
    assert_eq!(c(60_000).spoken(), "1 minute left");
    assert_eq!(c(1_000).spoken(), "1 second left");
    assert_eq!(c(-61_000).spoken(), "1 minute 1 second over time");
    assert_eq!(c(0).spoken(), "Time is up");
    assert_eq!(
        Countdown {
            remaining_ms: 0,
            timebox_ms: 0
        }
        .fraction(),
        1.0
    );
}

#[test]
fn plan_delta_wording_rounds_to_the_minute() {
    let d = |seconds| PlanDelta { seconds }.words();
    assert_eq!(d(240), "4 min over plan");
    assert_eq!(d(29), "On plan");
    assert_eq!(d(-29), "On plan");
    assert_eq!(d(30), "1 min over plan");
    assert_eq!(d(-150), "3 min under plan");
}

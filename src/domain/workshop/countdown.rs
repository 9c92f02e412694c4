//! The figures the timer shows, as values with their wording: the countdown of the current
//! step and the running total against the plan. Both are derived at a given `now` and never
//! stored. Every figure carries words or a sign, so nothing depends on colour alone.
use serde::{Deserialize, Serialize};

/// Where the current step stands against its timebox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Countdown {
    /// Negative once the step is over time.
    pub remaining_ms: i64,
    /// The step's timebox, with the minutes added in the room.
    pub timebox_ms: i64,
}

/// Minutes and seconds, `m:ss`, of a non-negative number of seconds.
pub fn clock(seconds: i64) -> String {
    let seconds = seconds.max(0);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

fn amount(value: i64, one: &str, many: &str) -> String {
    if value == 1 {
        format!("1 {one}")
    } else {
        format!("{value} {many}")
    }
}

impl Countdown {
    pub fn is_over(&self) -> bool {
        self.remaining_ms <= 0
    }

    pub fn elapsed_ms(&self) -> i64 {
        self.timebox_ms - self.remaining_ms
    }

    /// Whole seconds left, rounded up, as a countdown does: it shows 0:01 until the very end.
    pub fn seconds_left(&self) -> i64 {
        if self.remaining_ms > 0 {
            (self.remaining_ms + 999) / 1000
        } else {
            0
        }
    }

    /// Whole seconds over time, rounded down: 0 in the first second after the timebox ends.
    pub fn seconds_over(&self) -> i64 {
        if self.remaining_ms < 0 {
            -self.remaining_ms / 1000
        } else {
            0
        }
    }

    /// How much of the timebox is used, for the bar: 0.0 to 1.0, full once over time.
    pub fn fraction(&self) -> f64 {
        if self.timebox_ms <= 0 {
            return 1.0;
        }
        (self.elapsed_ms() as f64 / self.timebox_ms as f64).clamp(0.0, 1.0)
    }

    /// The big digits: "12:30", and "+0:45" over time (the sign says it without colour).
    pub fn digits(&self) -> String {
        if self.is_over() {
            format!("+{}", clock(self.seconds_over()))
        } else {
            clock(self.seconds_left())
        }
    }

    /// "12:30 left", "Time is up" at zero, then "0:45 over time".
    pub fn words(&self) -> String {
        if !self.is_over() {
            format!("{} left", clock(self.seconds_left()))
        } else if self.seconds_over() == 0 {
            "Time is up".to_owned()
        } else {
            format!("{} over time", clock(self.seconds_over()))
        }
    }

    /// For screen readers, which read "12:30" as a time of day: "12 minutes 30 seconds left".
    pub fn spoken(&self) -> String {
        let (seconds, tail) = if self.is_over() {
            (self.seconds_over(), "over time")
        } else {
            (self.seconds_left(), "left")
        };
        if self.is_over() && seconds == 0 {
            return "Time is up".to_owned();
        }
        let (minutes, seconds) = (seconds / 60, seconds % 60);
        match (minutes, seconds) {
            (0, s) => format!("{} {tail}", amount(s, "second", "seconds")),
            (m, 0) => format!("{} {tail}", amount(m, "minute", "minutes")),
            (m, s) => format!(
                "{} {} {tail}",
                amount(m, "minute", "minutes"),
                amount(s, "second", "seconds")
            ),
        }
    }
}

/// The running total against the agenda: positive when the meeting runs late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDelta {
    pub seconds: i64,
}

impl PlanDelta {
    /// Rounded to the nearest minute: a facilitator steers by minutes, not seconds.
    pub fn minutes(&self) -> i64 {
        let rounded = (self.seconds.abs() + 30) / 60;
        rounded * self.seconds.signum()
    }

    /// "4 min over plan", "2 min under plan", "On plan".
    pub fn words(&self) -> String {
        match self.minutes() {
            0 => "On plan".to_owned(),
            m if m > 0 => format!("{m} min over plan"),
            m => format!("{} min under plan", -m),
        }
    }
}

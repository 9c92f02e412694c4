//! Which of this browser's console windows leads a workshop. Every console says "here" on
//! the engagement's channel each second; the domain's `Leadership` elects one, and only the
//! leader moves the steps and talks to the projector, so two facilitators pressing Next at
//! once do not move the room twice.
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::channel::Channel;
use crate::domain::workshop::leadership::{Leadership, LISTEN_MS};
use crate::domain::workshop::presentation::AudienceRequest;
use crate::domain::workshop::ChannelMessage;
use crate::domain::EngagementId;

/// This console's place in the election, and its channel to the others and the projector.
#[derive(Clone, Copy)]
pub struct Election {
    me: u64,
    lead: StoredValue<Leadership>,
    channel: StoredValue<Option<Channel>, LocalStorage>,
    /// This console leads.
    pub leads: RwSignal<bool>,
    /// Another console leads and this one follows (not while the election is still listening).
    pub follows: RwSignal<bool>,
}

impl Election {
    /// This console (sender id `me`), before it has joined: it neither leads nor follows.
    pub fn new(me: u64) -> Self {
        Self {
            me,
            lead: StoredValue::new(Leadership::new(me, lead_clock_ms())),
            channel: StoredValue::new_local(None),
            leads: RwSignal::new(false),
            follows: RwSignal::new(false),
        }
    }

    /// Joins the election of engagement `id`'s consoles; `now` ticks each second. The leader
    /// answers the projector's requests with `on_ask`.
    pub fn join(
        self,
        id: &EngagementId,
        now: RwSignal<DateTime<Utc>>,
        on_ask: impl Fn(AudienceRequest) + 'static,
    ) {
        let (election, me) = (self, self.me);
        election
            .channel
            .set_value(Channel::open(&id.to_string(), move |message| {
                election.hear(message.ok(), &on_ask)
            }));
        // Say "here" at once and every second; decide once others had time to answer.
        election.here();
        Effect::new(move |_| {
            now.track();
            election.here();
            election.recount();
        });
        let listened = set_timeout_with_handle(
            move || election.recount(),
            std::time::Duration::from_millis(LISTEN_MS as u64 + 50),
        )
        .ok();
        let goodbye = move || election.post(&ChannelMessage::Gone { sender: me });
        let handle = window_event_listener(leptos::ev::pagehide, move |_| goodbye());
        on_cleanup(move || {
            handle.remove();
            if let Some(l) = listened {
                l.clear();
            }
            goodbye();
        });
    }

    /// Sends `message` to the other windows of this engagement.
    pub fn post(&self, message: &ChannelMessage) {
        self.channel.try_with_value(|c| {
            if let Some(c) = c {
                c.post(message);
            }
        });
    }

    /// "Take the lead": this console leads from now on.
    pub fn take_lead(&self) {
        self.lead.update_value(|l| l.take_lead(lead_clock_ms()));
        self.here();
        self.recount();
    }

    fn hear(&self, message: Option<ChannelMessage>, on_ask: &impl Fn(AudienceRequest)) {
        match message {
            // Only the leading console answers the projector, so a request acts once. The
            // audience window closing says nothing to the console's own view.
            Some(ChannelMessage::Ask(request)) if self.leads.get_untracked() => {
                if request != AudienceRequest::Left {
                    on_ask(request);
                }
            }
            Some(ChannelMessage::Here { sender, since }) => {
                let now = lead_clock_ms();
                if self.lead.try_update_value(|l| l.hear(sender, since, now)) == Some(true) {
                    self.here();
                }
                self.recount();
            }
            Some(ChannelMessage::Gone { sender }) => {
                self.lead.update_value(|l| l.gone(sender));
                self.recount();
            }
            _ => {}
        }
    }

    fn here(&self) {
        let since = self.lead.with_value(|l| l.since);
        self.post(&ChannelMessage::Here {
            sender: self.me,
            since,
        });
    }

    fn recount(&self) {
        let now = lead_clock_ms();
        let decided = self.lead.try_update_value(|l| {
            let leading = l.leads(now);
            (leading, !leading && !l.listening(now))
        });
        if let Some((leading, following)) = decided {
            if self.leads.get_untracked() != leading {
                self.leads.set(leading);
            }
            if self.follows.get_untracked() != following {
                self.follows.set(following);
            }
        }
    }
}

/// The clock the consoles elect their leader by: milliseconds since the epoch from the
/// monotonic `performance` clock, so it agrees between windows, moves however the wall clock
/// is set (a test's fixed time, a laptop's clock change) and never steps back.
fn lead_clock_ms() -> i64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.time_origin() + p.now()) as i64
}

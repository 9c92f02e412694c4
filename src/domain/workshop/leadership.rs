//! Which of several consoles open on one engagement leads the room. Only the leader answers
//! the audience window's requests and sends it what to show, so a Next pressed on the
//! projector moves the workshop once and the projector never flips between two consoles.
//! Every console says "here" each second with the time it opened; the earliest one still
//! heard leads. A console that closes says so; one that stops answering is dropped after
//! [`LOST_AFTER_MS`]. Taking the lead claims a time before every other console's.

/// How often a console says it is here.
pub const HEARTBEAT_MS: i64 = 1000;
/// Silence after which a console counts as gone (a crashed tab sends no goodbye).
pub const LOST_AFTER_MS: i64 = 3500;
/// A console just opened listens this long for others before it leads.
pub const LISTEN_MS: i64 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Peer {
    id: u64,
    since: i64,
    seen: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leadership {
    pub me: u64,
    /// When this console opened (or claimed the lead), in milliseconds.
    pub since: i64,
    opened: i64,
    peers: Vec<Peer>,
}

impl Leadership {
    pub fn new(me: u64, now_ms: i64) -> Self {
        Self {
            me,
            since: now_ms,
            opened: now_ms,
            peers: Vec::new(),
        }
    }

    /// Another console said it is here. True when it was not known: it should hear from
    /// this one at once rather than at the next heartbeat.
    pub fn hear(&mut self, id: u64, since: i64, now_ms: i64) -> bool {
        if id == self.me {
            return false;
        }
        self.forget_lost(now_ms);
        match self.peers.iter_mut().find(|p| p.id == id) {
            Some(peer) => {
                peer.since = since;
                peer.seen = now_ms;
                false
            }
            None => {
                self.peers.push(Peer {
                    id,
                    since,
                    seen: now_ms,
                });
                true
            }
        }
    }

    /// Another console closed.
    pub fn gone(&mut self, id: u64) {
        self.peers.retain(|p| p.id != id);
    }

    fn forget_lost(&mut self, now_ms: i64) {
        self.peers.retain(|p| now_ms - p.seen < LOST_AFTER_MS);
    }

    /// Whether this console leads now.
    pub fn leads(&mut self, now_ms: i64) -> bool {
        self.forget_lost(now_ms);
        !self.listening(now_ms)
            && self
                .peers
                .iter()
                .all(|p| (self.since, self.me) < (p.since, p.id))
    }

    /// Still waiting to hear from consoles opened earlier: neither leading nor following.
    pub fn listening(&self, now_ms: i64) -> bool {
        now_ms - self.opened < LISTEN_MS
    }

    /// "Take the lead": a time before every console still heard.
    pub fn take_lead(&mut self, now_ms: i64) {
        self.forget_lost(now_ms);
        let earliest = self.peers.iter().map(|p| p.since).min();
        if let Some(earliest) = earliest {
            self.since = self.since.min(earliest - 1);
        }
        self.opened = self.opened.min(now_ms - LISTEN_MS);
    }
}

//! Team sync (issue 15): an engagement's records copied to a CouchDB database the team runs,
//! and the others' changes merged back, so that localStorage stays the copy the app works from
//! and work goes on offline. The design, with the documents and the protocol, is in
//! `docs/team-sync.md`; the merge rules themselves are domain rules in `domain::sync`.
//!
//! - [`docs`]: the documents an engagement is sent as, and reading one back;
//! - [`ledger`]: what this browser knows of the server's copy;
//! - [`outbox`]: what differs and is to be sent (`issue_digests` remembers what it worked out);
//! - [`absorb`]: taking the server's documents in;
//! - [`couch`]: the CouchDB calls; [`status`]: what the status line says;
//! - [`cycle`]: the loop that runs them, one per engagement, over a [`cycle::Server`] and a
//!   [`cycle::Local`]; the browser's are in `state::sync::runner`, the tests' in `model`.
pub mod absorb;
#[cfg(test)]
mod chaos_tests;
pub mod couch;
pub mod cycle;
pub mod docs;
mod issue_digests;
pub mod ledger;
#[cfg(test)]
mod loop_tests;
#[cfg(test)]
mod model;
pub mod outbox;
pub mod status;

/// Forgets what sync remembered of engagement `id` in this tab (its issue digests), when it
/// stops syncing or is deleted.
pub fn forget_digests(id: &crate::domain::EngagementId) {
    issue_digests::forget(id);
}
#[cfg(test)]
mod tests;

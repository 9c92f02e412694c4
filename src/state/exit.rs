//! Exit-review commands: edits until it is signed, then signing, which freezes the record.
use chrono::Utc;

use super::charter::CharterCommandError;
use super::zone::BrowserZones;
use super::AppState;
use crate::domain::exit::criteria::evaluate;
use crate::domain::exit::health::health;
use crate::domain::exit::review::{markdown, ExitReview, ReviewDocument};
use crate::domain::EngagementId;

/// Why the review could not be signed, as messages for the user.
struct SignError(Vec<String>);

impl From<CharterCommandError> for SignError {
    fn from(error: CharterCommandError) -> Self {
        Self(vec![error.to_string()])
    }
}

impl AppState {
    /// Applies a change to the (unsigned) exit review and saves it.
    pub fn change_review(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&mut ExitReview),
    ) -> Result<(), String> {
        self.change_engagement::<String>(id, |engagement| {
            let mut next = engagement.clone();
            change(next.exit_review.get_or_insert_with(ExitReview::default));
            next.updated_at = Utc::now();
            Ok(next)
        })
        .map(|_| ())
    }

    /// Signs the review if nothing stops it; freezes the Markdown of the review as signed.
    pub fn sign_review(&self, id: &EngagementId) -> Result<(), Vec<String>> {
        self.change_engagement::<SignError>(id, |engagement| {
            let mut next = engagement.clone();
            let charter = next
                .charter
                .in_force()
                .cloned()
                .ok_or_else(|| SignError(vec!["There is no charter.".to_owned()]))?;
            let now = Utc::now();
            let criteria = evaluate(
                &next.issues,
                &charter,
                next.withdrawal.as_ref(),
                &next.exit_criteria,
                &BrowserZones,
                now,
            );
            let figures = health(&next.issues, &charter, &BrowserZones, now);
            let review = next.exit_review.get_or_insert_with(ExitReview::default);
            let open = review.problems(&criteria, &next.issues);
            if !open.is_empty() {
                return Err(SignError(open.into_iter().map(|p| p.message).collect()));
            }
            review.frozen_markdown = markdown(
                &ReviewDocument {
                    name: &next.details.name,
                    charter: &charter,
                    issues: &next.issues,
                    plan: next.withdrawal.as_ref(),
                    health: &figures,
                    criteria: &criteria,
                    review,
                },
                &BrowserZones,
            );
            review.signed_at = Some(now);
            next.updated_at = now;
            Ok(next)
        })
        .map(|_| ())
        .map_err(|SignError(problems)| problems)
    }
}

impl AppState {
    /// Changes the exit criteria's thresholds or which of them are mandatory.
    pub fn change_criteria(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&mut crate::domain::exit::criteria::CriteriaSettings),
    ) -> Result<(), String> {
        self.change_engagement::<String>(id, |engagement| {
            let mut next = engagement.clone();
            change(&mut next.exit_criteria);
            next.updated_at = Utc::now();
            Ok(next)
        })
        .map(|_| ())
    }
}

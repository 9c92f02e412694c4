//! Exit-review commands: edits until it is signed, then signing, which freezes the record.
use chrono::Utc;

use super::charter::CharterCommandError;
use super::zone::BrowserZones;
use super::AppState;
use crate::domain::exit::criteria::evaluate;
use crate::domain::exit::health::health;
use crate::domain::exit::review::{markdown, ExitReview};
use crate::domain::EngagementId;

impl AppState {
    /// Applies a change to the (unsigned) exit review and saves it.
    pub fn change_review(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&mut ExitReview),
    ) -> Result<(), String> {
        self.change_engagement(id, |engagement| {
            let mut next = engagement.clone();
            change(next.exit_review.get_or_insert_with(ExitReview::default));
            next.updated_at = Utc::now();
            Ok(next)
        })
        .map(|_| ())
        .map_err(|e| e.to_string())
    }

    /// Signs the review if nothing stops it; freezes the Markdown of the review as signed.
    pub fn sign_review(&self, id: &EngagementId) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let result = self.change_engagement(id, |engagement| {
            let mut next = engagement.clone();
            let Some(charter) = next.charter.in_force().cloned() else {
                problems.push("There is no charter.".to_owned());
                return Err(CharterCommandError::Missing);
            };
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
                problems.extend(open.into_iter().map(|p| p.message));
                return Err(CharterCommandError::Missing);
            }
            review.frozen_markdown = markdown(
                &next.details.name,
                &charter,
                &next.issues,
                &figures,
                &criteria,
                review,
                &BrowserZones,
            );
            review.signed_at = Some(now);
            next.updated_at = now;
            Ok(next)
        });
        match result {
            Ok(_) => Ok(()),
            Err(_) if !problems.is_empty() => Err(problems),
            Err(error) => Err(vec![error.to_string()]),
        }
    }
}

impl AppState {
    /// Changes the exit criteria's thresholds or which of them are mandatory.
    pub fn change_criteria(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&mut crate::domain::exit::criteria::CriteriaSettings),
    ) -> Result<(), String> {
        self.change_engagement(id, |engagement| {
            let mut next = engagement.clone();
            change(&mut next.exit_criteria);
            next.updated_at = Utc::now();
            Ok(next)
        })
        .map(|_| ())
        .map_err(|e| e.to_string())
    }
}

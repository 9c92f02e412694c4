//! Exit-review commands: edits until it is signed, then signing, which freezes the record.
use chrono::Utc;
use leptos::prelude::*;

use super::zone::BrowserZones;
use super::{AppState, CommandError, Problem};
use crate::domain::exit::criteria::evaluate;
use crate::domain::exit::health::health;
use crate::domain::exit::review::{sign, ExitReview};
use crate::domain::EngagementId;

impl AppState {
    /// Applies a change to the (unsigned) exit review and saves it. With team sync, a
    /// signature that changes is stamped with the signed-in account, so the rule "one person
    /// per team" is checked against real accounts, not typed names.
    pub fn change_review(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&mut ExitReview),
    ) -> Result<(), CommandError> {
        let account = self
            .sync
            .with_untracked(|map| map.get(id).map(|c| c.account.clone()))
            .unwrap_or_default();
        self.change_engagement(id, |engagement| {
            let review = engagement
                .exit_review
                .get_or_insert_with(ExitReview::default);
            let before = (
                review.project_signature.clone(),
                review.business_signature.clone(),
            );
            change(review);
            for (after, before) in [
                (&mut review.project_signature, before.0),
                (&mut review.business_signature, before.1),
            ] {
                if *after != before && !account.is_empty() {
                    after.account = account.clone();
                }
            }
            Ok(())
        })
        .map(|_| ())
    }

    /// Signs the review if nothing stops it; freezes the Markdown of the review as signed.
    pub fn sign_review(&self, id: &EngagementId) -> Result<(), CommandError> {
        self.change_engagement(id, |next| {
            let charter = next
                .charter
                .in_force()
                .cloned()
                .ok_or_else(|| CommandError::invalid("There is no charter."))?;
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
                return Err(CommandError::Invalid(
                    open.into_iter()
                        .map(|p| Problem::at(p.field, p.message))
                        .collect(),
                ));
            }
            sign(next, &charter, &figures, &criteria, &BrowserZones, now);
            Ok(())
        })
        .map(|_| ())
    }
}

impl AppState {
    /// Changes the exit criteria's thresholds or which of them are mandatory.
    pub fn change_criteria(
        &self,
        id: &EngagementId,
        change: impl FnOnce(&mut crate::domain::exit::criteria::CriteriaSettings),
    ) -> Result<(), CommandError> {
        self.change_engagement(id, |engagement| {
            change(&mut engagement.exit_criteria);
            Ok(())
        })
        .map(|_| ())
    }
}

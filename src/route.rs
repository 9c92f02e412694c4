//! Typed hash routes. The app lives in one `index.html`, and every screen has a URL after the
//! `#`: static hosts serve that file for any such URL, at the root or under a sub-path, without
//! server rewrites and without a 404 fallback, and the service worker can answer it offline.
use crate::domain::workshop::AgendaKind;
use crate::domain::EngagementId;

/// What a console URL names: an agenda to prepare, or a workshop already made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presenting {
    Agenda(AgendaKind),
    Workshop(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/`: the list of engagements.
    Engagements,
    /// `#/engagements/<id>`: one engagement's overview.
    Engagement(EngagementId),
    /// `#/engagements/<id>/charter`: the charter document (the approved revision or the draft).
    Charter(EngagementId),
    /// `#/engagements/<id>/charter/edit`: the charter wizard.
    CharterWizard(EngagementId),
    /// `#/engagements/<id>/charter/revisions/<n>`: an approved revision, read-only.
    CharterRevision(EngagementId, u32),
    /// `#/engagements/<id>/triage`: the issue queue with quick capture.
    Triage(EngagementId),
    /// `#/engagements/<id>/issues/<n>`: one issue, its triage and its history.
    Issue(EngagementId, u32),
    /// `#/engagements/<id>/plan`: the progressive-withdrawal plan.
    Plan(EngagementId),
    /// `#/engagements/<id>/exit`: the hypercare exit review.
    Exit(EngagementId),
    /// `#/engagements/<id>/present/<agenda-or-number>`: the workshop console.
    Present(EngagementId, Presenting),
    /// `#/engagements/<id>/audience`: the projector view, kept in step with the console.
    Audience(EngagementId),
    /// `#/data`: backup, restore, storage use.
    Data,
    /// `#/recovery`: stored data that could not be read, and what to do about it.
    Recovery,
    /// Anything else: shown as "page not found" with a way back, never a blank page.
    NotFound(String),
}

impl Route {
    /// The engagement a route belongs to, if any.
    pub fn engagement(&self) -> Option<&EngagementId> {
        match self {
            Self::Engagement(id)
            | Self::Charter(id)
            | Self::CharterWizard(id)
            | Self::CharterRevision(id, _)
            | Self::Triage(id)
            | Self::Issue(id, _)
            | Self::Plan(id)
            | Self::Exit(id)
            | Self::Present(id, _)
            | Self::Audience(id) => Some(id),
            _ => None,
        }
    }

    /// Parses `location.hash` (with or without the leading `#`). Trailing slashes and an empty
    /// hash are forgiven, since people type and trim URLs by hand.
    pub fn parse(hash: &str) -> Self {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let path = path.split(['?']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Self::Engagements,
            ["engagements"] => Self::Engagements,
            ["data"] => Self::Data,
            ["recovery"] => Self::Recovery,
            ["engagements", id, rest @ ..] => match (EngagementId::parse(id), rest) {
                (Some(id), []) => Self::Engagement(id),
                (Some(id), ["charter"]) => Self::Charter(id),
                (Some(id), ["charter", "edit"]) => Self::CharterWizard(id),
                (Some(id), ["charter", "revisions", n]) => match n.parse::<u32>() {
                    Ok(n) if n >= 1 => Self::CharterRevision(id, n),
                    _ => Self::NotFound(path.to_owned()),
                },
                (Some(id), ["triage"]) => Self::Triage(id),
                (Some(id), ["plan"]) => Self::Plan(id),
                (Some(id), ["exit"]) => Self::Exit(id),
                (Some(id), ["audience"]) => Self::Audience(id),
                (Some(id), ["present", what]) => {
                    match (AgendaKind::from_slug(what), what.parse()) {
                        (Some(kind), _) => Self::Present(id, Presenting::Agenda(kind)),
                        (None, Ok(n)) if n >= 1 => Self::Present(id, Presenting::Workshop(n)),
                        _ => Self::NotFound(path.to_owned()),
                    }
                }
                (Some(id), ["issues", n]) => match n.parse::<u32>() {
                    Ok(n) if n >= 1 => Self::Issue(id, n),
                    _ => Self::NotFound(path.to_owned()),
                },
                _ => Self::NotFound(path.to_owned()),
            },
            _ => Self::NotFound(path.to_owned()),
        }
    }

    /// The `href` for links: relative to the document, so it works under any sub-path.
    pub fn href(&self) -> String {
        match self {
            Self::Engagements => "#/".to_owned(),
            Self::Engagement(id) => format!("#/engagements/{id}"),
            Self::Charter(id) => format!("#/engagements/{id}/charter"),
            Self::CharterWizard(id) => format!("#/engagements/{id}/charter/edit"),
            Self::CharterRevision(id, n) => format!("#/engagements/{id}/charter/revisions/{n}"),
            Self::Triage(id) => format!("#/engagements/{id}/triage"),
            Self::Issue(id, n) => format!("#/engagements/{id}/issues/{n}"),
            Self::Plan(id) => format!("#/engagements/{id}/plan"),
            Self::Exit(id) => format!("#/engagements/{id}/exit"),
            Self::Present(id, Presenting::Agenda(kind)) => {
                format!("#/engagements/{id}/present/{}", kind.slug())
            }
            Self::Present(id, Presenting::Workshop(n)) => format!("#/engagements/{id}/present/{n}"),
            Self::Audience(id) => format!("#/engagements/{id}/audience"),
            Self::Data => "#/data".to_owned(),
            Self::Recovery => "#/recovery".to_owned(),
            Self::NotFound(path) => format!("#{path}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> EngagementId {
        EngagementId::parse("abcdefgh23").unwrap()
    }

    #[test]
    fn empty_and_root_hashes_are_the_engagement_list() {
        for hash in ["", "#", "#/", "/", "#/engagements", "#/engagements/"] {
            assert_eq!(Route::parse(hash), Route::Engagements, "{hash:?}");
        }
    }

    #[test]
    fn engagement_routes_round_trip() {
        let route = Route::Engagement(id());
        assert_eq!(route.href(), "#/engagements/abcdefgh23");
        assert_eq!(Route::parse(&route.href()), route);
        assert_eq!(Route::parse("#/engagements/abcdefgh23/"), route);
        assert_eq!(Route::parse("#/engagements/abcdefgh23?from=mail"), route);
        assert_eq!(Route::parse(&Route::Engagements.href()), Route::Engagements);
        assert_eq!(Route::parse(&Route::Data.href()), Route::Data);
        assert_eq!(Route::parse(&Route::Recovery.href()), Route::Recovery);
    }

    #[test]
    fn workshop_routes_round_trip() {
        for route in [
            Route::Present(id(), Presenting::Agenda(AgendaKind::TriageStandUp)),
            Route::Present(id(), Presenting::Workshop(2)),
            Route::Audience(id()),
        ] {
            assert_eq!(Route::parse(&route.href()), route);
            assert_eq!(route.engagement(), Some(&id()));
        }
        assert_eq!(
            Route::Present(id(), Presenting::Agenda(AgendaKind::CharterWorkshop)).href(),
            "#/engagements/abcdefgh23/present/charter-workshop"
        );
        for bad in ["present/0", "present/x", "present"] {
            let hash = format!("#/engagements/abcdefgh23/{bad}");
            assert!(matches!(Route::parse(&hash), Route::NotFound(_)), "{hash}");
        }
    }

    #[test]
    fn charter_routes_round_trip() {
        for route in [
            Route::Charter(id()),
            Route::CharterWizard(id()),
            Route::CharterRevision(id(), 3),
        ] {
            assert_eq!(Route::parse(&route.href()), route);
            assert_eq!(route.engagement(), Some(&id()));
        }
        assert_eq!(
            Route::CharterRevision(id(), 2).href(),
            "#/engagements/abcdefgh23/charter/revisions/2"
        );
        assert!(matches!(
            Route::parse("#/engagements/abcdefgh23/charter/revisions/0"),
            Route::NotFound(_)
        ));
        assert!(matches!(
            Route::parse("#/engagements/abcdefgh23/charter/revisions/x"),
            Route::NotFound(_)
        ));
        assert_eq!(Route::Data.engagement(), None);
    }

    #[test]
    fn unknown_paths_and_bad_ids_are_not_found() {
        assert!(matches!(
            Route::parse("#/engagements/NOT-AN-ID"),
            Route::NotFound(_)
        ));
        assert!(matches!(Route::parse("#/settings"), Route::NotFound(_)));
        assert!(matches!(
            Route::parse("#/engagements/abcdefgh23/x/y"),
            Route::NotFound(_)
        ));
    }
}

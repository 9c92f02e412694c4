//! Typed hash routes. The app lives in one `index.html`, and every screen has a URL after the
//! `#`: static hosts serve that file for any such URL, at the root or under a sub-path, without
//! server rewrites and without a 404 fallback, and the service worker can answer it offline.
//!
//! Every engagement screen is an engagement id plus a [`Section`]; each section's path is
//! written in one place ([`Section::parse`] and [`Section::path`]), so adding a screen is one
//! variant and two match arms here, and one arm where the page picks its view.
use crate::domain::triage::queue::{Facet, Filter};
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
    /// `#/engagements/<id>` and below: one engagement, on one of its sections.
    Engagement(EngagementId, Section),
    /// `#/engagements/<id>/present/<agenda-or-number>`: the workshop console. Not a section:
    /// a workshop runs full width, without the engagement's tabs.
    Present(EngagementId, Presenting),
    /// `#/engagements/<id>/audience`: the projector view, kept in step with the console,
    /// without any of the app's chrome.
    Audience(EngagementId),
    /// `#/data`: backup, restore, storage use.
    Data,
    /// `#/attention`: the clocks at risk or breached in the engagements that warn.
    Attention,
    /// `#/recovery`: stored data that could not be read, and what to do about it.
    Recovery,
    /// `#/s/<payload>`: a shared document carried in the link itself (the whole hash is kept).
    Shared(String),
    /// `#/r/<payload>`: a report a reporter sent, sealed for the team (the whole hash is kept).
    Report(String),
    /// Anything else: shown as "page not found" with a way back, never a blank page.
    NotFound(String),
}

/// The sections of an engagement, each with its own URL below `#/engagements/<id>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section {
    /// (nothing): the overview with the dashboard and the details.
    Overview,
    /// `/charter`: the charter document (the approved revision or the draft).
    Charter,
    /// `/charter/edit`: the charter wizard.
    CharterWizard,
    /// `/charter/revisions/<n>`: an approved revision, read-only.
    CharterRevision(u32),
    /// `/triage?scope=in&severity=s1…`: the issue queue with quick capture, showing what the
    /// filter lets through. The search text is typed on the page, not carried in the address.
    Triage(Filter),
    /// `/issues/<n>`: one issue, its triage and its history.
    Issue(u32),
    /// `/plan`: the progressive-withdrawal plan.
    Plan,
    /// `/steering`: the steering reports, and the one being prepared; `/steering/<n>`: issued
    /// report `n`, as it was issued.
    Steering(Option<u32>),
    /// `/exit`: the hypercare exit review.
    Exit,
    /// `/reports`: letting the business report issues: the report link, and adding reports.
    Reports,
    /// `/reports/tell/<n>`: "Tell the reporter" how issue `n` stands.
    TellReporter(u32),
    /// `/settings`: the engagement's details, team sync, a copy of it, and deleting it.
    Settings,
}

/// The queue's facets as they are named after the `?` of a triage address, in the order
/// [`Section::path`] writes them.
const FACETS: [(&str, Facet); 6] = [
    ("scope", Facet::Scope),
    ("status", Facet::Status),
    ("severity", Facet::Severity),
    ("category", Facet::Category),
    ("destination", Facet::Destination),
    ("clock", Facet::Clock),
];

impl Section {
    /// The queue with no filter.
    pub fn triage() -> Self {
        Self::Triage(Filter::default())
    }

    /// Reads the path below `#/engagements/<id>` and, for the queue, the query after `?`.
    /// `None` when the path names no section.
    fn parse(rest: &[&str], query: &str) -> Option<Self> {
        let number = |n: &str| n.parse::<u32>().ok().filter(|n| *n >= 1);
        Some(match rest {
            [] => Self::Overview,
            ["charter"] => Self::Charter,
            ["charter", "edit"] => Self::CharterWizard,
            ["charter", "revisions", n] => Self::CharterRevision(number(n)?),
            ["triage"] => Self::Triage(parse_filter(query)),
            ["issues", n] => Self::Issue(number(n)?),
            ["plan"] => Self::Plan,
            ["exit"] => Self::Exit,
            ["steering"] => Self::Steering(None),
            ["steering", n] => Self::Steering(Some(number(n)?)),
            ["reports"] => Self::Reports,
            ["reports", "tell", n] => Self::TellReporter(number(n)?),
            ["settings"] => Self::Settings,
            _ => return None,
        })
    }

    /// The path below `#/engagements/<id>`, with the queue's filter as its query.
    fn path(&self) -> String {
        match self {
            Self::Overview => String::new(),
            Self::Charter => "/charter".to_owned(),
            Self::CharterWizard => "/charter/edit".to_owned(),
            Self::CharterRevision(n) => format!("/charter/revisions/{n}"),
            Self::Triage(filter) => {
                let mut path = "/triage".to_owned();
                let mut separator = '?';
                for (name, facet) in FACETS {
                    let value = filter.get(facet);
                    if !value.is_empty() {
                        path.push(separator);
                        path.push_str(name);
                        path.push('=');
                        path.push_str(&value);
                        separator = '&';
                    }
                }
                if let Some(numbers) = &filter.numbers {
                    let list: Vec<String> = numbers.iter().map(u32::to_string).collect();
                    path.push(separator);
                    path.push_str("issues=");
                    path.push_str(&list.join(","));
                }
                path
            }
            Self::Issue(n) => format!("/issues/{n}"),
            Self::Plan => "/plan".to_owned(),
            Self::Exit => "/exit".to_owned(),
            Self::Steering(None) => "/steering".to_owned(),
            Self::Steering(Some(n)) => format!("/steering/{n}"),
            Self::Reports => "/reports".to_owned(),
            Self::TellReporter(n) => format!("/reports/tell/{n}"),
            Self::Settings => "/settings".to_owned(),
        }
    }
}

/// Unknown names and values are skipped, so an old or hand-edited link still opens the queue.
/// Values are the charter's ids and the domain's keys, written as they are (as the links
/// always were).
fn parse_filter(query: &str) -> Filter {
    let mut filter = Filter::default();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if let Some((_, facet)) = FACETS.iter().find(|(n, _)| *n == name) {
            filter.set(*facet, value);
        }
        if name == "issues" {
            // Numbers a report counted; anything else in the list is skipped.
            let numbers = value.split(',').filter_map(|n| n.parse().ok());
            filter.numbers = Some(numbers.take(crate::domain::bounds::MAX_ITEMS).collect());
        }
    }
    filter
}

impl Route {
    /// The engagement a route belongs to, if any.
    pub fn engagement(&self) -> Option<&EngagementId> {
        match self {
            Self::Engagement(id, _) | Self::Present(id, _) | Self::Audience(id) => Some(id),
            _ => None,
        }
    }

    /// Parses `location.hash` (with or without the leading `#`). Trailing slashes and an empty
    /// hash are forgiven, since people type and trim URLs by hand.
    pub fn parse(hash: &str) -> Self {
        if crate::share::is_share_fragment(hash) {
            return Self::Shared(hash.to_owned());
        }
        if hash.trim_start_matches('#').starts_with("/r/") {
            return Self::Report(hash.to_owned());
        }
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] | ["engagements"] => Self::Engagements,
            ["data"] => Self::Data,
            ["attention"] => Self::Attention,
            ["recovery"] => Self::Recovery,
            ["engagements", id, "audience"] => EngagementId::parse(id)
                .map_or_else(|| Self::NotFound(path.to_owned()), Self::Audience),
            ["engagements", id, "present", what] => {
                let presenting = match (AgendaKind::from_slug(what), what.parse::<u32>()) {
                    (Some(kind), _) => Some(Presenting::Agenda(kind)),
                    (None, Ok(n)) if n >= 1 => Some(Presenting::Workshop(n)),
                    _ => None,
                };
                EngagementId::parse(id).zip(presenting).map_or_else(
                    || Self::NotFound(path.to_owned()),
                    |(id, what)| Self::Present(id, what),
                )
            }
            ["engagements", id, rest @ ..] => EngagementId::parse(id)
                .zip(Section::parse(rest, query))
                .map_or_else(
                    || Self::NotFound(path.to_owned()),
                    |(id, section)| Self::Engagement(id, section),
                ),
            _ => Self::NotFound(path.to_owned()),
        }
    }

    /// The `href` for links: relative to the document, so it works under any sub-path.
    pub fn href(&self) -> String {
        match self {
            Self::Engagements => "#/".to_owned(),
            Self::Engagement(id, section) => format!("#/engagements/{id}{}", section.path()),
            Self::Present(id, Presenting::Agenda(kind)) => {
                format!("#/engagements/{id}/present/{}", kind.slug())
            }
            Self::Present(id, Presenting::Workshop(n)) => format!("#/engagements/{id}/present/{n}"),
            Self::Audience(id) => format!("#/engagements/{id}/audience"),
            Self::Data => "#/data".to_owned(),
            Self::Attention => "#/attention".to_owned(),
            Self::Recovery => "#/recovery".to_owned(),
            Self::Shared(hash) | Self::Report(hash) => format!("#{}", hash.trim_start_matches('#')),
            Self::NotFound(path) => format!("#{path}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::queue::Scope;
    use crate::domain::triage::ClockState;

    fn id() -> EngagementId {
        EngagementId::parse("abcdefgh23").unwrap()
    }

    fn at(section: Section) -> Route {
        Route::Engagement(id(), section)
    }

    fn queue(set: &[(Facet, &str)]) -> Route {
        let mut filter = Filter::default();
        for (facet, key) in set {
            filter.set(*facet, key);
        }
        at(Section::Triage(filter))
    }

    #[test]
    fn empty_and_root_hashes_are_the_engagement_list() {
        for hash in ["", "#", "#/", "/", "#/engagements", "#/engagements/"] {
            assert_eq!(Route::parse(hash), Route::Engagements, "{hash:?}");
        }
    }

    #[test]
    fn engagement_routes_round_trip() {
        let route = at(Section::Overview);
        assert_eq!(route.href(), "#/engagements/abcdefgh23");
        assert_eq!(Route::parse(&route.href()), route);
        assert_eq!(Route::parse("#/engagements/abcdefgh23/"), route);
        assert_eq!(Route::parse("#/engagements/abcdefgh23?from=mail"), route);
        assert_eq!(Route::parse(&Route::Engagements.href()), Route::Engagements);
        assert_eq!(Route::parse(&Route::Data.href()), Route::Data);
        assert_eq!(Route::parse(&Route::Attention.href()), Route::Attention);
        assert_eq!(Route::parse(&Route::Recovery.href()), Route::Recovery);
    }

    #[test]
    fn every_section_round_trips_and_belongs_to_its_engagement() {
        for section in [
            Section::Overview,
            Section::Charter,
            Section::CharterWizard,
            Section::CharterRevision(3),
            Section::triage(),
            Section::Issue(12),
            Section::Plan,
            Section::Exit,
            Section::Steering(None),
            Section::Steering(Some(2)),
            Section::Reports,
            Section::TellReporter(4),
            Section::Settings,
        ] {
            let route = at(section);
            assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
            assert_eq!(route.engagement(), Some(&id()));
        }
        assert_eq!(Route::Data.engagement(), None);
        let counted = Route::parse("#/engagements/abcdefgh23/triage?scope=in&issues=3,12,x,40");
        let Route::Engagement(_, Section::Triage(filter)) = &counted else {
            panic!("the queue: {counted:?}");
        };
        assert_eq!(filter.numbers, Some(vec![3, 12, 40]));
        assert_eq!(Route::parse(&counted.href()), counted);
    }

    /// The addresses links and bookmarks carried before sections existed still open the same
    /// screens.
    #[test]
    fn the_addresses_of_every_screen_are_unchanged() {
        let base = "#/engagements/abcdefgh23";
        for (path, section) in [
            ("", Section::Overview),
            ("/charter", Section::Charter),
            ("/charter/edit", Section::CharterWizard),
            ("/charter/revisions/2", Section::CharterRevision(2)),
            ("/triage", Section::triage()),
            ("/issues/7", Section::Issue(7)),
            ("/plan", Section::Plan),
            ("/exit", Section::Exit),
        ] {
            let hash = format!("{base}{path}");
            assert_eq!(at(section.clone()).href(), hash);
            assert_eq!(Route::parse(&hash), at(section.clone()));
            assert_eq!(Route::parse(&format!("{hash}/")), at(section.clone()));
        }
        // A query on any other section is ignored, as before.
        assert_eq!(
            Route::parse("#/engagements/abcdefgh23/plan?week=2"),
            at(Section::Plan)
        );
    }

    #[test]
    fn numbered_sections_need_a_positive_number() {
        for hash in [
            "#/engagements/abcdefgh23/charter/revisions/0",
            "#/engagements/abcdefgh23/charter/revisions/x",
            "#/engagements/abcdefgh23/issues/0",
            "#/engagements/abcdefgh23/issues/-1",
        ] {
            assert!(matches!(Route::parse(hash), Route::NotFound(_)), "{hash}");
        }
    }

    #[test]
    fn the_dashboard_links_open_the_queue_filtered() {
        let base = "#/engagements/abcdefgh23/triage";
        assert_eq!(
            Route::parse(&format!("{base}?scope=in")),
            queue(&[(Facet::Scope, "in")])
        );
        assert_eq!(
            Route::parse(&format!("{base}?scope=untriaged")),
            queue(&[(Facet::Scope, "untriaged")])
        );
        assert_eq!(
            Route::parse(&format!("{base}?clock=at_risk")),
            queue(&[(Facet::Clock, "at_risk")])
        );
        let route = Route::parse(&format!("{base}?scope=in&severity=s1"));
        let Route::Engagement(_, Section::Triage(filter)) = &route else {
            panic!("not the queue: {route:?}");
        };
        assert_eq!(filter.scope, Some(Scope::InScope));
        assert_eq!(filter.severity.as_deref(), Some("s1"));
        assert_eq!(route.href(), format!("{base}?scope=in&severity=s1"));
        let route = Route::parse(&format!("{base}?clock=breached"));
        let Route::Engagement(_, Section::Triage(filter)) = &route else {
            panic!("not the queue: {route:?}");
        };
        assert_eq!(filter.clock, Some(ClockState::Breached));
    }

    #[test]
    fn every_facet_round_trips_and_unknown_ones_are_ignored() {
        let route = queue(&[
            (Facet::Scope, "out"),
            (Facet::Status, "in_progress"),
            (Facet::Severity, "s2"),
            (Facet::Category, "cat-orders"),
            (Facet::Destination, "enhancement_backlog"),
            (Facet::Clock, "breached"),
        ]);
        assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
        assert_eq!(
            route.href(),
            "#/engagements/abcdefgh23/triage?scope=out&status=in_progress&severity=s2&category=cat-orders&destination=enhancement_backlog&clock=breached"
        );
        assert_eq!(
            Route::parse("#/engagements/abcdefgh23/triage?from=mail&scope=nonsense&&clock"),
            at(Section::triage())
        );
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
}

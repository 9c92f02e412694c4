//! Team sync in the interface: connecting an engagement to a team database ([`card`]), joining
//! one from it ([`join`]), the status line in every engagement's header ([`badge`]) and the
//! notices a merge leaves for the person whose value was replaced ([`notices`]).
mod badge;
mod card;
mod form;
mod join;
mod notices;
mod request;

pub use badge::SyncBadge;
pub use card::TeamSyncCard;
pub use join::JoinTeamDatabase;
pub use notices::MergeNotices;

//! A full-width message for states that matter until they are resolved: an update waiting,
//! storage that is full or blocked, data that could not be read.
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    Danger,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Self::Info => "banner banner--info",
            Self::Warning => "banner banner--warning",
            Self::Danger => "banner banner--danger",
        }
    }

    /// Spoken before the message, so the tone never rests on colour alone.
    fn word(self) -> &'static str {
        match self {
            Self::Info => "Note",
            Self::Warning => "Warning",
            Self::Danger => "Problem",
        }
    }
}

#[component]
pub fn Banner(tone: Tone, #[prop(into)] title: String, children: Children) -> impl IntoView {
    // Problems interrupt (role=alert); notes wait their turn (role=status).
    let role = if tone == Tone::Info {
        "status"
    } else {
        "alert"
    };
    view! {
        <section class=tone.class() role=role>
            <p class="banner__title">
                <span class="banner__tone">{tone.word()}</span>
                {title}
            </p>
            <div class="banner__body">{children()}</div>
        </section>
    }
}

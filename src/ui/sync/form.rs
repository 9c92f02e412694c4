//! The sign-in fields shared by connecting and joining: the database's address, the user name
//! and the password. The password lives in this form only until it is sent to the database.
use leptos::prelude::*;

use super::request::{FailureAndSubmit, Request};
use crate::ui::components::{writes_to, TextField};

/// What the person typed, handed to the command when they submit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub address: String,
    pub name: String,
    pub password: String,
}

/// The three fields and the submit button, which `request` disables while it runs; its
/// failure is shown above the button and nothing typed is cleared.
#[component]
pub fn SignInForm(
    /// Prefix of the field ids, unique on the page.
    id: &'static str,
    submit_label: &'static str,
    request: Request,
    on_submit: Callback<Credentials>,
) -> impl IntoView {
    let address = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit.run(Credentials {
            address: address.get_untracked(),
            name: name.get_untracked(),
            password: password.get_untracked(),
        });
    };
    view! {
        <form class="form sync-form" on:submit=submit novalidate>
            <TextField
                id=format!("{id}-address")
                label="Team database address"
                hint="The CouchDB database your team's admin set up, e.g. https://couch.example.com/acme-hypercare."
                input_type="url"
                autocomplete="url"
                value=address
                on_input=writes_to(address)
            />
            <TextField
                id=format!("{id}-name")
                label="User name"
                autocomplete="username"
                value=name
                on_input=writes_to(name)
            />
            <TextField
                id=format!("{id}-password")
                label="Password"
                hint="Sent to the team database only, to sign in. Handrail never stores it."
                input_type="password"
                autocomplete="current-password"
                value=password
                on_input=writes_to(password)
            />
            <FailureAndSubmit request label=submit_label busy_label="Signing in…"/>
        </form>
    }
}

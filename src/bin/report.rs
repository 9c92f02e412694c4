//! The report page's entry point (the page a reporter's phone opens): a wasm of its own, so it
//! never loads the app. Everything is in the library (`handrail::report_page`).
fn main() {
    handrail::report_page::mount();
}

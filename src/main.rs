//! The browser entry point: everything lives in the library so that tests can reach it.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(handrail::ui::App);
}

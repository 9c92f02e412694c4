//! The browser entry point: everything lives in the library so that tests can reach it.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(handrail::ui::App);
    // index.html's static first screen stood in while the wasm loaded; the app now replaces it.
    if let Some(first_screen) = leptos::prelude::document().get_element_by_id("first-screen") {
        first_screen.remove();
    }
}

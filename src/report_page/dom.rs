//! The few DOM calls the report page needs, over `web-sys`. The page is small enough to build
//! by hand, and a reporter's phone then downloads a fraction of what a Leptos page costs (its
//! runtime alone would take the page past its 120 KB budget). Text always goes in as text
//! (`textContent`), never as markup.
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, Window};

pub fn window() -> Window {
    web_sys::window().expect("the report page runs in a browser window")
}

pub fn document() -> Document {
    window().document().expect("the report page has a document")
}

pub fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

/// A new element of `tag`.
pub fn el(tag: &str) -> Element {
    document()
        .create_element(tag)
        .expect("a standard HTML element name")
}

/// Building an element in one expression: `el("p").class("hint").text("…")`.
pub trait Build: Sized {
    fn attr(self, name: &str, value: &str) -> Self;
    fn text(self, text: &str) -> Self;
    fn child(self, child: &Element) -> Self;
    fn class(self, class: &str) -> Self {
        self.attr("class", class)
    }
}

impl Build for Element {
    fn attr(self, name: &str, value: &str) -> Self {
        // Only fixed, valid attribute names are used, which the DOM never refuses.
        let _ = self.set_attribute(name, value);
        self
    }

    fn text(self, text: &str) -> Self {
        self.set_text_content(Some(text));
        self
    }

    fn child(self, child: &Element) -> Self {
        let _ = self.append_child(child);
        self
    }
}

/// Runs `handler` on every `event` at `target`, for as long as the page lives. The closure is
/// handed to the browser for good: the page builds each screen's few handlers once per visit.
pub fn on(target: &web_sys::EventTarget, event: &str, handler: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

pub fn focus(element: &Element) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// Removes every child of `element`.
pub fn clear(element: &Element) {
    element.set_text_content(None);
}

/// A notice: `problem` ones are announced at once (`role="alert"`), others politely.
pub fn notice(text: &str, problem: bool) -> Element {
    el("p")
        .class(if problem {
            "notice notice--problem"
        } else {
            "notice"
        })
        .attr("role", if problem { "alert" } else { "status" })
        .text(text)
}

/// A button that is not a form's submit button.
pub fn button(label: &str, class: &str) -> Element {
    el("button").attr("type", "button").class(class).text(label)
}

//! Storage and components in a real browser (headless Chromium through wasm-bindgen-test).
//! Run by `scripts/test.sh`; natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use chrono::Utc;
use handrail::domain::{Engagement, EngagementForm, EngagementId};
use handrail::storage::local::LocalStore;
use handrail::storage::repository::key_for;
use handrail::storage::{EngagementRepository, KeyValue, SaveError, StorageError};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn fresh_store() -> LocalStore {
    local_storage().clear().unwrap();
    LocalStore::open().unwrap()
}

fn engagement(seed: u8, name: &str) -> Engagement {
    let form = EngagementForm {
        name: name.into(),
        system: "SAP S/4HANA".into(),
        go_live: "2027-03-01".into(),
    };
    Engagement::new(
        EngagementId::from_random_bytes([seed; 8]),
        form.parse([]).unwrap(),
        Utc::now(),
    )
}

/// Lets effects and timers run.
async fn settle(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn local_store_round_trips_and_lists_keys() {
    let store = fresh_store();
    store.set("handrail:test", "value \u{2713}").unwrap();
    assert_eq!(
        store.get("handrail:test").unwrap().as_deref(),
        Some("value \u{2713}")
    );
    assert!(store.keys().unwrap().contains(&"handrail:test".to_owned()));
    store.remove("handrail:test").unwrap();
    assert_eq!(store.get("handrail:test").unwrap(), None);
}

#[wasm_bindgen_test]
fn a_full_local_storage_is_reported_as_full_and_keeps_the_old_value() {
    let store = fresh_store();
    let repo = EngagementRepository::new(LocalStore::open().unwrap());
    let saved = repo.save(&engagement(1, "Kept"), None, Utc::now()).unwrap();
    // Chromium allows about 5 MiB of UTF-16 per origin: 6 million characters cannot fit.
    let huge = "x".repeat(6_000_000);
    assert_eq!(store.set("handrail:filler", &huge), Err(StorageError::Full));
    // Bigger by 3 million characters, each text within the bounds a save checks first.
    let mut bigger = saved.engagement.clone();
    for number in 1..=160 {
        let title = "y".repeat(19_000);
        let issue = handrail::domain::triage::Issue::log(number, &title, "Priya", Utc::now());
        bigger.issues.push(issue.unwrap());
    }
    // Fill most of the quota, then a save that needs more must fail cleanly…
    store
        .set("handrail:filler", &"z".repeat(2_400_000))
        .unwrap();
    let error = repo
        .save(&bigger, Some(saved.revision), Utc::now())
        .unwrap_err();
    assert_eq!(error, SaveError::Storage(StorageError::Full));
    // …and leave the stored engagement exactly as it was.
    assert_eq!(repo.load(&saved.engagement.id).unwrap(), Some(saved));
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn the_repository_detects_a_save_from_another_tab() {
    fresh_store();
    let this_tab = EngagementRepository::new(LocalStore::open().unwrap());
    let other_tab = EngagementRepository::new(LocalStore::open().unwrap());
    let mut e = engagement(2, "Shared");
    let first = this_tab.save(&e, None, Utc::now()).unwrap();
    e.details.name = "Renamed elsewhere".into();
    other_tab
        .save(&e, Some(first.revision), Utc::now())
        .unwrap();
    e.details.name = "Stale rename".into();
    assert!(matches!(
        this_tab.save(&e, Some(first.revision), Utc::now()),
        Err(SaveError::Conflict { .. })
    ));
    let stored = this_tab.load(&e.id).unwrap().unwrap();
    assert_eq!(stored.engagement.name(), "Renamed elsewhere");
}

#[wasm_bindgen_test]
fn corrupt_records_stay_in_storage_untouched() {
    let store = fresh_store();
    let id = EngagementId::from_random_bytes([3; 8]);
    store.set(&key_for(&id), "{not json").unwrap();
    let loaded = EngagementRepository::new(LocalStore::open().unwrap())
        .load_all()
        .unwrap();
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(
        store.get(&key_for(&id)).unwrap().as_deref(),
        Some("{not json")
    );
}

fn mount_app() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), handrail::ui::App);
    handle.forget();
    host
}

fn text(host: &web_sys::HtmlElement) -> String {
    host.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_app_lists_stored_engagements_and_explains_an_empty_list() {
    fresh_store();
    let _ = web_sys::window().unwrap().location().set_hash("/");
    let host = mount_app();
    settle(20).await;
    assert!(
        text(&host).contains("Start with an engagement"),
        "{}",
        text(&host)
    );
    host.remove();

    EngagementRepository::new(LocalStore::open().unwrap())
        .save(&engagement(4, "Acme CRM rollout"), None, Utc::now())
        .unwrap();
    let host = mount_app();
    settle(20).await;
    assert!(text(&host).contains("Acme CRM rollout"));
    assert!(!text(&host).contains("Start with an engagement"));
    host.remove();
}

#[wasm_bindgen_test]
async fn the_create_form_shows_each_problem_beside_its_field() {
    fresh_store();
    let _ = web_sys::window().unwrap().location().set_hash("/");
    let host = mount_app();
    settle(20).await;
    let button = host
        .query_selector(".empty-state button")
        .unwrap()
        .expect("the empty state offers to create one");
    button.unchecked_into::<web_sys::HtmlElement>().click();
    settle(20).await;
    // The page's form, not the header's name form.
    let form: web_sys::HtmlFormElement = host
        .query_selector("#main form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.request_submit().unwrap();
    settle(20).await;
    let errors = host.query_selector_all(".field__error").unwrap();
    assert_eq!(errors.length(), 3, "one error per empty field");
    let name_input = host.query_selector("#new-name").unwrap().unwrap();
    assert_eq!(
        name_input.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert!(name_input
        .get_attribute("aria-describedby")
        .unwrap()
        .contains("new-name-error"));
    assert!(text(&host).contains("There is a problem"));
    // Nothing was saved.
    let loaded = EngagementRepository::new(LocalStore::open().unwrap())
        .load_all()
        .unwrap();
    assert!(loaded.records.is_empty());
    host.remove();
}

#[wasm_bindgen_test]
async fn an_engagement_url_opens_its_overview() {
    fresh_store();
    let saved = EngagementRepository::new(LocalStore::open().unwrap())
        .save(&engagement(5, "Globex ERP"), None, Utc::now())
        .unwrap();
    let _ = web_sys::window()
        .unwrap()
        .location()
        .set_hash(&format!("/engagements/{}", saved.engagement.id));
    let host = mount_app();
    settle(20).await;
    let heading = host
        .query_selector("h1")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(heading, "Globex ERP");
    assert!(text(&host).contains("SAP S/4HANA"));
    host.remove();
    let _ = web_sys::window().unwrap().location().set_hash("/");
}

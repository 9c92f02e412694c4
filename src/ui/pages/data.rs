//! "Backup and storage": the user's safety net, since all data lives in this one browser.
use leptos::prelude::*;

use super::restore::RestoreCard;
use crate::state::{AppState, Persistence, CAPACITY_CHARS};
use crate::ui::format::local_time;

/// "12 KB", "4.2 MB": characters counted as bytes (close enough for mostly-ASCII text), in the
/// decimal units storage is usually quoted in.
pub fn approx_size(chars: usize) -> String {
    match chars {
        n if n < 1000 => format!("{n} bytes"),
        n if n < 1_000_000 => format!("{} KB", n.div_ceil(1000)),
        // Tenths of a MB, rounded half up, from integers (no float formatter in the wasm).
        n => match (n + 50_000) / 100_000 {
            tenths if tenths % 10 == 0 => format!("{} MB", tenths / 10),
            tenths => format!("{}.{} MB", tenths / 10, tenths % 10),
        },
    }
}

#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <h1 id="page-title" tabindex="-1">"Backup and storage"</h1>
        <p class="lead">
            "Handrail keeps your engagements in this browser only. A backup file is the copy that survives a cleared browser, a new laptop or a colleague\u{2019}s machine."
        </p>
        <BackupCard/>
        <RestoreCard/>
        <StorageCard/>
    }
}

#[component]
fn BackupCard() -> impl IntoView {
    let state = AppState::get();
    let count = Memo::new(move |_| state.engagements.with(Vec::len));
    let download = move |_| {
        if let Err(error) = state.download_backup(None) {
            state.show_toast(
                format!("The backup could not be downloaded: {error}."),
                None,
            );
        }
    };
    view! {
        <section class="card" aria-labelledby="backup-title">
            <h2 id="backup-title">"Back up"</h2>
            <p>
                {move || match state.meta.get().last_backup_at {
                    Some(at) => format!("Last full backup downloaded {}.", local_time(at)),
                    None => "No backup has been downloaded from this browser yet.".to_owned(),
                }}
            </p>
            <p class="muted">
                "The file holds every engagement in this browser. Keep it somewhere safe; restore it here or in any other browser."
            </p>
            <button
                type="button"
                class="button button--primary"
                disabled=move || count.get() == 0
                on:click=download
            >
                {move || match count.get() {
                    0 => "Nothing to back up yet".to_owned(),
                    1 => "Download a backup of 1 engagement".to_owned(),
                    n => format!("Download a backup of all {n} engagements"),
                }}
            </button>
        </section>
    }
}

#[component]
fn StorageCard() -> impl IntoView {
    let state = AppState::get();
    let usage = Memo::new(move |_| state.storage_use());
    let ask = move |_| crate::state::persistence::request(state.persistence);
    view! {
        <section class="card" aria-labelledby="storage-title">
            <h2 id="storage-title">"Space in this browser"</h2>
            <label for="storage-meter" class="field__label">
                {move || {
                    let u = usage.get();
                    format!(
                        "Handrail uses {} of about {} ({} %)",
                        approx_size(u.used_chars),
                        approx_size(CAPACITY_CHARS),
                        u.percent,
                    )
                }}
            </label>
            <meter
                id="storage-meter"
                class="meter"
                min="0"
                max="100"
                low="60"
                high="80"
                optimum="0"
                value=move || usage.get().percent.to_string()
            ></meter>
            <Show when=move || usage.get().nearly_full>
                <p class="field__error">
                    "Space is running out. Download a backup, then delete engagements you no longer need."
                </p>
            </Show>
            <h3 class="subhead">"Protection from automatic clean-up"</h3>
            <p>
                {move || match state.persistence.get() {
                    Persistence::Granted => "Granted: this browser will not clear Handrail\u{2019}s data to free up space.",
                    Persistence::NotGranted => "Not granted: when the disk runs low, this browser may clear Handrail\u{2019}s data. Keep backups.",
                    Persistence::Unknown => "Not asked yet. Handrail asks when you create your first engagement.",
                    Persistence::Unsupported => "This browser cannot promise to keep the data. Keep backups.",
                }}
            </p>
            <Show when=move || matches!(state.persistence.get(), Persistence::NotGranted | Persistence::Unknown)>
                <button type="button" class="button button--secondary" on:click=ask>
                    "Ask the browser to keep Handrail\u{2019}s data"
                </button>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::approx_size;

    #[test]
    fn sizes_read_in_decimal_units_with_at_most_one_decimal() {
        assert_eq!(approx_size(999), "999 bytes");
        assert_eq!(approx_size(12_345), "13 KB");
        assert_eq!(approx_size(4_200_000), "4.2 MB");
        assert_eq!(approx_size(4_249_999), "4.2 MB");
        assert_eq!(approx_size(4_250_000), "4.3 MB");
        assert_eq!(approx_size(4_960_000), "5 MB");
        assert_eq!(approx_size(10_000_000), "10 MB");
    }
}

//! A share link as a QR code in SVG, for a projector or a printout: phones in the room scan it.
use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

/// Light modules around the code, as the QR standard requires for reliable scanning.
const QUIET_ZONE: i32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLongForQr;

impl std::fmt::Display for TooLongForQr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("This link is too long for a QR code; share the link itself.")
    }
}

/// The QR code of `text`: medium error correction (survives glare and a hand in front of the
/// projector) while that fits, low only for links too long for medium. Within the chosen
/// version the library raises the correction level further when it costs no extra modules.
pub fn encode(text: &str) -> Result<QrCode, TooLongForQr> {
    let segments = QrSegment::make_segments(text);
    [QrCodeEcc::Medium, QrCodeEcc::Low]
        .into_iter()
        .find_map(|ecc| {
            QrCode::encode_segments_advanced(&segments, ecc, Version::MIN, Version::MAX, None, true)
                .ok()
        })
        .ok_or(TooLongForQr)
}

/// An SVG of the code, scaled by the page (viewBox in modules), with `title` for screen readers.
pub fn svg(text: &str, title: &str) -> Result<String, TooLongForQr> {
    let code = encode(text)?;
    let size = code.size();
    let full = size + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" role=\"img\" shape-rendering=\"crispEdges\"><title>{}</title><rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>",
        escape(title)
    ))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_text_gives_a_version_1_code_in_a_valid_svg() {
        // "HELLO WORLD" is the standard's own example: version 1, 21 x 21 modules.
        let code = encode("HELLO WORLD").unwrap();
        assert_eq!(code.size(), 21);
        let svg = svg("HELLO WORLD", "QR code of the <link>").unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\""));
        assert!(svg.contains("shape-rendering=\"crispEdges\""));
        assert!(svg.contains("<title>QR code of the &lt;link&gt;</title>"));
        assert!(svg.ends_with("/></svg>"));
        // One square per dark module, all inside the quiet zone.
        let dark = (0..21)
            .flat_map(|y| (0..21).map(move |x| (x, y)))
            .filter(|&(x, y)| code.get_module(x, y))
            .count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark);
        assert!(
            svg.contains("M4,4h1v1h-1z"),
            "finder pattern corner at the quiet zone"
        );
        assert!(!svg.contains("M3,") && !svg.contains(",3h"));
        // Well-formed enough for an XML reader: every tag closed, quotes balanced.
        assert_eq!(svg.matches('<').count(), svg.matches('>').count());
        assert_eq!(svg.matches('"').count() % 2, 0);
    }

    #[test]
    fn correction_drops_to_low_only_when_the_link_needs_it() {
        let short = encode(&"a".repeat(100)).unwrap();
        assert!(short.error_correction_level() >= QrCodeEcc::Medium);
        // 2,400 bytes fit version 40 only at low correction (medium holds 2,331).
        let long = encode(&"a".repeat(2400)).unwrap();
        assert_eq!(long.error_correction_level(), QrCodeEcc::Low);
        // Version 36 (161 modules a side) is the first to hold 2,400 bytes at low (2,420).
        assert_eq!(long.size(), 161);
        assert!(encode(&"a".repeat(3000)).is_err());
    }
}

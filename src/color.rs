//! One colour per author, the same in every paste and on every machine.
//!
//! The hue follows XEP-0392 (Consistent Color Generation), section "Angle
//! generation": the input is the author's name exactly as written, taken as
//! the octets of its UTF-8 encoding (the specification does not lowercase or
//! otherwise fold it, so neither do we); SHA-1 of those octets; the first two
//! bytes of the digest read as a little-endian `u16`; that value divided by
//! 65536 and multiplied by 360 gives the hue angle in degrees.
//!
//! The specification's own RGB mapping ignores text contrast, so the hue is
//! turned into a colour here instead: an HSL colour of that hue with a fixed
//! saturation, whose lightness is walked step by step (a bounded loop) until
//! the text contrast against the page background reaches the WCAG 2 AA level
//! of 4.5:1. This is done once for the light background and once for the dark
//! one. Starting from mid lightness and stopping at the first step that
//! passes keeps every colour as vivid as the contrast allows.

/// The light page background, `#ffffff`.
pub const LIGHT_BACKGROUND: [u8; 3] = [0xff, 0xff, 0xff];

/// The dark page background, `#121212`.
pub const DARK_BACKGROUND: [u8; 3] = [0x12, 0x12, 0x12];

/// The smallest text contrast ratio every author colour has on its background (WCAG 2 AA).
pub const MIN_CONTRAST: f64 = 4.5;

/// The saturation of every author colour, in HSL terms (0 to 1).
const SATURATION: f64 = 0.75;

/// How much the lightness changes per step while searching for enough contrast.
const LIGHTNESS_STEP: f64 = 0.01;

/// An author's colour for both page themes, as CSS hex colours `#rrggbb`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AuthorColor {
    /// For text on the light background (`#ffffff`); contrast at least 4.5:1.
    pub light: String,
    /// For text on the dark background (`#121212`); contrast at least 4.5:1.
    pub dark: String,
}

/// The XEP-0392 hue angle of `name`, in degrees from 0 (inclusive) to 360 (exclusive).
pub fn hue(name: &str) -> f64 {
    let digest = sha1_smol::Sha1::from(name.as_bytes()).digest().bytes();
    let value = u16::from_le_bytes([digest[0], digest[1]]);
    f64::from(value) / 65536.0 * 360.0
}

/// The colours for `name` on the light and the dark background.
pub fn author_color(name: &str) -> AuthorColor {
    let hue = hue(name);
    AuthorColor { light: hex(readable_rgb(hue, LIGHT_BACKGROUND)), dark: hex(readable_rgb(hue, DARK_BACKGROUND)) }
}

/// The colour of hue `hue` closest to mid lightness whose contrast against
/// `background` is at least [`MIN_CONTRAST`]. On a light background the
/// lightness goes down from one half, on a dark one it goes up; black (or
/// white) at the end of the walk always passes, so the loop is bounded by
/// about fifty steps.
pub fn readable_rgb(hue: f64, background: [u8; 3]) -> [u8; 3] {
    let background_is_light = relative_luminance(background) > 0.18;
    let steps = (0.5 / LIGHTNESS_STEP).ceil() as u32;
    let mut rgb = hsl_to_rgb(hue, SATURATION, 0.5);
    for step in 0..=steps {
        let offset = f64::from(step) * LIGHTNESS_STEP;
        let lightness = if background_is_light { (0.5 - offset).max(0.0) } else { (0.5 + offset).min(1.0) };
        rgb = hsl_to_rgb(hue, SATURATION, lightness);
        if contrast_ratio(rgb, background) >= MIN_CONTRAST {
            return rgb;
        }
    }
    // Only reached if the background itself sits at mid luminance, where
    // neither black nor white may pass; the last step is the best there is.
    rgb
}

/// Converts an HSL colour (hue in degrees, saturation and lightness from 0 to 1) to 8-bit sRGB.
pub fn hsl_to_rgb(hue: f64, saturation: f64, lightness: f64) -> [u8; 3] {
    let chroma = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
    let sector = hue.rem_euclid(360.0) / 60.0;
    let second = chroma * (1.0 - (sector % 2.0 - 1.0).abs());
    let (r, g, b) = match sector as u32 {
        0 => (chroma, second, 0.0),
        1 => (second, chroma, 0.0),
        2 => (0.0, chroma, second),
        3 => (0.0, second, chroma),
        4 => (second, 0.0, chroma),
        _ => (chroma, 0.0, second),
    };
    let base = lightness - chroma / 2.0;
    let to_byte = |channel: f64| ((channel + base) * 255.0).round().clamp(0.0, 255.0) as u8;
    [to_byte(r), to_byte(g), to_byte(b)]
}

/// The WCAG 2 relative luminance of an 8-bit sRGB colour, from 0 (black) to 1 (white).
pub fn relative_luminance(rgb: [u8; 3]) -> f64 {
    let linear = |byte: u8| {
        let c = f64::from(byte) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// The WCAG 2 contrast ratio of two colours, from 1 to 21, whichever is lighter.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (lighter, darker) = if la >= lb { (la, lb) } else { (lb, la) };
    (lighter + 0.05) / (darker + 0.05)
}

/// Formats a colour as a lowercase CSS hex colour `#rrggbb`.
pub fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a `#rrggbb` colour back into bytes.
    fn parse_hex(css: &str) -> [u8; 3] {
        assert_eq!(css.len(), 7, "{css}");
        assert!(css.starts_with('#'), "{css}");
        let byte = |i: usize| u8::from_str_radix(&css[i..i + 2], 16).unwrap();
        [byte(1), byte(3), byte(5)]
    }

    /// Names of many shapes: ASCII, accents, CJK, emoji, addresses, empty.
    fn sample_names() -> Vec<String> {
        let mut names: Vec<String> = [
            "Romeo",
            "juliet@capulet.lit",
            "😺",
            "council",
            "Board",
            "",
            "czarowniczy",
            "mills",
            "Ann",
            "Bob",
            "José Álvarez",
            "山田太郎",
            "Anonymous",
            "a",
            "A",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        names.extend((0..500).map(|i| format!("user{i}")));
        names
    }

    #[test]
    fn hue_matches_the_xep_0392_test_vectors() {
        // The specification's "Test Vectors" section gives the angle to six decimals.
        let vectors =
            [("Romeo", 327.255249), ("juliet@capulet.lit", 209.410400), ("😺", 331.199341), ("council", 359.994507), ("Board", 171.430664)];
        for (name, expected) in vectors {
            let got = hue(name);
            assert!((got - expected).abs() < 5e-7, "{name}: {got} != {expected}");
        }
    }

    #[test]
    fn hue_takes_the_name_as_written() {
        // The specification hashes the UTF-8 octets as they are: case matters.
        assert_ne!(hue("Romeo"), hue("romeo"));
    }

    #[test]
    fn every_colour_has_enough_contrast_on_both_backgrounds() {
        for name in sample_names() {
            let color = author_color(&name);
            let light = contrast_ratio(parse_hex(&color.light), LIGHT_BACKGROUND);
            let dark = contrast_ratio(parse_hex(&color.dark), DARK_BACKGROUND);
            assert!(light >= MIN_CONTRAST, "{name:?} light {} ratio {light}", color.light);
            assert!(dark >= MIN_CONTRAST, "{name:?} dark {} ratio {dark}", color.dark);
        }
    }

    #[test]
    fn every_hue_on_the_circle_gets_enough_contrast() {
        for tenth_degree in 0..3600 {
            let hue = f64::from(tenth_degree) / 10.0;
            assert!(contrast_ratio(readable_rgb(hue, LIGHT_BACKGROUND), LIGHT_BACKGROUND) >= MIN_CONTRAST);
            assert!(contrast_ratio(readable_rgb(hue, DARK_BACKGROUND), DARK_BACKGROUND) >= MIN_CONTRAST);
        }
    }

    #[test]
    fn colours_are_deterministic() {
        for name in sample_names() {
            assert_eq!(author_color(&name), author_color(&name));
        }
        // A fixed expectation guards against an accidental change of the
        // mapping, which would recolour every author on every page.
        let expected = AuthorColor { light: "#df2046".into(), dark: "#e33b5d".into() };
        assert_eq!(author_color("czarowniczy"), expected);
    }

    #[test]
    fn distinct_names_get_distinct_hues() {
        let names = ["Romeo", "juliet@capulet.lit", "czarowniczy", "mills", "Ann", "Bob", "council", "Board"];
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                assert_ne!(hue(a), hue(b), "{a} and {b}");
            }
        }
        let colours: std::collections::HashSet<String> = names.iter().map(|n| author_color(n).light).collect();
        assert!(colours.len() >= names.len() - 1, "too many collisions: {colours:?}");
    }

    #[test]
    fn colours_are_css_hex() {
        let color = author_color("Romeo");
        for css in [&color.light, &color.dark] {
            assert!(css.starts_with('#') && css.len() == 7, "{css}");
            assert!(css[1..].chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{css}");
        }
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        assert!((contrast_ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio([9, 9, 9], [9, 9, 9]) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn hsl_primaries() {
        assert_eq!(hsl_to_rgb(0.0, 1.0, 0.5), [255, 0, 0]);
        assert_eq!(hsl_to_rgb(120.0, 1.0, 0.5), [0, 255, 0]);
        assert_eq!(hsl_to_rgb(240.0, 1.0, 0.5), [0, 0, 255]);
        assert_eq!(hsl_to_rgb(359.99, 0.0, 1.0), [255, 255, 255]);
    }
}

//! Style strings from the config's `[theme]` table, such as `"cyan bold"` or
//! `"black on #ffd700 underlined"`: a foreground colour, `on` and a background colour, and
//! modifiers, in any order. Parsed into plain data here; the view turns it into terminal styles.

use serde::Deserialize;
use std::fmt;

/// The colour names a style string accepts (the 16 ANSI colours, plus `default` for the
/// terminal's own colour).
pub const COLOUR_NAMES: &[&str] = &[
    "default",
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

/// The modifier names a style string accepts.
pub const MODIFIER_NAMES: &[&str] = &["bold", "dim", "italic", "underlined", "reversed"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// One of [`COLOUR_NAMES`], by its index there.
    Named(usize),
    Rgb(u8, u8, u8),
}

impl Colour {
    /// A colour name (case-insensitive, `grey` and `-`/`_` allowed) or `#rrggbb`.
    pub fn parse(text: &str) -> Result<Colour, String> {
        if let Some(hex) = text.strip_prefix('#') {
            let channel = |i: usize| {
                hex.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            };
            return match (hex.len(), channel(0), channel(2), channel(4)) {
                (6, Some(r), Some(g), Some(b)) => Ok(Colour::Rgb(r, g, b)),
                _ => Err(format!("`{text}` is not a #rrggbb colour")),
            };
        }
        let name = text.to_ascii_lowercase().replace(['-', '_'], "");
        let name = name.replace("grey", "gray");
        COLOUR_NAMES
            .iter()
            .position(|&known| known == name)
            .map(Colour::Named)
            .ok_or_else(|| {
                format!(
                    "unknown colour or modifier `{text}` (colours: {}, or #rrggbb; modifiers: {})",
                    COLOUR_NAMES.join(", "),
                    MODIFIER_NAMES.join(", ")
                )
            })
    }

    pub fn name(self) -> String {
        match self {
            Colour::Named(index) => COLOUR_NAMES.get(index).copied().unwrap_or("?").to_owned(),
            Colour::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

/// Text modifiers, as flags in the order of [`MODIFIER_NAMES`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Modifiers {
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underlined: bool,
    pub reversed: bool,
}

impl Modifiers {
    pub fn is_empty(self) -> bool {
        self == Modifiers::default()
    }

    fn set(&mut self, name: &str) -> bool {
        let flag = match name {
            "bold" => &mut self.bold,
            "dim" => &mut self.dim,
            "italic" => &mut self.italic,
            "underlined" | "underline" => &mut self.underlined,
            "reversed" | "reverse" => &mut self.reversed,
            _ => return false,
        };
        *flag = true;
        true
    }
}

/// A parsed style string. It replaces the whole default style of the part it names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct StyleSpec {
    pub fg: Option<Colour>,
    pub bg: Option<Colour>,
    pub modifiers: Modifiers,
}

impl TryFrom<String> for StyleSpec {
    type Error = String;

    fn try_from(text: String) -> Result<StyleSpec, String> {
        StyleSpec::parse(&text)
    }
}

impl StyleSpec {
    /// Words separated by spaces: modifiers, at most one foreground colour, and `on` followed
    /// by a background colour. `""` or `"plain"` is the terminal's plain text.
    pub fn parse(text: &str) -> Result<StyleSpec, String> {
        let mut spec = StyleSpec::default();
        let mut words = text.split_whitespace();
        while let Some(word) = words.next() {
            let lower = word.to_ascii_lowercase();
            if lower == "plain" || spec.modifiers.set(&lower) {
                continue;
            }
            if lower == "on" {
                let Some(colour) = words.next() else {
                    return Err(format!("`on` needs a background colour in `{text}`"));
                };
                if spec.bg.replace(Colour::parse(colour)?).is_some() {
                    return Err(format!("two background colours in `{text}`"));
                }
                continue;
            }
            if spec.fg.replace(Colour::parse(word)?).is_some() {
                return Err(format!(
                    "two foreground colours in `{text}` (write `on` before a background colour)"
                ));
            }
        }
        Ok(spec)
    }
}

impl fmt::Display for StyleSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words = Vec::new();
        if let Some(fg) = self.fg {
            words.push(fg.name());
        }
        if let Some(bg) = self.bg {
            words.push(format!("on {}", bg.name()));
        }
        let m = self.modifiers;
        for (on, name) in [m.bold, m.dim, m.italic, m.underlined, m.reversed]
            .into_iter()
            .zip(MODIFIER_NAMES)
        {
            if on {
                words.push((*name).to_owned());
            }
        }
        if words.is_empty() {
            words.push("plain".to_owned());
        }
        f.write_str(&words.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Option<Colour> {
        COLOUR_NAMES
            .iter()
            .position(|&n| n == name)
            .map(Colour::Named)
    }

    #[test]
    fn colours_modifiers_and_backgrounds_are_read_in_any_order() {
        let spec = StyleSpec::parse("bold cyan").expect("valid");
        assert_eq!(spec.fg, named("cyan"));
        assert_eq!(spec.bg, None);
        assert!(spec.modifiers.bold && !spec.modifiers.italic);
        let spec = StyleSpec::parse("Black on Yellow underlined").expect("valid");
        assert_eq!((spec.fg, spec.bg), (named("black"), named("yellow")));
        assert!(spec.modifiers.underlined);
        let spec = StyleSpec::parse("on #1a2B3c dark-grey dim italic reversed").expect("valid");
        assert_eq!(spec.bg, Some(Colour::Rgb(0x1a, 0x2b, 0x3c)));
        assert_eq!(spec.fg, named("darkgray"));
        assert!(spec.modifiers.dim && spec.modifiers.italic && spec.modifiers.reversed);
        assert_eq!(StyleSpec::parse("plain"), Ok(StyleSpec::default()));
        assert_eq!(StyleSpec::parse(""), Ok(StyleSpec::default()));
    }

    #[test]
    fn unknown_words_and_malformed_colours_are_errors() {
        for bad in [
            "blink",
            "cyan red",
            "on",
            "on red on blue",
            "#12345",
            "#12345g",
            "#1234567",
            "on purple",
        ] {
            assert!(StyleSpec::parse(bad).is_err(), "{bad} should be refused");
        }
        let why = StyleSpec::parse("cyan blink").expect_err("blink");
        assert!(
            why.contains("`blink`") && why.contains("underlined"),
            "{why}"
        );
    }

    #[test]
    fn styles_display_as_they_parse() {
        for text in [
            "cyan bold",
            "black on yellow",
            "#ff0000 on default underlined",
            "plain",
        ] {
            let spec = StyleSpec::parse(text).expect("valid");
            assert_eq!(spec.to_string(), text);
            assert_eq!(StyleSpec::parse(&spec.to_string()), Ok(spec));
        }
    }
}

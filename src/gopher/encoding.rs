//! Character encodings for what servers send: `Auto` (UTF-8 when a line is valid UTF-8, else
//! Windows-1252, the default), UTF-8 (invalid bytes become U+FFFD), Windows-1252 (what
//! "Latin-1" means in practice, decoded as WHATWG does, its five undefined bytes as U+FFFD),
//! Latin-1 (ISO 8859-1) and CP437 (the IBM PC set of ANSI art: box drawing, blocks, shading).
//!
//! Decoding keeps C0 controls: bytes below 0x20 and DEL decode to themselves in every encoding
//! (CP437's pictures for them are not used), so the one sanitising step (`sanitize`) still
//! removes them and strips 7-bit escape sequences from ANSI art. A single byte never becomes a
//! C1 control: Windows-1252 and CP437 give 0x80–0x9F printable characters, and Latin-1 drops
//! them one by one, so a stray 0x9B is removed alone instead of starting a "CSI" that would eat
//! the text after it. C1 controls written in UTF-8 (two bytes each) are left to `sanitize`,
//! which removes real sequences with what they introduce and shows a lone one as the
//! Windows-1252 character it was most likely re-encoded from.
//!
//! The encoding key cycles auto → UTF-8 → Windows-1252 → CP437 → Latin-1 → auto. From `Auto` it
//! moves on from what `Auto` showed: a page whose every line was valid UTF-8 goes to
//! Windows-1252, a page where some line fell back goes to CP437 (see [`Encoding::shown_as`]).

use std::borrow::Cow;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8 when the line is valid UTF-8, else Windows-1252.
    #[default]
    Auto,
    Utf8,
    Windows1252,
    Latin1,
    Cp437,
}

/// Every encoding, in the order the encoding key cycles through them.
pub const ALL_ENCODINGS: [Encoding; 5] = [
    Encoding::Auto,
    Encoding::Utf8,
    Encoding::Windows1252,
    Encoding::Cp437,
    Encoding::Latin1,
];

/// Windows-1252's bytes 0x80 to 0x9F (the rest is Latin-1); the five bytes it leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are U+FFFD.
const WINDOWS_1252_C1: [char; 32] = [
    '\u{20AC}', '\u{FFFD}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{FFFD}', '\u{017D}', '\u{FFFD}',
    '\u{FFFD}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{FFFD}', '\u{017E}', '\u{0178}',
];

/// CP437's upper half, bytes 0x80 to 0xFF.
const CP437_HIGH: [char; 128] = [
    '\u{00C7}', '\u{00FC}', '\u{00E9}', '\u{00E2}', '\u{00E4}', '\u{00E0}', '\u{00E5}', '\u{00E7}',
    '\u{00EA}', '\u{00EB}', '\u{00E8}', '\u{00EF}', '\u{00EE}', '\u{00EC}', '\u{00C4}', '\u{00C5}',
    '\u{00C9}', '\u{00E6}', '\u{00C6}', '\u{00F4}', '\u{00F6}', '\u{00F2}', '\u{00FB}', '\u{00F9}',
    '\u{00FF}', '\u{00D6}', '\u{00DC}', '\u{00A2}', '\u{00A3}', '\u{00A5}', '\u{20A7}', '\u{0192}',
    '\u{00E1}', '\u{00ED}', '\u{00F3}', '\u{00FA}', '\u{00F1}', '\u{00D1}', '\u{00AA}', '\u{00BA}',
    '\u{00BF}', '\u{2310}', '\u{00AC}', '\u{00BD}', '\u{00BC}', '\u{00A1}', '\u{00AB}', '\u{00BB}',
    '\u{2591}', '\u{2592}', '\u{2593}', '\u{2502}', '\u{2524}', '\u{2561}', '\u{2562}', '\u{2556}',
    '\u{2555}', '\u{2563}', '\u{2551}', '\u{2557}', '\u{255D}', '\u{255C}', '\u{255B}', '\u{2510}',
    '\u{2514}', '\u{2534}', '\u{252C}', '\u{251C}', '\u{2500}', '\u{253C}', '\u{255E}', '\u{255F}',
    '\u{255A}', '\u{2554}', '\u{2569}', '\u{2566}', '\u{2560}', '\u{2550}', '\u{256C}', '\u{2567}',
    '\u{2568}', '\u{2564}', '\u{2565}', '\u{2559}', '\u{2558}', '\u{2552}', '\u{2553}', '\u{256B}',
    '\u{256A}', '\u{2518}', '\u{250C}', '\u{2588}', '\u{2584}', '\u{258C}', '\u{2590}', '\u{2580}',
    '\u{03B1}', '\u{00DF}', '\u{0393}', '\u{03C0}', '\u{03A3}', '\u{03C3}', '\u{00B5}', '\u{03C4}',
    '\u{03A6}', '\u{0398}', '\u{03A9}', '\u{03B4}', '\u{221E}', '\u{03C6}', '\u{03B5}', '\u{2229}',
    '\u{2261}', '\u{00B1}', '\u{2265}', '\u{2264}', '\u{2320}', '\u{2321}', '\u{00F7}', '\u{2248}',
    '\u{00B0}', '\u{2219}', '\u{00B7}', '\u{221A}', '\u{207F}', '\u{00B2}', '\u{25A0}', '\u{00A0}',
];

impl Encoding {
    /// Decodes one line of server bytes.
    pub fn decode(self, bytes: &[u8]) -> Cow<'_, str> {
        self.decode_resolved(bytes).0
    }

    /// Decodes one line and says which encoding was used: `Auto` resolves to `Utf8` or
    /// `Windows1252`; the others are returned as they are.
    pub fn decode_resolved(self, bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
        if bytes.is_ascii() {
            let used = match self {
                Encoding::Auto => Encoding::Utf8,
                other => other,
            };
            return (Cow::Borrowed(ascii(bytes)), used);
        }
        let text = match self {
            Encoding::Auto => match std::str::from_utf8(bytes) {
                Ok(text) => return (Cow::Borrowed(text), Encoding::Utf8),
                Err(_) => {
                    return (
                        Cow::Owned(map_bytes(bytes, windows_1252_char)),
                        Encoding::Windows1252,
                    );
                }
            },
            Encoding::Utf8 => String::from_utf8_lossy(bytes),
            Encoding::Windows1252 => Cow::Owned(map_bytes(bytes, windows_1252_char)),
            Encoding::Latin1 => Cow::Owned(
                bytes
                    .iter()
                    .filter(|&&b| !(0x80..0xA0).contains(&b))
                    .map(|&b| char::from(b))
                    .collect(),
            ),
            Encoding::Cp437 => Cow::Owned(map_bytes(bytes, cp437_char)),
        };
        (text, self)
    }

    /// Whether a line decoded in `self` came out as `used` because it was not valid UTF-8
    /// (only `Auto` falls back).
    pub fn fell_back(self, used: Encoding) -> bool {
        self == Encoding::Auto && used != Encoding::Utf8
    }

    /// The next encoding the key shows, round [`ALL_ENCODINGS`]. `Auto` counts as UTF-8
    /// here; use [`Encoding::shown_as`] first when `Auto` fell back.
    pub fn next(self) -> Encoding {
        match self {
            Encoding::Auto | Encoding::Utf8 => Encoding::Windows1252,
            Encoding::Windows1252 => Encoding::Cp437,
            Encoding::Cp437 => Encoding::Latin1,
            Encoding::Latin1 => Encoding::Auto,
        }
    }

    /// What a page decoded with `self` looks like: `Auto` is Windows-1252 if any line
    /// `fell_back`, else UTF-8; the other encodings are themselves.
    pub fn shown_as(self, fell_back: bool) -> Encoding {
        match self {
            Encoding::Auto if fell_back => Encoding::Windows1252,
            Encoding::Auto => Encoding::Utf8,
            other => other,
        }
    }

    /// The name shown to people and written in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Latin1 => "Latin-1",
            Encoding::Cp437 => "CP437",
        }
    }

    /// Reads a name as written in a config file (case and surrounding space do not matter).
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Encoding::Auto),
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-1252" | "windows1252" | "cp1252" | "cp-1252" => Some(Encoding::Windows1252),
            "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => Some(Encoding::Latin1),
            "cp437" | "ibm437" => Some(Encoding::Cp437),
            _ => None,
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// ASCII bytes as text (the caller checked they are ASCII, which is always valid UTF-8).
fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Each byte through `decode_byte`.
fn map_bytes(bytes: &[u8], decode_byte: fn(u8) -> char) -> String {
    bytes.iter().map(|&b| decode_byte(b)).collect()
}

/// One Windows-1252 byte: Latin-1, except 0x80–0x9F from the table.
pub(crate) fn windows_1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9F => WINDOWS_1252_C1[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// One CP437 byte: ASCII (controls included) as itself, the upper half from the table.
fn cp437_char(byte: u8) -> char {
    match byte.checked_sub(0x80) {
        Some(high) => CP437_HIGH[usize::from(high)],
        None => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gopher::sanitize::sanitize;

    const ALL: [Encoding; 5] = ALL_ENCODINGS;

    #[test]
    fn cp437_maps_the_upper_half_to_the_ibm_pc_characters() {
        let cases = [
            (0x80, '\u{C7}'),   // Ç
            (0x9B, '\u{A2}'),   // ¢
            (0xB0, '\u{2591}'), // ░
            (0xB3, '\u{2502}'), // │
            (0xC4, '\u{2500}'), // ─
            (0xC9, '\u{2554}'), // ╔
            (0xCD, '\u{2550}'), // ═
            (0xDB, '\u{2588}'), // █
            (0xDF, '\u{2580}'), // ▀
            (0xE1, '\u{DF}'),   // ß
            (0xFE, '\u{25A0}'), // ■
            (0xFF, '\u{A0}'),   // no-break space
        ];
        for (byte, expected) in cases {
            assert_eq!(cp437_char(byte), expected, "byte {byte:#04X}");
        }
        let decoded = Encoding::Cp437.decode(b"\xC9\xCD\xBB A");
        assert_eq!(decoded, "\u{2554}\u{2550}\u{2557} A");
    }

    #[test]
    fn cp437_upper_half_is_printable_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for c in CP437_HIGH {
            assert!(!c.is_control(), "{c:?}");
            assert!(c as u32 >= 0xA0, "{c:?}");
            assert!(seen.insert(c), "{c:?} appears twice");
        }
    }

    #[test]
    fn each_encoding_decodes_its_own_bytes() {
        assert_eq!(Encoding::Auto.decode("caf\u{e9}".as_bytes()), "caf\u{e9}");
        assert_eq!(Encoding::Auto.decode(b"caf\xe9"), "caf\u{e9}");
        assert_eq!(Encoding::Utf8.decode(b"caf\xe9"), "caf\u{FFFD}");
        assert_eq!(Encoding::Latin1.decode("\u{e9}".as_bytes()), "\u{c3}\u{a9}");
        assert_eq!(
            Encoding::Windows1252.decode(b"\x93caf\xe9\x94"),
            "\u{201c}caf\u{e9}\u{201d}"
        );
        assert_eq!(Encoding::Cp437.decode(b"caf\x82"), "caf\u{e9}");
        assert_eq!(Encoding::Auto.decode_resolved(b"a").1, Encoding::Utf8);
        assert_eq!(
            Encoding::Auto.decode_resolved(b"\xff").1,
            Encoding::Windows1252
        );
        assert_eq!(Encoding::Cp437.decode_resolved(b"a").1, Encoding::Cp437);
        assert!(Encoding::Auto.fell_back(Encoding::Windows1252));
        assert!(!Encoding::Auto.fell_back(Encoding::Utf8));
        assert!(!Encoding::Latin1.fell_back(Encoding::Latin1));
    }

    #[test]
    fn windows_1252_gives_its_punctuation_and_u_fffd_for_its_five_undefined_bytes() {
        let cases = [
            (0x80, '\u{20AC}'), // €
            (0x85, '\u{2026}'), // …
            (0x8A, '\u{0160}'), // Š
            (0x91, '\u{2018}'), // ‘
            (0x96, '\u{2013}'), // –
            (0x97, '\u{2014}'), // —
            (0x98, '\u{02DC}'), // ˜
            (0x9B, '\u{203A}'), // ›
            (0x9E, '\u{017E}'), // ž
            (0x9F, '\u{0178}'), // Ÿ
            (0xA0, '\u{00A0}'),
            (0xE9, '\u{00E9}'),
            (0xFF, '\u{00FF}'),
        ];
        for (byte, expected) in cases {
            assert_eq!(windows_1252_char(byte), expected, "byte {byte:#04X}");
        }
        for byte in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            assert_eq!(windows_1252_char(byte), '\u{FFFD}', "byte {byte:#04X}");
        }
        for byte in 0x80..=0xFFu8 {
            assert!(!windows_1252_char(byte).is_control(), "byte {byte:#04X}");
        }
    }

    #[test]
    fn eight_bit_lines_keep_the_text_after_bytes_0x80_to_0x9f() {
        // Windows-1252 smart quotes, dashes and the letters the issue names, then CP437's
        // peseta, yen and cent (0x9E, 0x9D, 0x9B) as auto shows them: nothing after is lost.
        let windows = b"\x93Quoted\x94 \x96 dash \x97 \x98 \x9b \x9e \x9f end";
        assert_eq!(
            sanitize(&Encoding::Auto.decode(windows)),
            "\u{201c}Quoted\u{201d} \u{2013} dash \u{2014} \u{2dc} \u{203a} \u{17e} \u{178} end"
        );
        let cp437 = b"Pts \x9e5, yen \x9d9, cent \x9b2 end";
        assert_eq!(
            sanitize(&Encoding::Auto.decode(cp437)),
            "Pts \u{17e}5, yen \u{fffd}9, cent \u{203a}2 end"
        );
        assert_eq!(
            sanitize(&Encoding::Cp437.decode(cp437)),
            "Pts \u{20a7}5, yen \u{a5}9, cent \u{a2}2 end"
        );
        // Latin-1 has only controls there: each is removed alone.
        assert_eq!(
            sanitize(&Encoding::Latin1.decode(b"a\x9b31mb \x9d0;t\x9c c\x85d")),
            "a31mb 0;t cd"
        );
    }

    #[test]
    fn c1_escapes_written_in_utf8_are_still_removed_with_what_they_introduce() {
        let csi = "a\u{9b}31mb \u{9d}0;title\u{9c}c".as_bytes();
        for encoding in [Encoding::Auto, Encoding::Utf8] {
            assert_eq!(sanitize(&encoding.decode(csi)), "ab c", "{encoding}");
        }
        assert_eq!(
            sanitize(&Encoding::Windows1252.decode(b"a\x1b[31mb\x1b]0;t\x07c")),
            "abc"
        );
    }

    #[test]
    fn controls_stay_controls_so_sanitising_strips_ansi_art_escapes() {
        for encoding in ALL {
            for byte in (0u8..0x20).chain([0x7F]) {
                assert_eq!(encoding.decode(&[byte]), char::from(byte).to_string());
            }
        }
        let art = b"\x1b[1;31m\xDB\xDB\x1b[0m\xB0\x07";
        assert_eq!(
            sanitize(&Encoding::Cp437.decode(art)),
            "\u{2588}\u{2588}\u{2591}"
        );
    }

    #[test]
    fn every_byte_pair_decodes_in_every_encoding_and_no_single_byte_becomes_a_c1_control() {
        for encoding in ALL {
            for a in 0u8..=255 {
                for b in 0u8..=255 {
                    let bytes = [a, b];
                    let text = encoding.decode(&bytes);
                    // Only Latin-1's C1 controls are dropped; every other byte is a character.
                    let dropped = bytes.iter().filter(|b| (0x80..0xA0).contains(*b)).count();
                    if encoding == Encoding::Latin1 {
                        assert_eq!(text.chars().count(), 2 - dropped);
                    } else if encoding != Encoding::Utf8 {
                        assert!(text.chars().count() >= 1);
                    }
                    // A C1 control only comes from its two-byte UTF-8 form.
                    let c1 = text.chars().any(|c| ('\u{80}'..'\u{a0}').contains(&c));
                    assert!(!c1 || (a == 0xC2 && encoding.shown_as(false) == Encoding::Utf8));
                    assert!(sanitize(&text).chars().all(|c| !c.is_control()));
                }
            }
        }
    }

    #[test]
    fn the_key_cycles_through_every_encoding_back_to_auto_and_moves_on_from_what_auto_showed() {
        for (at, encoding) in ALL.iter().enumerate().skip(1) {
            assert_eq!(encoding.next(), ALL[(at + 1) % ALL.len()], "{encoding}");
        }
        assert_eq!(Encoding::Latin1.next(), Encoding::Auto);
        assert_eq!(Encoding::Auto.shown_as(false).next(), Encoding::Windows1252);
        assert_eq!(Encoding::Auto.shown_as(true).next(), Encoding::Cp437);
        assert_eq!(Encoding::Cp437.shown_as(true), Encoding::Cp437);
    }

    #[test]
    fn names_round_trip_and_aliases_are_accepted() {
        for encoding in ALL {
            assert_eq!(Encoding::from_name(encoding.name()), Some(encoding));
        }
        let aliases = [
            ("utf8", Encoding::Utf8),
            (" UTF-8 ", Encoding::Utf8),
            ("latin1", Encoding::Latin1),
            ("ISO-8859-1", Encoding::Latin1),
            ("cp1252", Encoding::Windows1252),
            ("Windows-1252", Encoding::Windows1252),
            ("IBM437", Encoding::Cp437),
            ("cp437", Encoding::Cp437),
        ];
        for (name, expected) in aliases {
            assert_eq!(Encoding::from_name(name), Some(expected), "{name}");
        }
        assert_eq!(Encoding::from_name("koi8-r"), None);
        assert_eq!(Encoding::from_name(""), None);
    }
}

//! The one sanitising step for everything that comes from the network.
//!
//! `decode_line` turns bytes into text (UTF-8 where valid, else Windows-1252, never passed
//! through raw; `encoding::Encoding` decodes as a chosen encoding, and never turns one byte
//! into a C1 control);
//! `sanitize` then removes everything that could drive a terminal: C0 controls (tabs are expanded
//! to spaces), DEL, C1 controls, ESC/CSI/OSC/DCS/SOS/PM/APC sequences in both their 7-bit and 8-bit
//! forms, and bidi embedding/override/isolate characters. A C1 control that does not start
//! such a sequence (a lone one, or a string opener with no terminator later in the line) is a
//! re-encoded 8-bit character (gophernicus sends Windows-1252 files re-encoded as if they were
//! Latin-1) and is shown as the Windows-1252 character of its byte. It also removes what terminals and
//! `unicode-width` (which the layout uses) count differently, so every row ends where the
//! terminal thinks it does: default-ignorable and format characters (the soft hyphen: zero
//! columns to unicode-width, one to tmux and xterm; zero width joiners and variation selectors,
//! which make unicode-width count a sequence differently from its characters; Hangul fillers)
//! and emoji skin-tone modifiers. What remains is printable text whose neighbours are untouched.

use super::encoding::{Encoding, windows_1252_char};
use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

const TAB_STOP: usize = 8;

/// Decodes one line of server bytes: UTF-8 when the whole line is valid, else Windows-1252
/// (`Encoding::Auto`; see `encoding` for the others).
pub fn decode_line(bytes: &[u8]) -> Cow<'_, str> {
    Encoding::Auto.decode(bytes)
}

/// Decodes and sanitises one line of server bytes in one step.
pub fn sanitize_bytes(bytes: &[u8]) -> String {
    sanitize(&decode_line(bytes))
}

/// Whether `c` reorders text on screen or breaks lines invisibly: bidi embeddings, overrides,
/// isolates and marks, and the Unicode line and paragraph separators.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Whether `c` is a default-ignorable code point, a format character (general category Cf) or
/// an emoji modifier (Unicode 16): invisible characters whose width terminals and
/// `unicode-width` disagree on, alone (U+00AD, U+3164, U+FFA0, U+FFF9, U+13430 …) or by
/// changing how a sequence is counted (U+200D, U+FE0E, U+FE0F, U+1F3FB …).
fn is_width_ambiguous_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{1F3FB}'..='\u{1F3FF}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Whether `c` starts a control string that runs until a string terminator (OSC, DCS, SOS, PM,
/// APC), given the character after ESC, or the 8-bit C1 form itself.
fn opens_control_string_after_esc(c: char) -> bool {
    matches!(c, ']' | 'P' | 'X' | '^' | '_')
}

fn is_c1_control_string(c: char) -> bool {
    matches!(c, '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}')
}

/// Removes terminal control from one line of text; tabs become spaces up to the next tab stop.
/// The result contains no character below U+0020, no DEL, no C1 control (a lone one becomes
/// its Windows-1252 character), no bidi control and
/// no invisible character whose width terminals disagree on.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column = 0usize;
    let mut chars = text.chars().peekable();
    // Set once a look-ahead found no string terminator in the rest of the line, so each line
    // is looked through at most once more.
    let mut unterminated = false;
    while let Some(c) = chars.next() {
        match c {
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(c) if opens_control_string_after_esc(c) => skip_control_string(&mut chars),
                Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
                    // nF escape: intermediates, then one final character.
                    while chars
                        .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                        .is_some()
                    {}
                    chars.next();
                }
                // Two-character escapes (ESC c, ESC 7, ...) or a lone ESC at the end.
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            // A C1 string opener (UTF-8 encoded) with a terminator later in the line is a real
            // control string and goes with its payload. Without one it is not (see below).
            c if is_c1_control_string(c)
                && !unterminated
                && chars.clone().any(is_string_terminator) =>
            {
                skip_control_string(&mut chars);
            }
            // Any other C1 control is a re-encoded 8-bit character, not a control: servers
            // such as gophernicus send Windows-1252 text re-encoded as if it were Latin-1, so
            // `“` (0x93) arrives as U+0093 and `ž` (0x9E) as PM. It is shown as the
            // Windows-1252 character of its byte (U+FFFD for the five undefined ones).
            c @ '\u{80}'..='\u{9f}' => {
                unterminated |= is_c1_control_string(c);
                let shown = windows_1252_char(c as u8);
                out.push(shown);
                column += shown.width().unwrap_or(1);
            }
            c if c.is_control() || is_bidi_control(c) || is_width_ambiguous_invisible(c) => {}
            c => {
                out.push(c);
                column += c.width().unwrap_or(0);
            }
        }
    }
    out
}

/// Skips a CSI sequence's parameter and intermediate characters and its final character. A
/// character that cannot belong to a CSI ends the sequence without being eaten.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{20}'..='\u{3f}' => {
                chars.next();
            }
            '\u{40}'..='\u{7e}' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// What ends a control string: BEL, ST, or ESC (of ESC \\, or starting anything else).
fn is_string_terminator(c: char) -> bool {
    matches!(c, '\u{7}' | '\u{9c}' | '\u{1b}')
}

/// Skips an OSC/DCS/SOS/PM/APC payload up to and including its terminator: BEL, ESC \ or ST.
fn skip_control_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

/// Shows raw bytes (a selector, say) as printable ASCII: printable ASCII stays, every other
/// byte becomes `\xHH`, and a backslash becomes `\\`, so nothing is hidden or ambiguous.
pub fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_no_control(s: &str) -> bool {
        !s.chars().any(|c| c.is_control() || is_bidi_control(c))
    }

    #[test]
    fn escape_sequences_of_every_form_are_removed_and_neighbours_kept() {
        let cases = [
            ("a\x1b[31mred\x1b[0mb", "aredb"),
            ("a\x1b[2J\x1b[Hb", "ab"),
            ("a\x1b]0;evil title\x07b", "ab"),
            ("a\x1b]52;c;aGVsbG8=\x1b\\b", "ab"),
            ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
            ("a\x1bP1$qm\x1b\\b", "ab"),
            ("a\x1b[21tb", "ab"),
            ("a\x1bcb", "ab"),
            ("a\x1b(Bb", "ab"),
            ("a\u{9b}31mb", "ab"),
            ("a\u{9d}0;t\u{9c}b", "ab"),
            ("a\u{90}q\u{9c}b", "ab"),
            ("a\x07\x08\rb\x7f", "ab"),
            ("a\u{85}\u{80}b", "a\u{2026}\u{20ac}b"),
            ("a\u{202e}b\u{2066}c\u{2069}", "abc"),
            ("a\u{200f}b\u{61c}c\u{2028}d", "abcd"),
            ("trailing escape \x1b", "trailing escape "),
            ("unterminated \x1b]0;title", "unterminated "),
        ];
        for (input, expected) in cases {
            let out = sanitize(input);
            assert_eq!(out, expected, "input {input:?}");
            assert!(has_no_control(&out));
        }
    }

    #[test]
    fn lone_c1_controls_show_as_the_windows_1252_characters_they_were_re_encoded_from() {
        // gophernicus re-encodes Windows-1252 as if it were Latin-1: smart quotes, dashes and
        // the string openers 0x98 (˜) and 0x9E (ž) arrive as UTF-8 C1 controls.
        let converted = "Smart \u{93}quotes\u{94} \u{96} \u{98}tilde \u{9e}zh \u{9d} end";
        assert_eq!(
            sanitize(converted),
            "Smart \u{201c}quotes\u{201d} \u{2013} \u{2dc}tilde \u{17e}zh \u{fffd} end"
        );
        // Terminated, they are real control strings and go with their payload, as do 7-bit
        // ones with or without a terminator.
        assert_eq!(sanitize("a\u{9d}0;title\u{7}b \u{9e}pm\u{9c}c"), "ab c");
        assert_eq!(sanitize("a\u{9d}0;title\u{1b}\\b"), "ab");
        assert_eq!(sanitize("a\x1b]0;title"), "a");
        // Many openers and no terminator: each is a character (and the line is read in
        // linear time).
        let many = "\u{9e}x".repeat(50_000);
        assert_eq!(sanitize(&many), "\u{17e}x".repeat(50_000));
    }

    #[test]
    fn a_malformed_csi_does_not_swallow_following_text() {
        assert_eq!(sanitize("a\x1b[12\u{e9}tail"), "a\u{e9}tail");
    }

    #[test]
    fn escaped_bytes_are_printable_ascii_and_unambiguous() {
        assert_eq!(
            escape_bytes(b"/a b\\c\x1b[\xff\t"),
            "/a b\\\\c\\x1B[\\xFF\\x09"
        );
    }

    #[test]
    fn tabs_expand_to_the_next_stop_by_display_width() {
        assert_eq!(sanitize("a\tb"), "a       b");
        assert_eq!(sanitize("\tx"), "        x");
        // A wide character counts two columns before the tab.
        assert_eq!(sanitize("\u{4e2d}\tx"), "\u{4e2d}      x");
    }

    #[test]
    fn wide_characters_emoji_and_combining_marks_pass_through() {
        let s = "\u{4e2d}\u{6587} e\u{301} \u{1f469}\u{1f4bb} \u{1f1e9}\u{1f1ea} \u{2764}";
        assert_eq!(sanitize(s), s);
    }

    #[test]
    fn invisible_characters_terminals_count_differently_are_removed() {
        let cases = [
            ("Silben\u{ad}tren\u{ad}nung", "Silbentrennung"),
            ("a\u{3164}b\u{ffa0}c\u{115f}d", "abcd"),
            ("a\u{200b}b\u{2060}c\u{feff}d\u{2062}e", "abcde"),
            ("\u{600}12 a\u{fff9}b\u{fffb} \u{13430}\u{110bd}", "12 ab "),
            // Sequences unicode-width counts as one glyph and terminals as their parts.
            ("\u{1f469}\u{200d}\u{1f4bb}", "\u{1f469}\u{1f4bb}"),
            ("\u{2764}\u{fe0f} \u{231a}\u{fe0e}", "\u{2764} \u{231a}"),
            ("\u{1f44b}\u{1f3fd}", "\u{1f44b}"),
            ("flag\u{1f3f4}\u{e0067}\u{e0062}\u{e007f}", "flag\u{1f3f4}"),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitize(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn what_remains_is_as_wide_as_its_characters_so_any_terminal_agrees() {
        use unicode_segmentation::UnicodeSegmentation;
        use unicode_width::UnicodeWidthStr;
        // Every format character (Cf) and default-ignorable code point of Unicode 16 is in
        // the ranges the sanitiser removes, and what is left of sequences built from them is
        // as wide, grapheme by grapheme, as the sum of its characters.
        let format_and_ignorable = [
            0xAD, 0x34F, 0x600, 0x605, 0x61C, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x115F, 0x1160,
            0x17B4, 0x17B5, 0x180B, 0x180E, 0x180F, 0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x2064,
            0x2065, 0x206F, 0x3164, 0xFE00, 0xFE0F, 0xFEFF, 0xFFA0, 0xFFF0, 0xFFF9, 0xFFFB,
            0x110BD, 0x110CD, 0x13430, 0x1343F, 0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0xE0000,
            0xE0001, 0xE0020, 0xE007F, 0xE0100, 0xE01EF, 0xE0FFF,
        ];
        for code in format_and_ignorable {
            let c = char::from_u32(code).expect("a character");
            assert_eq!(sanitize(&format!("a{c}b")), "ab", "U+{code:04X}");
            for base in ['x', '\u{2764}', '\u{231a}', '\u{1f469}', '\u{4e2d}'] {
                let out = sanitize(&format!("{base}{c}{base}\u{1f3fd}"));
                for grapheme in out.graphemes(true) {
                    let sum: usize = grapheme.chars().filter_map(|c| c.width()).sum();
                    assert_eq!(grapheme.width(), sum, "U+{code:04X} after {base:?}");
                }
            }
        }
    }

    #[test]
    fn decoding_uses_utf8_when_valid_and_latin1_otherwise() {
        assert_eq!(decode_line("caf\u{e9}".as_bytes()), "caf\u{e9}");
        assert_eq!(decode_line(b"caf\xe9"), "caf\u{e9}");
        // A line that is not UTF-8 is Windows-1252: 0x9B is a printable quote, not a CSI.
        assert_eq!(sanitize_bytes(b"a\x9b2Jb\xe9"), "a\u{203a}2Jb\u{e9}");
        assert_eq!(sanitize_bytes(b"\xff\xfe\x00\x1b"), "\u{ff}\u{fe}");
    }

    #[test]
    fn every_single_byte_and_pair_sanitises_to_printable_text() {
        for a in 0u8..=255 {
            assert!(has_no_control(&sanitize_bytes(&[a])));
            for b in 0u8..=255 {
                assert!(has_no_control(&sanitize_bytes(&[a, b, b'x'])));
            }
        }
    }
}

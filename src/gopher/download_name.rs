//! File names for downloads: a safe local name derived from a hostile selector, and the
//! numbered variants (`report (1).txt`) tried when a name is already taken.
//!
//! Pure string work; the fetch layer does the file system part (claiming a name without ever
//! overwriting).

use super::encoding::Encoding;
use super::sanitize::sanitize;

/// The longest file name most file systems accept, in bytes.
pub const MAX_NAME_BYTES: usize = 255;

/// An extension longer than this (dot included) is not worth keeping when a name must be cut.
const MAX_KEPT_EXTENSION_BYTES: usize = 16;

/// The local file name for a download of `selector` from `host`: the selector's last segment
/// (split on `/` and `\`, trailing separators ignored, not percent-decoded), decoded as UTF-8
/// when valid, else Latin-1, and made safe: no control characters or escape sequences, no separators, no leading
/// dot or dash, trimmed, at most [`MAX_NAME_BYTES`] bytes. A selector that yields nothing usable
/// falls back to `download-from-<host>` (dots and colons as dashes), then to `download`.
pub fn safe_file_name(selector: &[u8], host: &str) -> String {
    let last_segment = selector
        .split(|&b| b == b'/' || b == b'\\')
        .rfind(|segment| !segment.is_empty())
        .unwrap_or_default();
    // UTF-8 when valid, else Latin-1, as for display text (never replacement characters).
    let name = clean(&Encoding::Auto.decode(last_segment));
    if !name.is_empty() {
        return name;
    }
    // Dots become dashes too, so a number for a taken name goes at the end
    // (`download-from-127-0-0-1 (1)`), not before a host's last label as if it were an extension.
    let host = host.replace([':', '.'], "-");
    if clean(&host).is_empty() {
        "download".to_owned()
    } else {
        clean(&format!("download-from-{host}"))
    }
}

/// The `n`th alternative to `name`: `name` itself for 0, else `stem (n).ext`, splitting at the
/// last dot (a name whose only dot is its first character has no extension). Always at most
/// [`MAX_NAME_BYTES`] bytes: the stem is cut to make room for the number and extension.
pub fn numbered_name(name: &str, n: u32) -> String {
    let (stem, extension) = split_extension(name);
    let suffix = if n == 0 {
        extension.to_owned()
    } else {
        format!(" ({n}){extension}")
    };
    fit(stem, &suffix)
}

/// `name` split before its last dot, unless that dot is the first character.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot <= MAX_KEPT_EXTENSION_BYTES => name.split_at(dot),
        _ => (name, ""),
    }
}

/// Removes everything unsafe from one name segment, then cuts it to the length limit.
fn clean(raw: &str) -> String {
    let without_tabs = raw.replace('\t', " ");
    let printable: String = sanitize(&without_tabs)
        .chars()
        .filter(|&c| c != '/' && c != '\\' && !c.is_control())
        .collect();
    let trimmed = printable.trim_start_matches(|c: char| c == '.' || c == '-' || c.is_whitespace());
    let trimmed = trimmed.trim_end();
    let (stem, extension) = split_extension(trimmed);
    fit(stem, extension)
}

/// `stem` followed by `suffix`, with the stem cut at a character boundary so the whole is at
/// most [`MAX_NAME_BYTES`] bytes. A suffix too long to leave room for any stem is cut instead.
fn fit(stem: &str, suffix: &str) -> String {
    if suffix.len() >= MAX_NAME_BYTES {
        return cut_to(&format!("{stem}{suffix}"), MAX_NAME_BYTES).to_owned();
    }
    let stem = cut_to(stem, MAX_NAME_BYTES - suffix.len());
    let stem = if stem.len() < MAX_NAME_BYTES - suffix.len() {
        stem
    } else {
        stem.trim_end()
    };
    format!("{stem}{suffix}")
}

/// The longest prefix of `text` of at most `max` bytes that ends at a character boundary.
fn cut_to(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_selector_segment_is_kept() {
        assert_eq!(safe_file_name(b"../../etc/passwd", "h"), "passwd");
        assert_eq!(safe_file_name(b"/../../etc/passwd", "h"), "passwd");
        assert_eq!(safe_file_name(b"/a/b/", "h"), "b");
        assert_eq!(safe_file_name(b"a\\b\\c.txt", "h"), "c.txt");
        assert_eq!(safe_file_name(b"/files//report.txt//", "h"), "report.txt");
    }

    #[test]
    fn percent_escapes_are_left_as_they_are() {
        assert_eq!(safe_file_name(b"/a%2F..%2Fb", "h"), "a%2F..%2Fb");
    }

    #[test]
    fn control_characters_and_escape_sequences_are_removed() {
        assert_eq!(safe_file_name(b"/bad\0name.txt", "h"), "badname.txt");
        assert_eq!(
            safe_file_name(b"/red\x1b[31mtext\x1b]0;title\x07.bin", "h"),
            "redtext.bin"
        );
        assert_eq!(safe_file_name(b"/del\x7fete", "h"), "delete");
        assert_eq!(safe_file_name("/c1\u{9b}2Jx".as_bytes(), "h"), "c1x");
        assert_eq!(safe_file_name(b"/tab\there", "h"), "tab here");
        assert_eq!(
            safe_file_name("/evil\u{202e}txt.exe".as_bytes(), "h"),
            "eviltxt.exe"
        );
    }

    #[test]
    fn a_name_that_is_not_utf8_is_read_as_latin1() {
        assert_eq!(safe_file_name(b"/caf\xe9.txt", "h"), "caf\u{e9}.txt");
    }

    #[test]
    fn leading_dots_dashes_and_surrounding_spaces_are_stripped() {
        assert_eq!(safe_file_name(b"/-rf", "h"), "rf");
        assert_eq!(safe_file_name(b"/.bashrc", "h"), "bashrc");
        assert_eq!(safe_file_name(b"/ .. -x.sh  ", "h"), "x.sh");
        assert_eq!(safe_file_name(b"/a-b.c", "h"), "a-b.c");
    }

    #[test]
    fn long_names_are_cut_at_a_char_boundary_keeping_a_short_extension() {
        let long = format!("/{}.txt", "é".repeat(150));
        let name = safe_file_name(long.as_bytes(), "h");
        assert!(name.len() <= MAX_NAME_BYTES, "{} bytes", name.len());
        assert!(name.ends_with(".txt"), "extension kept: {name}");
        assert!(name.starts_with('é'));
        assert_eq!(name.len(), 2 * 125 + 4, "as many whole chars as fit");

        let plain = "x".repeat(300);
        assert_eq!(safe_file_name(plain.as_bytes(), "h"), "x".repeat(255));

        let long_extension = format!("a.{}", "€".repeat(100));
        let name = safe_file_name(long_extension.as_bytes(), "h");
        assert!(name.len() <= MAX_NAME_BYTES && name.starts_with("a."));
    }

    #[test]
    fn unusable_selectors_fall_back_to_the_host() {
        for selector in [
            &b""[..],
            b"/",
            b"..",
            b"/..",
            b".",
            b"///",
            b"\x1b[0m",
            b"- .",
        ] {
            assert_eq!(
                safe_file_name(selector, "example.org"),
                "download-from-example-org",
                "selector {selector:?}"
            );
        }
        assert_eq!(safe_file_name(b"/", "::1"), "download-from---1");
        assert_eq!(
            safe_file_name(b"/", "2001:db8::1"),
            "download-from-2001-db8--1"
        );
        assert_eq!(safe_file_name(b"/", ""), "download");
        assert_eq!(safe_file_name(b"/x/caf\xe9.bin", "h"), "caf\u{e9}.bin");
        assert_eq!(
            safe_file_name("/x/caf\u{e9}.bin".as_bytes(), "h"),
            "caf\u{e9}.bin"
        );
        assert_eq!(
            numbered_name(&safe_file_name(b"/", "127.0.0.1"), 1),
            "download-from-127-0-0-1 (1)"
        );
        assert_eq!(safe_file_name(b"/", "../.."), "download");
    }

    #[test]
    fn numbered_names_go_before_the_last_extension() {
        assert_eq!(numbered_name("report.txt", 0), "report.txt");
        assert_eq!(numbered_name("report.txt", 1), "report (1).txt");
        assert_eq!(numbered_name("README", 1), "README (1)");
        assert_eq!(numbered_name("archive.tar.gz", 2), "archive.tar (2).gz");
        assert_eq!(numbered_name(".profile", 3), ".profile (3)");
        assert_eq!(numbered_name("file.txt.part", 1), "file.txt (1).part");
    }

    #[test]
    fn numbered_names_stay_within_the_length_limit() {
        let name = format!("{}.txt", "ü".repeat(125));
        assert_eq!(name.len(), 254);
        let numbered = numbered_name(&name, 9999);
        assert!(numbered.len() <= MAX_NAME_BYTES, "{} bytes", numbered.len());
        assert!(numbered.ends_with(" (9999).txt"), "{numbered}");
        let part = numbered_name(&format!("{name}.part"), 0);
        assert!(part.len() <= MAX_NAME_BYTES && part.ends_with(".part"));
    }
}

//! Cutting addresses and paths to fit a width by taking out their middle, so what matters
//! most stays: the scheme and host at the front and the last path segment (the file name) at
//! the end, with `…` where text was taken out. Widths are display columns (wide characters
//! take two) and a grapheme cluster is never split.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const ELLIPSIS: &str = "\u{2026}";

/// `text` cut to at most `width` columns, keeping its head (the `scheme://host:port` of an
/// address, or a path's first folder) and its last `/` segment, then as many whole segments
/// before that as fit. When even those do not fit, the end wins: the file name is kept, cut at
/// its front if it must be.
pub fn shorten_middle(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let room = width - 1;
    let head_end = head_len(text);
    let (head, rest) = text.split_at(head_end);
    // A folder's address ends in `/`: its last segment is the name before that slash.
    let trimmed = rest.strip_suffix('/').unwrap_or(rest);
    let tail = trimmed.rfind('/').map_or(rest, |at| &rest[at..]);
    if head.width() + tail.width() <= room {
        let end = segments_within(rest, tail, room - head.width());
        return Cow::Owned(format!("{head}{ELLIPSIS}{end}"));
    }
    if tail.width() < room {
        let start = prefix_within(head, room - tail.width());
        return Cow::Owned(format!("{start}{ELLIPSIS}{tail}"));
    }
    Cow::Owned(format!("{ELLIPSIS}{}", suffix_within(text, room)))
}

/// How much of `text` is its head: up to the `/` after `scheme://host:port`, or a path's
/// first folder with its slashes (`/home/`, `~/`), or nothing.
fn head_len(text: &str) -> usize {
    if let Some(at) = text.find("://") {
        let host_start = at + 3;
        return text[host_start..]
            .find('/')
            .map_or(text.len(), |slash| host_start + slash + 1);
    }
    let first = text.find(|c| c != '/' && c != '~').unwrap_or(text.len());
    text[first..].find('/').map_or(0, |slash| first + slash + 1)
}

/// The longest end of `rest` that starts at a `/` and fits in `width` columns (at least
/// `tail`, its last segment, which the caller made sure fits).
fn segments_within<'a>(rest: &'a str, tail: &'a str, width: usize) -> &'a str {
    let mut best = tail;
    for (at, _) in rest.match_indices('/').rev() {
        let candidate = &rest[at..];
        if candidate.len() <= tail.len() {
            continue;
        }
        if candidate.width() > width {
            break;
        }
        best = candidate;
    }
    best
}

/// The longest end of `text` that fits in `width` columns.
fn suffix_within(text: &str, width: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (at, grapheme) in text.grapheme_indices(true).rev() {
        used += grapheme.width();
        if used > width {
            break;
        }
        start = at;
    }
    &text[start..]
}

/// The longest start of `text` that fits in `width` columns.
fn prefix_within(text: &str, width: usize) -> &str {
    crate::app::wrap::fit_width(text, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_that_fits_is_left_alone() {
        assert_eq!(shorten_middle("gopher://h/1/a", 20), "gopher://h/1/a");
    }

    #[test]
    fn an_address_keeps_its_host_and_its_last_segment() {
        let url = "gopher://gopher.example.org:7070/0/text/very/deep/folder/notes.txt";
        let short = shorten_middle(url, 50);
        assert_eq!(short, "gopher://gopher.example.org:7070/\u{2026}/notes.txt");
        assert_eq!(
            shorten_middle(url, 60),
            "gopher://gopher.example.org:7070/\u{2026}/deep/folder/notes.txt"
        );
        assert!(shorten_middle(url, 60).width() <= 60);
    }

    #[test]
    fn a_folder_address_keeps_its_last_folder_name_with_its_slash() {
        let folder = "gopher://127.0.0.1:42945/1/phlog/2026/december/";
        assert_eq!(
            shorten_middle(folder, 40),
            "gopher://127.0.0.1:42945/…/december/"
        );
        assert_eq!(
            shorten_middle(folder, 44),
            "gopher://127.0.0.1:42945/…/2026/december/"
        );
    }

    #[test]
    fn when_host_and_name_do_not_fit_the_name_wins() {
        let url = "gopher://gopher.example.org:7070/0/text/notes.txt";
        assert_eq!(shorten_middle(url, 20), "gopher://\u{2026}/notes.txt");
        assert_eq!(shorten_middle(url, 8), "\u{2026}tes.txt");
        assert_eq!(shorten_middle(url, 1), "\u{2026}");
        assert_eq!(shorten_middle(url, 0), "");
    }

    #[test]
    fn a_path_keeps_its_first_folder_and_the_file_name() {
        let path = "/home/someone/Downloads/gopher/archive/big-file.tar.gz";
        assert_eq!(shorten_middle(path, 30), "/home/\u{2026}/big-file.tar.gz");
        assert_eq!(
            shorten_middle(path, 40),
            "/home/\u{2026}/gopher/archive/big-file.tar.gz"
        );
    }

    #[test]
    fn wide_characters_count_two_columns_and_are_never_split() {
        let url = "gopher://h/0/\u{65e5}\u{672c}\u{8a9e}/\u{6587}\u{66f8}\u{6587}\u{66f8}.txt";
        assert_eq!(
            shorten_middle(url, 25),
            "gopher://h/\u{2026}/\u{6587}\u{66f8}\u{6587}\u{66f8}.txt"
        );
        let short = shorten_middle(url, 18);
        assert!(short.width() <= 18, "{short}");
        assert!(
            short.ends_with("/\u{6587}\u{66f8}\u{6587}\u{66f8}.txt"),
            "{short}"
        );
        let cjk = "\u{65e5}".repeat(10);
        assert_eq!(
            shorten_middle(&cjk, 6),
            format!("\u{2026}{}", "\u{65e5}".repeat(2))
        );
    }
}

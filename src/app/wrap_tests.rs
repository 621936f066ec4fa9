//! Tests of row breaking: at spaces where it can, by display width, never inside a
//! character, and the row counts, fitting and sideways windows built on it.

use super::*;

/// `wrap_rows` through the general grapheme path, for ASCII too.
fn by_graphemes(line: &str, width: usize) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let mut start = 0;
    grapheme_breaks(line, width.max(1), |end| {
        rows.push(start..end);
        start = end;
    });
    rows.push(start..line.len());
    rows
}

fn rows(line: &str, width: usize) -> Vec<&str> {
    wrap_rows(line, width)
        .into_iter()
        .map(|r| &line[r])
        .collect()
}

#[test]
fn ascii_wraps_at_the_width() {
    assert_eq!(rows("abcdefg", 3), ["abc", "def", "g"]);
    assert_eq!(rows("abc", 3), ["abc"]);
    assert_eq!(rows("", 3), [""]);
}

#[test]
fn wide_characters_count_two_columns_and_are_never_split() {
    // Four CJK characters are eight columns: at width 5, two fit per row.
    assert_eq!(
        rows("\u{4e00}\u{4e8c}\u{4e09}\u{56db}", 5),
        ["\u{4e00}\u{4e8c}", "\u{4e09}\u{56db}"]
    );
    // A row too narrow for one wide character still holds it rather than looping.
    assert_eq!(rows("\u{4e00}\u{4e8c}", 1), ["\u{4e00}", "\u{4e8c}"]);
}

#[test]
fn combining_marks_and_emoji_sequences_stay_whole() {
    let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    let line = format!("ae\u{301}{family}x");
    let wrapped = rows(&line, 2);
    assert_eq!(wrapped, ["ae\u{301}", family, "x"]);
}

#[test]
fn row_count_agrees_with_wrap_rows() {
    for line in [
        "",
        "short",
        "a long line of ascii text here",
        "\u{4e00}\u{4e8c}\u{4e09}",
        "ae\u{301}\u{1f468}\u{200d}\u{1f469}x\u{4e00}",
        "na\u{ef}ve \u{fc}ber \u{e9}t\u{e9} \u{1b5}\u{2af}",
        "soft\u{ad}hyphen \u{e9}",
        "e\u{301}\u{e9}\u{e9}\u{e9}",
        "  indented words of plain text wrap at spaces",
        "  na\u{ef}ve   \u{fc}ber  wordswordswords \u{e9}",
        "\u{4e00}\u{4e8c} \u{4e09}\u{56db}\u{3000}\u{4e00} x",
    ] {
        for width in 1..12 {
            assert_eq!(
                row_count(line, width),
                wrap_rows(line, width).len(),
                "{line} {width}"
            );
        }
    }
}

#[test]
fn prose_breaks_after_the_last_space_that_fits() {
    assert_eq!(rows("the quick brown fox", 10), ["the quick ", "brown fox"]);
    assert_eq!(rows("hello world", 5), ["hello ", "world"]);
    assert_eq!(rows("a  b", 1), ["a  ", "b"]);
    assert_eq!(
        rows("gopher://example.org/1/a/very/long/path x", 10)[0],
        "gopher://e"
    );
    assert_eq!(rows("ab verylongword", 6), ["ab ", "verylo", "ngword"]);
    assert_eq!(rows("trailing   ", 8), ["trailing   "]);
}

#[test]
fn leading_indentation_is_not_a_place_to_break() {
    assert_eq!(rows("    abcdefgh", 6), ["    ab", "cdefgh"]);
    assert_eq!(rows("  to be", 5), ["  to ", "be"]);
}

#[test]
fn words_of_any_script_wrap_at_spaces_by_display_width() {
    assert_eq!(rows("naïve über café", 6), ["naïve ", "über ", "café"]);
    // Two CJK words of two characters each (four columns): one word per row at width 5.
    let cjk = "\u{4e00}\u{4e8c} \u{4e09}\u{56db}";
    assert_eq!(rows(cjk, 5), ["\u{4e00}\u{4e8c} ", "\u{4e09}\u{56db}"]);
    let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    let line = format!("hi {family} you");
    assert_eq!(rows(&line, 4), ["hi ", &format!("{family} "), "you"]);
}

#[test]
fn rows_cover_the_line_without_gaps_and_ascii_wraps_as_the_general_rule_does() {
    let words = ["a", "bb", "ccc", "dddddddd", " ", "  ", "eeeee"];
    let mut seed = 7u64;
    for _ in 0..2000 {
        let mut line = String::new();
        for _ in 0..(seed % 9) {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            line.push_str(words[(seed >> 33) as usize % words.len()]);
        }
        for width in 1..12 {
            let ascii = wrap_rows(&line, width);
            assert_eq!(ascii, by_graphemes(&line, width), "{line:?} at {width}");
            assert_eq!(ascii.first().map(|r| r.start), Some(0));
            assert_eq!(ascii.last().map(|r| r.end), Some(line.len()));
            assert!(
                ascii
                    .windows(2)
                    .all(|w| w[0].end == w[1].start && w[0].start < w[0].end)
            );
            for row in &ascii {
                let visible = line[row.clone()].trim_end_matches(' ');
                assert!(visible.len() <= width, "{line:?} at {width}: {visible:?}");
            }
        }
    }
}

#[test]
fn a_text_column_is_the_narrower_of_wrap_width_and_screen_and_centres_by_a_margin() {
    assert_eq!(
        TextColumn::new(120, 80, false),
        TextColumn {
            margin: 0,
            width: 80
        }
    );
    assert_eq!(
        TextColumn::new(120, 80, true),
        TextColumn {
            margin: 20,
            width: 80
        }
    );
    assert_eq!(
        TextColumn::new(60, 80, true),
        TextColumn {
            margin: 0,
            width: 60
        }
    );
    assert_eq!(
        TextColumn::new(101, 80, true),
        TextColumn {
            margin: 10,
            width: 80
        }
    );
    assert_eq!(
        TextColumn::new(100, 0, true),
        TextColumn {
            margin: 0,
            width: 100
        }
    );
    assert_eq!(TextColumn::new(0, 0, false).width, 1);
}

#[test]
fn sideways_windows_show_whole_characters_and_blank_a_straddled_half() {
    let line = "abcdefgh";
    assert_eq!(columns_window(line, 2, 3), (2..5, 0));
    assert_eq!(columns_window(line, 20, 3), (8..8, 0));
    // `一二三` is six columns; a window from column 1 cuts `一` in half.
    let cjk = "\u{4e00}\u{4e8c}\u{4e09}";
    assert_eq!(columns_window(cjk, 1, 4), (3..6, 1));
    assert_eq!(columns_window(cjk, 2, 4), (3..9, 0));
    assert_eq!(columns_window(cjk, 0, 3), (0..3, 0));
    let accented = "ae\u{301}io";
    assert_eq!(&accented[columns_window(accented, 1, 2).0], "e\u{301}i");
    assert_eq!(line_width(cjk), 6);
    assert_eq!(line_width(accented), 4);
}

#[test]
fn fit_width_truncates_by_columns() {
    assert_eq!(fit_width("hello", 3), "hel");
    assert_eq!(fit_width("\u{4e00}\u{4e8c}", 3), "\u{4e00}");
    assert_eq!(fit_width("hi", 10), "hi");
}

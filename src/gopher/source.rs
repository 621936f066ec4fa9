//! A reply's source, for the view-source page: every line as the server sent it, as text.
//!
//! Nothing is interpreted: menu lines are not split into items, dot-stuffed lines keep both
//! dots, and a `.` line is decided as on the text page: the terminator (shown as the last line,
//! without the empty lines that followed it) when the reply ends after it, else content. Tabs, which separate a menu line's fields, are shown as `→` padded
//! with spaces to the next multiple of eight columns, so the fields stay visible and roughly
//! aligned. The text is decoded in the chosen `Encoding` and sanitised like any other page, so
//! control characters and escape sequences never reach the screen.

use super::encoding::Encoding;
use super::sanitize::sanitize;
use super::text::TextDoc;
use super::text_parser::{LineRule, TextParser};
use unicode_width::UnicodeWidthStr;

/// How a tab is shown in the source view.
pub const TAB_MARK: char = '→';
const TAB_STOP: usize = 8;

/// A parser that appends a reply's source lines to a `TextDoc` as it streams in.
pub fn source_parser(encoding: Encoding) -> TextParser {
    TextParser::with_rule(
        encoding,
        LineRule {
            display: show_tabs,
            verbatim: true,
        },
    )
}

/// One line of source with its control characters removed and each tab shown as `TAB_MARK`
/// padded to the next tab stop. Fields are sanitised one by one, so an escape sequence cannot
/// swallow a tab.
pub fn show_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut column = 0;
    for (i, field) in line.split('\t').enumerate() {
        if i > 0 {
            out.push(TAB_MARK);
            let padding = (TAB_STOP - (column + 1) % TAB_STOP) % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', padding));
            column += 1 + padding;
        }
        let field = sanitize(field);
        column += field.width();
        out.push_str(&field);
    }
    out
}

/// The source of a whole reply at once.
pub fn parse_source(bytes: &[u8], encoding: Encoding) -> TextDoc {
    source_parser(encoding).parse_whole(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(doc: &TextDoc) -> Vec<&str> {
        doc.lines().collect()
    }

    #[test]
    fn menu_lines_keep_their_fields_with_visible_tabs_and_the_terminator() {
        let doc = parse_source(
            b"1Docs\t/docs\thost\t70\r\n..stuffed\r\n.\r\n",
            Encoding::Auto,
        );
        assert_eq!(
            lines(&doc),
            [
                "1Docs\u{2192}  /docs\u{2192}  host\u{2192}   70",
                "..stuffed",
                "."
            ]
        );
    }

    #[test]
    fn a_tab_on_a_stop_still_shows_its_mark() {
        assert_eq!(show_tabs("1234567\tx"), "1234567\u{2192}x");
        assert_eq!(show_tabs("\t"), "\u{2192}       ");
        assert_eq!(show_tabs("\u{4e2d}\tx"), "\u{4e2d}\u{2192}     x");
    }

    #[test]
    fn control_characters_and_escapes_are_removed_and_cannot_swallow_a_tab() {
        let doc = parse_source(
            b"0\x1b[31mred\x1b]0;t\x07\t/s\x1b\x9b\r\n",
            Encoding::Latin1,
        );
        assert_eq!(lines(&doc), ["0red\u{2192}   /s"]);
        assert_eq!(show_tabs("a\x1b]0;\tb"), "a\u{2192}      b");
        assert!(doc.lines().all(|l| !l.chars().any(char::is_control)));
    }

    #[test]
    fn lines_are_decoded_in_the_chosen_encoding() {
        assert_eq!(
            parse_source(b"\xc9\xcd\xbb", Encoding::Cp437).line(0),
            "\u{2554}\u{2550}\u{2557}"
        );
        let auto = parse_source(b"caf\xe9", Encoding::Auto);
        assert_eq!(auto.line(0), "caf\u{e9}");
        assert!(auto.fell_back_to_latin1());
    }

    #[test]
    fn a_dot_line_is_decided_as_on_the_page_and_streaming_changes_nothing() {
        let input = b"a\tb\r\n..c\r\n.\r\nd\r\n.\r\n\r\n";
        let mut doc = TextDoc::default();
        let mut parser = source_parser(Encoding::Auto);
        for chunk in input.chunks(1) {
            parser.push(&mut doc, chunk);
        }
        assert!(parser.awaits_end());
        parser.finish(&mut doc);
        assert_eq!(doc, parse_source(input, Encoding::Auto));
        assert_eq!(
            lines(&doc),
            ["a\u{2192}      b", "..c", ".", "d", "."],
            "a dot line with more after it is content; the last one is the terminator"
        );
    }
}

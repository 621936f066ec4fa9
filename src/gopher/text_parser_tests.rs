//! Tests of the text parser: dot lines and terminators, dot-stuffing, streaming in any
//! chunks, decoding, and long lines kept in pieces.

use super::*;
use crate::gopher::text::MAX_LINE_BYTES;

fn lines(doc: &TextDoc) -> Vec<&str> {
    doc.lines().collect()
}

#[test]
fn a_dot_line_followed_by_more_is_content_and_one_at_the_end_is_the_terminator() {
    let doc = parse_text(b"one\r\n.\r\nafter\r\n.\r\n");
    assert_eq!(lines(&doc), ["one", ".", "after"]);
    let doc = parse_text(b"one\n.\n\n\r\n");
    assert_eq!(
        lines(&doc),
        ["one"],
        "empty lines after the terminator are dropped"
    );
    let doc = parse_text(b"one\n.\n\nmore");
    assert_eq!(lines(&doc), ["one", ".", "", "more"]);
    let doc = parse_text(b"a\n.\n.\n");
    assert_eq!(
        lines(&doc),
        ["a", "."],
        "the last of two dot lines ends the reply"
    );
}

#[test]
fn a_missing_terminator_is_normal() {
    assert_eq!(lines(&parse_text(b"one\ntwo")), ["one", "two"]);
}

#[test]
fn dot_stuffed_lines_lose_one_dot_only_when_the_terminator_ended_the_reply() {
    let doc = parse_text(b"..hidden\r\n...three\r\n.single\r\n.\r\n");
    assert_eq!(lines(&doc), [".hidden", "..three", ".single"]);
    let raw = parse_text(b"..hidden\r\n...three\r\n.single\r\n");
    assert_eq!(lines(&raw), ["..hidden", "...three", ".single"]);
    let mut parser = TextParser::default();
    let doc = {
        let mut doc = TextDoc::default();
        parser.push(&mut doc, b"..a\r\nb\r\n..c\r\n.\r\n");
        parser.finish(&mut doc);
        doc
    };
    assert!(parser.ended_with_terminator());
    assert_eq!(lines(&doc), [".a", "b", ".c"]);
}

#[test]
fn a_held_dot_line_shows_as_soon_as_more_arrives() {
    let mut doc = TextDoc::default();
    let mut parser = TextParser::default();
    parser.push(&mut doc, b"one\r\n.\r\n");
    assert_eq!(lines(&doc), ["one"]);
    assert!(parser.awaits_end());
    parser.push(&mut doc, b"\r\n\r");
    assert!(parser.awaits_end(), "empty lines keep it waiting");
    parser.push(&mut doc, b"\nx");
    assert!(!parser.awaits_end());
    assert_eq!(
        lines(&doc),
        ["one", ".", "", ""],
        "shown before the line ends"
    );
    parser.push(&mut doc, b"\n");
    parser.finish(&mut doc);
    assert_eq!(lines(&doc), ["one", ".", "", "", "x"]);
    assert!(!parser.ended_with_terminator());
}

#[test]
fn a_cut_reply_shows_a_held_dot_line_and_the_last_partial_line() {
    let mut doc = TextDoc::default();
    let mut parser = TextParser::default();
    parser.push(&mut doc, b"..one\r\n.\r\n");
    parser.finish_cut(&mut doc);
    assert_eq!(lines(&doc), ["..one", "."]);
    let mut doc = TextDoc::default();
    let mut parser = TextParser::default();
    parser.push(&mut doc, b"one\r\npart");
    parser.finish_cut(&mut doc);
    assert_eq!(lines(&doc), ["one", "part"]);
}

#[test]
fn lines_are_decoded_and_sanitised() {
    let doc = parse_text(b"caf\xe9\r\n\x1b[31mred\x1b[0m\r\n\xe4\xb8\xad\r\n");
    assert_eq!(lines(&doc), ["caf\u{e9}", "red", "\u{4e2d}"]);
}

#[test]
fn the_chosen_encoding_decodes_every_line_and_auto_reports_a_fall_back() {
    let input = b"caf\xe9\r\n\xc9\xcd\xbb\r\n";
    let auto = parse_text(input);
    assert_eq!(lines(&auto), ["caf\u{e9}", "\u{c9}\u{cd}\u{bb}"]);
    assert!(auto.fell_back_to_latin1());
    let cp437 = parse_text_as(input, Encoding::Cp437);
    assert_eq!(lines(&cp437), ["caf\u{398}", "\u{2554}\u{2550}\u{2557}"]);
    assert!(!cp437.fell_back_to_latin1());
    let utf8 = parse_text_as(input, Encoding::Utf8);
    assert_eq!(utf8.line(0), "caf\u{fffd}");
    assert!(!parse_text("caf\u{e9}\n".as_bytes()).fell_back_to_latin1());
}

#[test]
fn streaming_in_one_byte_chunks_gives_the_same_document() {
    let input = b"alpha\r\n..beta\r\ngamma\r\n.\r\n";
    let mut doc = TextDoc::default();
    let mut parser = TextParser::default();
    for b in input {
        parser.push(&mut doc, std::slice::from_ref(b));
    }
    parser.finish(&mut doc);
    assert_eq!(doc, parse_text(input));
}

#[test]
fn very_long_lines_are_stored_in_pieces_without_splitting_characters() {
    let long = "\u{4e2d}".repeat(10_000); // 30,000 bytes
    let doc = parse_text(format!("{long}\r\nnext\r\n").as_bytes());
    assert_eq!(doc.line_count(), 5);
    assert!(doc.lines().all(|l| l.len() <= MAX_LINE_BYTES));
    let joined: String = doc.lines().take(4).collect();
    assert_eq!(joined, long);
    assert_eq!(doc.line(4), "next");
}

#[test]
fn a_long_line_shows_in_pieces_while_it_arrives_and_ends_as_the_whole_parse() {
    let long = "word \u{4e2d}\u{301} ".repeat(20_000); // 200,000 bytes, combining marks
    let input = format!("..{long}\r\nnext\r\n.\r\n");
    let mut doc = TextDoc::default();
    let mut parser = TextParser::default();
    let mut shown_before_the_line_ended = 0;
    for chunk in input.as_bytes().chunks(1000) {
        parser.push(&mut doc, chunk);
        if !chunk.contains(&b'\n') {
            shown_before_the_line_ended = doc.line_count();
        }
    }
    assert!(
        shown_before_the_line_ended >= 20,
        "{shown_before_the_line_ended}"
    );
    parser.finish(&mut doc);
    assert_eq!(doc, parse_text(input.as_bytes()));
    assert!(doc.lines().all(|l| l.len() <= MAX_LINE_BYTES));
    let last = doc.line_count() - 1;
    let joined: String = doc.lines().take(last).collect();
    assert_eq!(
        joined,
        format!(".{long}"),
        "one dot unstuffed, nothing else"
    );
    assert!(
        doc.lines().all(|l| !l.starts_with('\u{301}')),
        "no piece starts inside a grapheme cluster"
    );
    assert_eq!(doc.line(last), "next");
}

#[test]
fn a_reply_with_no_line_feed_shows_what_arrived() {
    let mut doc = TextDoc::default();
    let mut parser = TextParser::default();
    for _ in 0..100 {
        parser.push(&mut doc, &[b'x'; 10_000]);
    }
    assert!(doc.line_count() >= 100, "{}", doc.line_count());
    parser.finish_cut(&mut doc);
    assert_eq!(doc.lines().map(str::len).sum::<usize>(), 1_000_000);
}

#[test]
fn line_past_the_end_is_empty() {
    let doc = TextDoc::from_lines(["a"]);
    assert_eq!(doc.line(0), "a");
    assert_eq!(doc.line(5), "");
}

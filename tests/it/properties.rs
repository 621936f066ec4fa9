//! Property tests (proptest) for the protocol core: for any input, the URL parser and the menu
//! and text parsers never panic, formatting a URL and parsing it back gives the same request,
//! chunking never changes a parse, and counts of lines and items follow from the input, in
//! every encoding and in the view-source form.

use burrow::gopher::menu::{MenuParser, parse_menu, parse_menu_as};
use burrow::gopher::source::{parse_source, source_parser};
use burrow::gopher::text_parser::{TextParser, parse_text, parse_text_as};
use burrow::gopher::url::Protocol;
use burrow::gopher::{Encoding, GopherUrl, ItemType, Menu, TextDoc, sanitize};
use proptest::prelude::*;

/// Every line: split on LF, one trailing CR stripped, a final line without LF still counts.
fn all_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if bytes.ends_with(b"\n") || bytes.is_empty() {
        lines.pop();
    }
    lines
        .into_iter()
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .collect()
}

/// A menu's lines: everything from a line that is exactly "." on is ignored.
fn protocol_lines(bytes: &[u8]) -> Vec<&[u8]> {
    all_lines(bytes)
        .into_iter()
        .take_while(|l| *l != b".")
        .collect()
}

/// A text's lines, and whether it ended with the terminator: a "." line ends it only when
/// nothing but empty lines follows (real servers send files raw).
fn text_lines(bytes: &[u8]) -> (Vec<&[u8]>, bool) {
    let mut lines = all_lines(bytes);
    let mut end = lines.len();
    while end > 0 && lines[end - 1].is_empty() {
        end -= 1;
    }
    let terminated = end > 0 && lines[end - 1] == b".";
    if terminated {
        lines.truncate(end - 1);
    }
    (lines, terminated)
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        // The last label starts with a letter: a numeric one makes an IPv4 address.
        "([a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?\\.){0,3}[a-z]([a-z0-9-]{0,8}[a-z0-9])?",
        any::<std::net::Ipv4Addr>().prop_map(|a| a.to_string()),
        any::<std::net::Ipv6Addr>().prop_map(|a| a.to_string()),
    ]
}

/// Bytes Gopher can send in a selector or query: anything but NUL, CR, LF and TAB.
fn sendable_bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        any::<u8>().prop_filter("sendable", |b| !matches!(b, 0 | b'\r' | b'\n' | b'\t')),
        0..40,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn url_format_then_parse_gives_the_same_request(
        tls in any::<bool>(),
        host in host(),
        port in 1u16..=65535,
        item_type in 0x21u8..=0x7e,
        selector in sendable_bytes(),
        query in proptest::option::of(sendable_bytes()),
        gopher_plus in proptest::option::of(sendable_bytes()),
    ) {
        // A Gopher+ string follows a search (an empty one when there is none).
        let query = if gopher_plus.is_some() { Some(query.unwrap_or_default()) } else { query };
        let url = GopherUrl { protocol: Protocol::Gopher, tls, host, port, item_type: ItemType(item_type), selector, query, gopher_plus };
        let text = url.to_string();
        prop_assert!(text.bytes().all(|b| b.is_ascii_graphic()), "{}", text);
        let back = GopherUrl::parse(&text).expect("a formatted URL parses");
        prop_assert_eq!(back.request_line(), url.request_line());
        prop_assert_eq!(back, url);
    }

    #[test]
    fn url_parsing_never_panics_on_any_text(input in ".{0,80}") {
        let _ = GopherUrl::parse(&input);
    }

    #[test]
    fn url_parsing_never_panics_on_url_like_text(
        input in "(gophers?://)?\\[?[a-f0-9:.]{0,20}\\]?(:[0-9]{0,6})?(/[0-9a-z%]{0,3}[^\\n]{0,20})?"
    ) {
        if let Ok(url) = GopherUrl::parse(&input) {
            prop_assert_eq!(GopherUrl::parse(&url.to_string()), Ok(url));
        }
    }

    #[test]
    fn a_fragment_never_changes_the_request(
        host in host(),
        item_type in 0x21u8..=0x7e,
        selector in sendable_bytes(),
        fragment in "[^\\s]{0,20}",
    ) {
        let url = GopherUrl::new(&host, 70, ItemType(item_type), &selector).expect("valid");
        let text = format!("{url}#{fragment}");
        prop_assert_eq!(GopherUrl::parse(&text).map(|u| u.request_line()), Ok(url.request_line()));
    }

    #[test]
    fn a_path_starting_with_non_ascii_is_refused_and_typed_utf8_selectors_are_sent_as_utf8(
        first in any::<char>().prop_filter("not ASCII, not space", |c| !c.is_ascii() && !c.is_whitespace()),
        selector in "[^\\s#?%\\x00-\\x1f\\x7f]{0,20}",
    ) {
        let typed = format!("gopher://h/{first}{selector}");
        prop_assert!(GopherUrl::parse(&typed).is_err());
        let url = GopherUrl::parse(&format!("gopher://h/0{first}{selector}")).expect("a selector may be UTF-8");
        prop_assert_eq!(url.selector, format!("{first}{selector}").into_bytes());
    }

    #[test]
    fn menus_have_one_item_per_line_before_the_terminator(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let menu = parse_menu(&bytes);
        prop_assert_eq!(menu.len(), protocol_lines(&bytes).len());
        for item in menu.items() {
            prop_assert_eq!(sanitize(item.display), item.display.to_owned());
        }
    }

    #[test]
    fn menu_lines_from_mixed_fields_never_panic_and_keep_their_count(
        lines in proptest::collection::vec(
            ("[0-9a-zA-Z+:;<i]", "[^\\t\\r\\n]{0,20}", "[^\\t\\r\\n]{0,10}", "[a-z.:]{0,10}", "[0-9a-z]{0,6}"),
            0..30,
        )
    ) {
        let text: String = lines
            .iter()
            .map(|(t, d, s, h, p)| format!("{t}{d}\t{s}\t{h}\t{p}\r\n"))
            .collect();
        let menu = parse_menu(text.as_bytes());
        prop_assert_eq!(menu.len(), protocol_lines(text.as_bytes()).len());
        for item in menu.items() {
            if item.url().is_ok() {
                prop_assert!(item.port >= 1);
                prop_assert!(!item.host.is_empty());
            }
        }
    }

    #[test]
    fn texts_have_one_line_per_line_but_a_closing_dot_line(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let doc = parse_text(&bytes);
        prop_assert_eq!(doc.line_count(), text_lines(&bytes).0.len());
        for line in doc.lines() {
            prop_assert!(!line.chars().any(char::is_control));
        }
    }

    #[test]
    fn a_dot_line_ends_a_text_only_at_its_end_and_unstuffing_follows_however_it_is_chunked(
        lines in proptest::collection::vec(
            prop_oneof![Just("."), Just("..a"), Just("..."), Just(""), Just("text")],
            0..12,
        ),
        cut in 1usize..8,
    ) {
        let bytes = lines.iter().map(|l| format!("{l}\r\n")).collect::<String>();
        let (expected, terminated) = text_lines(bytes.as_bytes());
        let expected: Vec<String> = expected
            .iter()
            .map(|l| {
                let line = String::from_utf8_lossy(l).into_owned();
                match line.strip_prefix('.') {
                    Some(rest) if terminated && rest.starts_with('.') => rest.to_owned(),
                    _ => line,
                }
            })
            .collect();
        let mut doc = TextDoc::default();
        let mut parser = TextParser::default();
        for chunk in bytes.as_bytes().chunks(cut) {
            parser.push(&mut doc, chunk);
        }
        parser.finish(&mut doc);
        prop_assert_eq!(doc.lines().collect::<Vec<_>>(), expected);
        prop_assert_eq!(parser.ended_with_terminator(), terminated);
    }

    #[test]
    fn chunking_never_changes_a_parse(
        bytes in proptest::collection::vec(any::<u8>(), 0..1500),
        cuts in proptest::collection::vec(1usize..64, 1..20),
    ) {
        let mut menu = Menu::default();
        let mut doc = TextDoc::default();
        let (mut menu_parser, mut text_parser) = (MenuParser::default(), TextParser::default());
        let mut rest = &bytes[..];
        for cut in cuts.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (head, tail) = rest.split_at((*cut).min(rest.len()));
            menu_parser.push(&mut menu, head);
            text_parser.push(&mut doc, head);
            rest = tail;
        }
        menu_parser.finish(&mut menu);
        text_parser.finish(&mut doc);
        prop_assert_eq!(menu, parse_menu(&bytes));
        prop_assert_eq!(doc, parse_text(&bytes));
    }

    #[test]
    fn every_encoding_and_the_source_view_keep_line_counts_and_show_no_control(
        bytes in proptest::collection::vec(any::<u8>(), 0..1500),
        encoding in prop_oneof![
            Just(Encoding::Auto),
            Just(Encoding::Utf8),
            Just(Encoding::Latin1),
            Just(Encoding::Cp437),
        ],
        cut in 1usize..64,
    ) {
        let (lines, terminated) = text_lines(&bytes);
        let doc = parse_text_as(&bytes, encoding);
        let menu = parse_menu_as(&bytes, encoding);
        let source = parse_source(&bytes, encoding);
        prop_assert_eq!(doc.line_count(), lines.len());
        prop_assert_eq!(menu.len(), protocol_lines(&bytes).len());
        // The source also shows the terminator, when there is one.
        prop_assert_eq!(source.line_count(), lines.len() + usize::from(terminated));
        for line in doc.lines().chain(source.lines()).chain(menu.items().map(|i| i.display)) {
            prop_assert!(!line.chars().any(char::is_control));
        }
        let mut streamed = TextDoc::default();
        let mut parser = source_parser(encoding);
        for chunk in bytes.chunks(cut) {
            parser.push(&mut streamed, chunk);
        }
        parser.finish(&mut streamed);
        prop_assert_eq!(streamed, source);
    }

    #[test]
    fn sanitised_text_never_contains_a_control(input in any::<String>()) {
        prop_assert!(!sanitize(&input).chars().any(char::is_control));
    }
}

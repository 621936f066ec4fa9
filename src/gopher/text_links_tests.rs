//! Tests of finding URLs in text, on lines in the shape of real phlogs and READMEs.

use super::*;
use crate::gopher::text_parser::parse_text;

fn urls(line: &str) -> Vec<(&str, LinkScheme)> {
    scan_line(line)
        .into_iter()
        .map(|(range, scheme)| (&line[range], scheme))
        .collect()
}

#[test]
fn every_scheme_is_found_where_prose_mentions_it() {
    use LinkScheme::*;
    let line = "Try gopher://sdf.org/1/users/x, gophers://tls.example/ or finger://sdf.org/user; \
                see http://a.example and https://b.example/p?q=1, gemini://c.example/ and \
                mailto:admin@example.org!";
    assert_eq!(
        urls(line),
        [
            ("gopher://sdf.org/1/users/x", Gopher),
            ("gophers://tls.example/", Gophers),
            ("finger://sdf.org/user", Finger),
            ("http://a.example", Http),
            ("https://b.example/p?q=1", Https),
            ("gemini://c.example/", Gemini),
            ("mailto:admin@example.org", Mailto),
        ]
    );
}

#[test]
fn sentence_punctuation_and_an_unopened_bracket_are_not_part_of_the_url() {
    // A Markdown phlog post, as sent raw by a Jekyll-built gopher hole.
    let line = "You can find my own gopherspace hosted [here](gopher://sdf.org/1/users/echosa) \
                at [SDF](http://sdf.org).";
    assert_eq!(
        urls(line).iter().map(|u| u.0).collect::<Vec<_>>(),
        ["gopher://sdf.org/1/users/echosa", "http://sdf.org"]
    );
    assert_eq!(urls("(see gopher://x.org/1/)")[0].0, "gopher://x.org/1/");
    assert_eq!(urls("it is at gopher://x.org/.")[0].0, "gopher://x.org/");
    assert_eq!(urls("really? https://x.org/?!")[0].0, "https://x.org/");
    assert_eq!(
        urls("'gopher://x.org/0/a.txt'")[0].0,
        "gopher://x.org/0/a.txt"
    );
    assert_eq!(urls("*gopher://x.org/*")[0].0, "gopher://x.org/");
}

#[test]
fn brackets_the_url_opens_stay_and_a_url_inside_a_url_is_one_link() {
    let wiki = "[1]: http://en.wikipedia.org/wiki/Gopher_(protocol)";
    assert_eq!(
        urls(wiki)[0].0,
        "http://en.wikipedia.org/wiki/Gopher_(protocol)"
    );
    let proxied = "articles about [gopher today](http://gopher.floodgap.com/gopher/gw?\
                   gopher://gopher.floodgap.com:70/1/gopher). Worth a glance.";
    assert_eq!(
        urls(proxied),
        [(
            "http://gopher.floodgap.com/gopher/gw?gopher://gopher.floodgap.com:70/1/gopher",
            LinkScheme::Http
        )]
    );
}

#[test]
fn a_markdown_link_whose_text_is_its_url_is_two_links_each_ending_at_its_bracket() {
    // From a real phlog post in Markdown: the link text is the URL itself.
    let line = "- [https://en.wikipedia.org/wiki/History_of_the_Internet#From_Gopher_to_the_WWW]\
                (https://en.wikipedia.org/wiki/History_of_the_Internet#From_Gopher_to_the_WWW)";
    let url = "https://en.wikipedia.org/wiki/History_of_the_Internet#From_Gopher_to_the_WWW";
    assert_eq!(
        urls(line).iter().map(|u| u.0).collect::<Vec<_>>(),
        [url, url]
    );
    let nested = "[Gopher](<https://en.wikipedia.org/wiki/Gopher_(protocol)#Source_code>)";
    assert_eq!(
        urls(nested)[0].0,
        "https://en.wikipedia.org/wiki/Gopher_(protocol)#Source_code"
    );
    assert_eq!(
        urls("gopher://[::1]:7070/1/")[0].0,
        "gopher://[::1]:7070/1/"
    );
}

#[test]
fn a_scheme_must_start_a_word_and_have_something_after_it() {
    assert_eq!(urls("xhttp://no.example"), []);
    assert_eq!(urls("2gopher://no.example"), []);
    assert_eq!(urls("gopher:// alone, http:, mailto: and https://"), []);
    assert_eq!(urls("gopher:/one-slash.example"), []);
    assert_eq!(
        urls("URL:gopher://yes.example/")[0].0,
        "gopher://yes.example/"
    );
    assert_eq!(
        urls("HTTPS://Upper.Example/")[0],
        ("HTTPS://Upper.Example/", LinkScheme::Https)
    );
    assert_eq!(
        urls("<gopher://angle.example/1/>")[0].0,
        "gopher://angle.example/1/"
    );
}

#[test]
fn urls_stop_at_quotes_and_typographic_punctuation_but_keep_letters_of_any_script() {
    assert_eq!(urls("“gopher://q.example/”")[0].0, "gopher://q.example/");
    assert_eq!(
        urls("gopher://d.example/—and more")[0].0,
        "gopher://d.example/"
    );
    assert_eq!(
        urls("see \"https://q.example/a b\"")[0].0,
        "https://q.example/a"
    );
    assert_eq!(
        urls("gopher://ü.example/Straße…")[0].0,
        "gopher://ü.example/Straße"
    );
}

#[test]
fn a_line_records_at_most_the_bounded_number_of_links() {
    let line = "gopher://a.example/ ".repeat(MAX_LINKS_PER_LINE + 10);
    assert_eq!(scan_line(&line).len(), MAX_LINKS_PER_LINE);
}

#[test]
fn a_parsed_document_lists_its_links_by_line_once() {
    let doc = parse_text(
        b"Phlog entry 2024-03-01\r\n\r\nMore at gopher://sdf.org/1/phlogs/ and\r\n\
          https://example.org/feed.xml (the feed).\r\n",
    );
    let links = doc.links();
    assert_eq!(links.len(), 2);
    assert_eq!((links[0].line, links[0].scheme), (2, LinkScheme::Gopher));
    assert_eq!(doc.link_text(&links[0]), "gopher://sdf.org/1/phlogs/");
    assert_eq!(doc.link_text(&links[1]), "https://example.org/feed.xml");
    assert_eq!(doc.links_on(3), &links[1..]);
    assert_eq!(doc.links_on(0), []);
    assert_eq!(doc.links_on(99), []);
}

#[test]
fn links_on_dot_stuffed_lines_move_with_the_dot_taken_off() {
    let doc = parse_text(b"..see gopher://a.example/\r\nplain gopher://b.example/\r\n.\r\n");
    let texts: Vec<&str> = doc.links().iter().map(|l| doc.link_text(l)).collect();
    assert_eq!(texts, ["gopher://a.example/", "gopher://b.example/"]);
    assert_eq!(doc.line(0), ".see gopher://a.example/");
}

#[test]
fn a_link_in_a_long_line_kept_in_pieces_is_found_in_its_piece() {
    let mut body = "x".repeat(9000).into_bytes();
    body.extend_from_slice(b" gopher://late.example/1/\r\n");
    let doc = parse_text(&body);
    assert!(doc.line_count() >= 2);
    let link = doc.links().first().expect("found");
    assert!(link.line >= 1);
    assert_eq!(doc.link_text(link), "gopher://late.example/1/");
}

#[test]
fn hostile_lines_never_panic_the_scanner() {
    let pieces = [
        "gopher:", "//", "(", ")", "]", ".", "é", "\u{200b}", "mailto:", " ", "a",
    ];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                for d in pieces {
                    let line = format!("{a}{b}{c}{d}");
                    for (range, _) in scan_line(&line) {
                        assert!(
                            line.is_char_boundary(range.start) && line.is_char_boundary(range.end)
                        );
                    }
                }
            }
        }
    }
}

//! Table tests for `url.rs` and `url_host.rs`: the accepted forms, the refusals and their
//! reasons, formatting round trips, and one table per RFC rule.

use super::*;

fn url(host: &str, port: u16, t: u8, selector: &[u8], query: Option<&[u8]>) -> GopherUrl {
    GopherUrl {
        protocol: Protocol::Gopher,
        tls: false,
        host: host.into(),
        port,
        item_type: ItemType(t),
        selector: selector.into(),
        query: query.map(Into::into),
        gopher_plus: None,
    }
}

#[test]
fn parses_the_accepted_forms() {
    let table: &[(&str, GopherUrl)] = &[
        (
            "gopher://example.org",
            url("example.org", 70, b'1', b"", None),
        ),
        (
            "gopher://example.org/",
            url("example.org", 70, b'1', b"", None),
        ),
        (
            "GOPHER://Example.ORG:7070/",
            url("example.org", 7070, b'1', b"", None),
        ),
        ("example.org./", url("example.org", 70, b'1', b"", None)),
        ("[0:0::1]:70/", url("::1", 70, b'1', b"", None)),
        ("example.org", url("example.org", 70, b'1', b"", None)),
        ("  example.org  ", url("example.org", 70, b'1', b"", None)),
        (
            "example.org:71/1/path",
            url("example.org", 71, b'1', b"/path", None),
        ),
        (
            "gopher://h/0/docs/a%20b.txt",
            url("h", 70, b'0', b"/docs/a b.txt", None),
        ),
        (
            "gopher://h/7/find%09cats%20dogs",
            url("h", 70, b'7', b"/find", Some(b"cats dogs")),
        ),
        ("[::1]:7070", url("::1", 7070, b'1', b"", None)),
        (
            "gopher://[2001:db8::1]/0x",
            url("2001:db8::1", 70, b'0', b"x", None),
        ),
        ("gopher://h/9%FF%FE", url("h", 70, b'9', b"\xff\xfe", None)),
        ("gopher://h/0100%", url("h", 70, b'0', b"100%", None)),
        ("gopher://h:/1", url("h", 70, b'1', b"", None)),
        (
            "example.org/0/URL:http://x",
            url("example.org", 70, b'0', b"/URL:http://x", None),
        ),
        ("localhost:7070", url("localhost", 7070, b'1', b"", None)),
    ];
    for (input, expected) in table {
        assert_eq!(GopherUrl::parse(input).as_ref(), Ok(expected), "{input}");
    }
}

#[test]
fn rejects_bad_input_with_a_reason() {
    let table: &[(&str, UrlError)] = &[
        ("", UrlError::Empty),
        ("http://x/", UrlError::UnsupportedScheme("http".into())),
        ("gopher:///1/x", UrlError::MissingHost),
        ("h:0/", UrlError::BadPort("0".into())),
        ("h:65536/", UrlError::BadPort("65536".into())),
        ("h:7o/", UrlError::BadPort("7o".into())),
        ("h:-1/", UrlError::BadPort("-1".into())),
        ("::1", UrlError::BadHost("::1".into())),
        ("[::g]/", UrlError::BadHost("[::g]".into())),
        (
            "h/0a%00b",
            UrlError::ForbiddenByte {
                byte: 0,
                part: RequestPart::Selector,
            },
        ),
        (
            "h/0a%0Db",
            UrlError::ForbiddenByte {
                byte: b'\r',
                part: RequestPart::Selector,
            },
        ),
        (
            "h/7a%09b%0Ac",
            UrlError::ForbiddenByte {
                byte: b'\n',
                part: RequestPart::Query,
            },
        ),
        ("ho st/", UrlError::BadHost("ho st".into())),
        (
            "gopher:/example.org/",
            UrlError::Malformed("gopher: must be followed by //".into()),
        ),
        ("about:blah", UrlError::UnsupportedScheme("about".into())),
        ("...", UrlError::BadHost("...".into())),
        ("a..b/", UrlError::BadHost("a..b".into())),
        (".example.org/", UrlError::BadHost(".example.org".into())),
    ];
    for (input, expected) in table {
        assert_eq!(GopherUrl::parse(input).as_ref(), Err(expected), "{input}");
    }
}

#[test]
fn formats_as_printable_ascii_and_round_trips_to_the_same_request() {
    let cases = [
        url("example.org", 70, b'1', b"", None),
        url("example.org", 7070, b'0', b"/a b/c%d?e#f", None),
        url("::1", 70, b'7', b"/search", Some(b"two words\xe9")),
        url("h", 70, b'9', b"\x01\x7f\xff\x1b[2J", None),
        url("h", 70, b'1', b"", Some(b"")),
    ];
    for original in cases {
        let text = original.to_string();
        assert!(text.bytes().all(|b| b.is_ascii_graphic()), "{text}");
        let back = GopherUrl::parse(&text).expect("formatted URL parses");
        assert_eq!(back, original, "{text}");
        assert_eq!(back.request_line(), original.request_line());
    }
    assert_eq!(url("h", 70, b'1', b"", None).to_string(), "gopher://h/");
    assert_eq!(
        url("::1", 7070, b'0', b"/x", None).to_string(),
        "gopher://[::1]:7070/0/x"
    );
}

#[test]
fn gophers_urls_use_tls_default_to_port_70_and_round_trip() {
    let parsed = GopherUrl::parse("gophers://example.org/0/a").expect("parses");
    assert!(parsed.tls);
    assert_eq!(parsed.port, 70);
    assert_eq!(parsed.to_string(), "gophers://example.org/0/a");
    let v6 = GopherUrl::parse("GOPHERS://[::1]:7443/").expect("parses");
    assert!(v6.tls);
    assert_eq!(v6.to_string(), "gophers://[::1]:7443/");
    assert!(!GopherUrl::parse("example.org").expect("parses").tls);
    assert_eq!(
        GopherUrl::parse("gophers:x"),
        Err(UrlError::Malformed(
            "gophers: must be followed by //".into()
        ))
    );
}

#[test]
fn request_line_is_selector_tab_query_crlf() {
    assert_eq!(
        url("h", 70, b'1', b"/dir", None).request_line(),
        b"/dir\r\n"
    );
    assert_eq!(
        url("h", 70, b'7', b"/s", Some(b"q")).request_line(),
        b"/s\tq\r\n"
    );
}

#[test]
fn menu_links_with_bad_hosts_or_selectors_are_refused() {
    assert!(GopherUrl::new("host", 70, ItemType::TEXT, b"/ok").is_ok());
    assert_eq!(
        GopherUrl::new("Example.ORG.", 70, ItemType::TEXT, b"/").map(|u| u.host),
        Ok("example.org".to_owned())
    );
    assert!(GopherUrl::new("ho\x1bst", 70, ItemType::TEXT, b"/").is_err());
    assert!(GopherUrl::new("host", 70, ItemType::TEXT, b"/a\nb").is_err());
    assert!(GopherUrl::new("", 70, ItemType::TEXT, b"/").is_err());
}

#[test]
fn ports_are_digits_from_1_to_65535() {
    assert_eq!(parse_port(b"70"), Some(70));
    assert_eq!(parse_port(b"65535"), Some(65535));
    for bad in [
        &b""[..],
        b"0",
        b"65536",
        b"99999999999",
        b"+70",
        b" 70",
        b"7a",
    ] {
        assert_eq!(parse_port(bad), None, "{bad:?}");
    }
}

fn request_of(input: &str) -> Result<Vec<u8>, UrlError> {
    GopherUrl::parse(input).map(|u| u.request_line())
}

#[test]
fn a_fragment_is_never_sent_and_a_hash_in_a_selector_is_written_as_percent_23() {
    let table: &[(&str, &[u8])] = &[
        ("gopher://h/0/a.txt#top", b"/a.txt\r\n"),
        ("gopher://h/1/dir#", b"/dir\r\n"),
        ("gopher://h#frag", b"\r\n"),
        ("gopher://h:7070#x/0/y", b"\r\n"),
        ("gopher://h/0/a%23b", b"/a#b\r\n"),
        ("gopher://h/7/s%09q#frag", b"/s\tq\r\n"),
        ("gopher://h/7/s?q#frag", b"/s\tq\r\n"),
    ];
    for (input, request) in table {
        assert_eq!(request_of(input).as_deref(), Ok(*request), "{input}");
    }
    let hashed = url("h", 70, b'0', b"/a#b", None);
    assert_eq!(hashed.to_string(), "gopher://h/0/a%23b");
    assert_eq!(GopherUrl::parse(&hashed.to_string()), Ok(hashed));
}

#[test]
fn gopher_plus_strings_are_sent_after_the_search_even_an_empty_one() {
    let table: &[(&str, &[u8])] = &[
        ("gopher://h/1/sel%09search%09+", b"/sel\tsearch\t+\r\n"),
        ("gopher://h/1/dir%09%09+", b"/dir\t\t+\r\n"),
        ("gopher://h/1dir%09%09!", b"dir\t\t!\r\n"),
        ("gopher://h/7/s%09q%09+", b"/s\tq\t+\r\n"),
        ("gopher://h/7/s?q%09+", b"/s\tq\t+\r\n"),
        ("gopher://h/0/f%09%09$", b"/f\t\t$\r\n"),
    ];
    for (input, request) in table {
        let parsed = GopherUrl::parse(input).expect(input);
        assert_eq!(parsed.request_line(), *request, "{input}");
        let again = GopherUrl::parse(&parsed.to_string()).expect("formatted URL parses");
        assert_eq!(again, parsed, "{input} formats as {parsed}");
    }
    let parsed = GopherUrl::parse("gopher://h/1/dir%09%09+").expect("parses");
    assert_eq!(parsed.query.as_deref(), Some(&b""[..]));
    assert_eq!(parsed.gopher_plus.as_deref(), Some(&b"+"[..]));
    assert_eq!(parsed.to_string(), "gopher://h/1/dir%09%09+");
    let mut plus_only = url("h", 70, b'1', b"/d", None);
    plus_only.gopher_plus = Some(b"+".to_vec());
    assert_eq!(plus_only.request_line(), b"/d\t\t+\r\n");
    assert_eq!(
        GopherUrl::parse("gopher://h/1/d%09%09+%09x"),
        Err(UrlError::ForbiddenByte {
            byte: b'\t',
            part: RequestPart::GopherPlus
        })
    );
}

#[test]
fn only_type_7_takes_a_literal_question_mark_as_the_start_of_the_search() {
    let table: &[(&str, &[u8])] = &[
        (
            "gopher://h/7/v2/vs?gopher clients",
            b"/v2/vs\tgopher clients\r\n",
        ),
        ("gopher://h/7/vs?a?b", b"/vs\ta?b\r\n"),
        ("gopher://h/7/vs?caf%C3%A9", b"/vs\tcaf\xc3\xa9\r\n"),
        ("gopher://h/7/v%3Fs?q", b"/v?s\tq\r\n"),
        ("gopher://h/7/s%09a?b", b"/s\ta?b\r\n"),
        ("gopher://h/0/page?x=1", b"/page?x=1\r\n"),
        ("gopher://h/1/cgi?a&b", b"/cgi?a&b\r\n"),
        ("gopher://h/h/x?y", b"/x?y\r\n"),
    ];
    for (input, request) in table {
        assert_eq!(request_of(input).as_deref(), Ok(*request), "{input}");
    }
    let asks = GopherUrl::parse("gopher://h/7/vs?").expect("parses");
    assert_eq!(
        (asks.selector.as_slice(), asks.query),
        (&b"/vs"[..], None),
        "an empty search after ? asks for one"
    );
    let with_mark = url("h", 70, b'7', b"/a?b", Some(b"q"));
    assert_eq!(with_mark.to_string(), "gopher://h/7/a%3Fb%09q");
    assert_eq!(GopherUrl::parse(&with_mark.to_string()), Ok(with_mark));
    assert!(matches!(
        GopherUrl::parse("gopher://h?q"),
        Err(UrlError::Malformed(_))
    ));
}

#[test]
fn the_item_type_is_one_printable_ascii_character_and_utf8_selectors_are_sent_as_utf8() {
    let refused: &[(&str, &str)] = &[
        ("gopher://host/é", "é"),
        ("gopher://host/日本", "日"),
        ("gopher://host/%C3%A9", "%C3"),
        ("gopher://host/%1B[2J", "%1B"),
        ("gopher://host/%20x", "%20"),
        ("gopher://host/ x", " "),
    ];
    for (input, shown) in refused {
        assert_eq!(
            GopherUrl::parse(input),
            Err(UrlError::BadType((*shown).to_owned())),
            "{input}"
        );
    }
    let message = UrlError::BadType("é".into()).to_string();
    assert!(
        message.contains("one printable ASCII character"),
        "{message}"
    );
    let table: &[(&str, u8, &[u8])] = &[
        ("gopher://h/0/café.txt", b'0', "/café.txt".as_bytes()),
        ("gopher://h/0日本", b'0', "日本".as_bytes()),
        ("gopher://h/%31/x", b'1', b"/x"),
        ("gopher://h/%30%2Fa", b'0', b"/a"),
        ("gopher://h/%37s%09q", b'7', b"s"),
        ("gopher://h/%2B", b'+', b""),
    ];
    for (input, item_type, selector) in table {
        let parsed = GopherUrl::parse(input).expect(input);
        assert_eq!(parsed.item_type, ItemType(*item_type), "{input}");
        assert_eq!(parsed.selector, *selector, "{input}");
    }
    assert!(GopherUrl::new("h", 70, ItemType(0x1b), b"x").is_err());
    assert!(GopherUrl::new("h", 70, ItemType(0xc3), b"x").is_err());
}

#[test]
fn user_names_and_passwords_are_refused_and_never_sent() {
    for input in [
        "gopher://user@host/",
        "gopher://user:secret@host:70/1/x",
        "gophers://me@example.org/",
        "gopher://@host/",
        "user@host",
        "gopher://a@b@host/",
    ] {
        assert_eq!(GopherUrl::parse(input), Err(UrlError::UserInfo), "{input}");
    }
    assert!(UrlError::UserInfo.to_string().contains("nothing was sent"));
    let at_in_path = GopherUrl::parse("gopher://host/0/mail@me").expect("@ in a path is fine");
    assert_eq!(at_in_path.host, "host");
    assert_eq!(at_in_path.request_line(), b"/mail@me\r\n");
}

#[test]
fn numeric_hosts_must_be_four_plain_decimal_numbers() {
    for host in [
        "2130706433",
        "0x7f.1",
        "0x7f000001",
        "127.1",
        "127.0.1",
        "0177.0.0.1",
        "127.0.0.01",
        "256.0.0.1",
        "1.2.3.4.5",
        "example.0x10",
        "host.123",
        "0x",
    ] {
        assert_eq!(
            GopherUrl::parse(&format!("gopher://{host}/")),
            Err(UrlError::NumericHost(host.to_owned())),
            "{host}"
        );
        assert!(
            GopherUrl::new(host, 70, ItemType::TEXT, b"/").is_err(),
            "{host}"
        );
    }
    for host in [
        "127.0.0.1",
        "0.0.0.0",
        "10.255.0.9",
        "1x.org",
        "123.example",
        "0xdead.beef",
    ] {
        assert!(
            GopherUrl::parse(&format!("gopher://{host}/")).is_ok(),
            "{host}"
        );
    }
}

#[test]
fn ipv6_zone_identifiers_are_refused_with_a_reason() {
    for input in ["gopher://[fe80::1%25eth0]/", "gopher://[fe80::1%eth0]:70/"] {
        assert!(
            matches!(GopherUrl::parse(input), Err(UrlError::ZoneId(_))),
            "{input}"
        );
    }
    assert!(matches!(
        GopherUrl::parse("gopher://[v1.x]/"),
        Err(UrlError::BadHost(_))
    ));
    assert_eq!(
        GopherUrl::parse("gopher://[::FFFF:127.0.0.1]/").map(|u| u.host),
        Ok("::ffff:127.0.0.1".to_owned())
    );
}

#[test]
fn percent_encoded_host_names_are_decoded_before_they_are_checked() {
    assert_eq!(
        GopherUrl::parse("gopher://ex%61mple.ORG/").map(|u| u.host),
        Ok("example.org".to_owned())
    );
    assert!(matches!(
        GopherUrl::parse("gopher://ex%20ample/"),
        Err(UrlError::BadHost(_))
    ));
    assert!(matches!(
        GopherUrl::parse("gopher://ex%FFample/"),
        Err(UrlError::BadHost(_))
    ));
    assert_eq!(
        GopherUrl::parse("gopher://user%40host/"),
        Err(UrlError::BadHost("user@host".into()))
    );
}

//! Tests for `menu.rs`: parsing, links, numbering, encodings, limits and streaming.

use super::*;

fn summary(menu: &Menu) -> Vec<(char, String, String, String, u16)> {
    menu.items()
        .map(|i| {
            (
                char::from(i.item_type.0),
                i.display.to_owned(),
                String::from_utf8_lossy(i.selector).into_owned(),
                String::from_utf8_lossy(i.host).into_owned(),
                i.port,
            )
        })
        .collect()
}

fn row(t: char, d: &str, s: &str, h: &str, p: u16) -> (char, String, String, String, u16) {
    (t, d.into(), s.into(), h.into(), p)
}

#[test]
fn links_are_numbered_in_order_skipping_info_and_error_lines() {
    let menu = parse_menu(b"iHello\t\tx\t0\r\n1A\t/a\th\t70\r\n3oops\t\th\t1\r\n0B\t/b\th\t70\r\n");
    assert_eq!(menu.link_count(), 2);
    assert_eq!(menu.link_line(1), Some(1));
    assert_eq!(menu.link_line(2), Some(3));
    assert_eq!(menu.link_line(0), None);
    assert_eq!(menu.link_line(3), None);
    assert_eq!(menu.link_number(3), Some(2));
    assert_eq!(menu.link_number(0), None);
}

#[test]
fn parses_links_info_and_error_lines() {
    let menu = parse_menu(
        b"iWelcome\tfake\t(NULL)\t0\r\n\
          1Docs\t/docs\texample.org\t70\r\n\
          0Read me\t/readme.txt\texample.org\t7070\r\n\
          3Not found\t\terror.host\t1\r\n\
          .\r\n",
    );
    assert_eq!(
        summary(&menu),
        vec![
            row('i', "Welcome", "", "", 0),
            row('1', "Docs", "/docs", "example.org", 70),
            row('0', "Read me", "/readme.txt", "example.org", 7070),
            row('3', "Not found", "", "", 0),
        ]
    );
    assert!(!menu.is_selectable(0));
    assert!(menu.is_selectable(1));
    assert!(!menu.is_selectable(3));
}

#[test]
fn gopher_plus_fields_are_ignored_and_missing_terminator_is_fine() {
    let menu = parse_menu(b"1Plus\t/p\th\t70\t+\r\n0Last\t/l\th\t70");
    assert_eq!(
        summary(&menu),
        vec![
            row('1', "Plus", "/p", "h", 70),
            row('0', "Last", "/l", "h", 70)
        ]
    );
}

#[test]
fn bad_lines_never_drop_the_rest_and_broken_links_stay_links_that_say_why() {
    let menu = parse_menu(
        b"just some text\r\n\
          1Two fields\t/x\r\n\
          1Bad port\t/x\th\tseventy\r\n\
          1Zero port\t/x\th\t0\r\n\
          1No host\t/x\t\t70\r\n\
          \r\n\
          1Good\t/g\th\t70\r\n\
          1Plus host\t/p\t+\t70\r\n",
    );
    let rows = summary(&menu);
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[0], row('i', "just some text", "", "", 0));
    assert_eq!(rows[1], row('1', "Two fields", "/x", "", 0));
    assert_eq!(rows[2], row('1', "Bad port", "/x", "h", 0));
    assert_eq!(rows[5], row('i', "", "", "", 0));
    assert_eq!(rows[6], row('1', "Good", "/g", "h", 70));
    let reasons: Vec<String> = menu
        .items()
        .map(|i| i.url().err().map(|e| e.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(reasons[1], "no host in the address");
    assert!(reasons[2].contains("\"seventy\""), "{}", reasons[2]);
    assert!(reasons[3].contains("\"0\""), "{}", reasons[3]);
    assert_eq!(reasons[4], "no host in the address");
    assert_eq!(reasons[6], "");
    assert!(reasons[7].contains("bad host \"+\""), "{}", reasons[7]);
    for line in [1, 2, 3, 4, 6, 7] {
        assert!(menu.is_selectable(line), "line {line} is a link");
    }
    let followable: Vec<bool> = menu.items().map(|i| i.can_follow()).collect();
    assert_eq!(
        followable,
        [false, false, false, false, false, false, true, false]
    );
    assert_eq!(menu.link_count(), 6);
}

#[test]
fn web_links_without_a_usable_host_or_port_can_still_be_followed() {
    let menu = parse_menu(b"hSite\tURL:https://example.org/\t\t0\r\nhPage\t/page.html\t\t0\r\n");
    let web = menu.item(0).expect("web link");
    assert_eq!(web.web_link(), Some(&b"https://example.org/"[..]));
    assert!(web.can_follow());
    assert!(!menu.item(1).expect("page").can_follow());
    let slashed = parse_menu(b"hSite\t/URL:https://example.org/\t\t0\r\n");
    let web = slashed.item(0).expect("web link");
    assert_eq!(web.web_link(), Some(&b"https://example.org/"[..]));
}

#[test]
fn mirror_items_open_like_the_link_above_them() {
    let menu = parse_menu(
        b"1Docs\t/docs\tmain.host\t70\r\n\
          +Docs\t/docs\tmirror.host\t7070\r\n\
          +Docs\t/docs\tthird.host\t70\r\n\
          iabout the text\r\n\
          0Paper\t/p.txt\th\t70\r\n\
          +Paper\t/p.txt\tm\t70\r\n",
    );
    let opened: Vec<String> = menu
        .items()
        .filter(|i| i.is_selectable())
        .map(|i| i.url().map(|u| u.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(
        opened,
        [
            "gopher://main.host/1/docs",
            "gopher://mirror.host:7070/1/docs",
            "gopher://third.host/1/docs",
            "gopher://h/0/p.txt",
            "gopher://m/0/p.txt",
        ]
    );
    assert_eq!(menu.item(1).map(|i| i.item_type.label()), Some("MIRROR"));
    let orphan = parse_menu(b"iheader\r\n+Lost\t/x\th\t70\r\n");
    let lost = orphan.item(1).expect("mirror line");
    assert!(lost.is_selectable() && !lost.can_follow());
    assert_eq!(lost.url(), Err(UrlError::MirrorOfNothing));
}

#[test]
fn the_first_gophernicus_title_line_names_the_menu() {
    let menu = parse_menu(
        b"i  Rig test gopherhole \tTITLE\tnull.host\t1\r\n\
          i\t\tnull.host\t1\r\n\
          iSecond\tTITLE\tnull.host\t1\r\n\
          1Dir\t/d\th\t70\r\n",
    );
    assert_eq!(menu.title(), Some("Rig test gopherhole"));
    assert_eq!(
        menu.item(0).map(|i| i.display),
        Some("  Rig test gopherhole ")
    );
    assert_eq!(parse_menu(b"iNo title\t\tnull.host\t1\r\n").title(), None);
    assert_eq!(parse_menu(b"3Err\tTITLE\tnull.host\t1\r\n").title(), None);
    assert_eq!(parse_menu(b"i   \tTITLE\tnull.host\t1\r\n").title(), None);
}

#[test]
fn display_text_is_sanitised_but_selectors_keep_their_exact_bytes() {
    let menu = parse_menu(b"0\x1b[31mRed\x1b[0m \xe9\t/sel\x1b\xff\th\t70\r\n");
    let item = menu.item(0).expect("one item");
    assert_eq!(item.display, "Red \u{e9}");
    assert_eq!(item.selector, b"/sel\x1b\xff");
}

#[test]
fn display_texts_use_the_chosen_encoding_and_selectors_stay_raw() {
    let input = b"0caf\xe9\t/caf\xe9\th\t70\r\ni\xc9\xcd\xbb\t\tx\t0\r\n";
    let auto = parse_menu(input);
    assert_eq!(auto.item(0).map(|i| i.display), Some("caf\u{e9}"));
    assert!(auto.fell_back_to_latin1());
    let cp437 = parse_menu_as(input, Encoding::Cp437);
    assert_eq!(cp437.item(0).map(|i| i.display), Some("caf\u{398}"));
    assert_eq!(cp437.item(0).map(|i| i.selector), Some(&b"/caf\xe9"[..]));
    assert_eq!(
        cp437.item(1).map(|i| i.display),
        Some("\u{2554}\u{2550}\u{2557}")
    );
    assert!(!cp437.fell_back_to_latin1());
    assert!(!parse_menu(b"iplain\r\n").fell_back_to_latin1());
}

#[test]
fn unknown_types_are_kept_as_generic_items_and_web_links_are_found() {
    let menu = parse_menu(b"ZOdd\t/z\th\t70\r\nhWeb\tURL:https://example.org/\th\t70\r\n");
    assert_eq!(menu.item(0).map(|i| i.item_type), Some(ItemType(b'Z')));
    assert!(menu.is_selectable(0));
    let web = menu.item(1).expect("web item");
    assert_eq!(web.web_link(), Some(&b"https://example.org/"[..]));
}

#[test]
fn a_host_repeated_on_consecutive_links_is_stored_once() {
    let menu = parse_menu(
        b"0a\t/a\tsame.host\t70\r\niinfo\r\n0b\t/b\tsame.host\t70\r\n0c\t/c\tother\t70\r\n",
    );
    assert_eq!(menu.raw.len(), "/asame.host/b/cother".len());
    let hosts: Vec<&[u8]> = menu.items().map(|i| i.host).collect();
    assert_eq!(hosts, [&b"same.host"[..], b"", b"same.host", b"other"]);
}

#[test]
fn item_urls_come_from_the_real_host_port_and_selector() {
    let menu = parse_menu(b"0Looks like gopher://fake/\t/real\treal.host\t7071\r\n");
    let url = menu.item(0).expect("item").url().expect("valid url");
    assert_eq!(url.to_string(), "gopher://real.host:7071/0/real");
}

#[test]
fn selectable_navigation_skips_info_lines() {
    let menu = parse_menu(b"ia\r\n1b\t/\th\t70\r\nic\r\nid\r\n0e\t/\th\t70\r\nif\r\n");
    assert_eq!(menu.next_selectable(1, false), Some(4));
    assert_eq!(menu.next_selectable(4, false), None);
    assert_eq!(menu.next_selectable(0, true), Some(1));
    assert_eq!(menu.prev_selectable(4, false), Some(1));
    assert_eq!(menu.prev_selectable(1, false), None);
    assert_eq!(menu.prev_selectable(5, true), Some(4));
}

#[test]
fn a_flood_of_lines_stops_at_the_item_limit_and_says_so() {
    let flood = vec![b'\n'; MAX_MENU_ITEMS + 10];
    let menu = parse_menu(&flood);
    assert_eq!(menu.len(), MAX_MENU_ITEMS);
    assert!(menu.was_truncated());
    assert!(!parse_menu(b"ia\r\n").was_truncated());
}

#[test]
fn streaming_parse_equals_whole_parse() {
    let input = b"iHi\r\n1Dir\t/d\th\t70\r\n0Txt\t/t\th\t70\r\n.\r\n1After\t/a\th\t70\r\n";
    let mut menu = Menu::default();
    let mut parser = MenuParser::default();
    for chunk in input.chunks(3) {
        parser.push(&mut menu, chunk);
    }
    parser.finish(&mut menu);
    assert_eq!(menu, parse_menu(input));
    assert_eq!(parse_menu(input).len(), 3);
}

//! Table tests for `caps.txt` parsing and the parent and root selectors, on the files real
//! servers send and the selector shapes they use.

use super::*;

/// What gophernicus 3.1.1 (Debian 12) generates at selector `caps.txt`, byte for byte.
const GOPHERNICUS: &[u8] =
    b"CAPS\r\n\r\n##\r\n## This is an automatically generated caps file.\r\n##\r\n\r\n\
CapsVersion=1\r\nExpireCapsAfter=1800\r\n\r\nPathDelimeter=/\r\nPathIdentity=.\r\nPathParent=..\r\n\
PathParentDouble=FALSE\r\nPathKeepPreDelimeter=FALSE\r\nServerSupportsStdinScripts=TRUE\r\n\
ServerDefaultEncoding=UTF-8\r\nServerTLSPort=0\r\n\r\nServerSoftware=Gophernicus\r\n\
ServerSoftwareVersion=3.1.1 \"Dungeon Edition\"\r\nServerArchitecture=Debian/12 x86_64\r\n";

/// The shape of Floodgap's annotated example (Bucktooth), comments and all, LF line ends.
const FLOODGAP: &[u8] = b"CAPS\n# These four characters must be at the beginning to identify the file\n\
# as successfully fetched.\n\n### CAPS META PROPERTIES ###\n#\nCapsVersion=1\nExpireCapsAfter=3600\n\n\
### PATH SECTION. USE THESE DEFAULT VALUES IF YOU ARE ON A POSIX FILESYSTEM ###\n\
PathDelimeter=/\nPathIdentity=.\nPathParent=..\nPathParentDouble=FALSE\nPathEscapeCharacter=\\\n\
PathKeepPreDelimeter=FALSE\n\nServerSoftware=Bucktooth\nServerSoftwareVersion=0.2.9\n";

/// A classic Mac OS server: `:` between folders, `::` for the folder above.
const CLASSIC_MAC: &[u8] =
    b"CAPS\nPathDelimeter=:\nPathIdentity=\nPathParent=\nPathParentDouble=TRUE\nPathKeepPreDelimeter=TRUE\n";

fn parent(caps: &Caps, selector: &str) -> Option<String> {
    caps.parent_selector(selector.as_bytes())
        .map(|s| String::from_utf8(s).expect("test selectors are UTF-8"))
}

#[test]
fn gophernicus_caps_file_reads_as_posix_rules_with_its_name() {
    let caps = Caps::parse_strict(GOPHERNICUS).expect("gophernicus caps parses");
    assert_eq!(caps.delimiter.as_deref(), Some(&b"/"[..]));
    assert_eq!(caps.identity, b".");
    assert_eq!(caps.parent, b"..");
    assert!(!caps.parent_double);
    assert!(!caps.keep_pre_delimiter);
    assert_eq!(caps.server_software.as_deref(), Some("Gophernicus"));
    assert_eq!(
        caps.server_version.as_deref(),
        Some("3.1.1 \"Dungeon Edition\"")
    );
}

#[test]
fn floodgap_style_caps_file_with_comments_and_escape_character_parses() {
    let caps = Caps::parse_strict(FLOODGAP).expect("annotated caps parses");
    assert_eq!(caps.escape, Some(b'\\'));
    assert_eq!(caps.server_software.as_deref(), Some("Bucktooth"));
    assert_eq!(
        caps,
        Caps {
            escape: Some(b'\\'),
            ..server(&caps)
        }
    );
}

fn server(caps: &Caps) -> Caps {
    Caps {
        server_software: caps.server_software.clone(),
        server_version: caps.server_version.clone(),
        ..Caps::default()
    }
}

#[test]
fn missing_or_malformed_caps_files_give_the_posix_defaults() {
    let error_reply = b"3'/caps.txt' does not exist (no handler found)\t\terror.host\t1\r\n";
    let html = b"<html><body>Not Found</body></html>";
    let bad_bool = b"CAPS\nPathDelimeter=:\nPathParentDouble=maybe\n";
    let no_equals = b"CAPS\nPathDelimeter=:\nthis line is not a key\n";
    let oversized = [
        b"CAPS\nPathDelimeter=:\n".as_slice(),
        &[b'#'; MAX_CAPS_BYTES],
    ]
    .concat();
    for reply in [&error_reply[..], html, bad_bool, no_equals, b"", &oversized] {
        assert_eq!(
            Caps::parse_strict(reply),
            None,
            "{:?}",
            String::from_utf8_lossy(reply)
        );
        assert_eq!(Caps::parse(reply), Caps::default());
    }
}

#[test]
fn caps_file_without_a_delimiter_declares_opaque_selectors_whose_parent_is_the_root() {
    let caps = Caps::parse(b"CAPS\nCapsVersion=1\nServerSoftware=opaque\n");
    assert_eq!(caps.delimiter, None);
    assert_eq!(parent(&caps, "/a/b/c"), Some(String::new()));
    assert_eq!(parent(&caps, ""), None);
    assert!(caps.is_root(b""));
    assert!(!caps.is_root(b"/a"));
}

#[test]
fn server_names_lose_control_characters_and_are_bounded() {
    let mut file = b"CAPS\nServerSoftware=evil\x1b[2J\x07name\n".to_vec();
    file.extend_from_slice(b"ServerSoftwareVersion=");
    file.extend_from_slice(&[b'9'; 500]);
    file.push(b'\n');
    let caps = Caps::parse_strict(&file).expect("parses");
    let name = caps.server_software.expect("a name is left");
    assert!(!name.chars().any(char::is_control), "{name:?}");
    assert!(name.starts_with("evil") && name.ends_with("name"));
    assert_eq!(caps.server_version.map(|v| v.chars().count()), Some(80));
}

#[test]
fn a_byte_order_mark_and_the_other_spelling_of_delimiter_are_accepted() {
    let caps =
        Caps::parse_strict(b"\xEF\xBB\xBFCAPS\r\nPathDelimiter=:\r\nPathKeepPreDelimiter=true\r\n")
            .expect("parses");
    assert_eq!(caps.delimiter.as_deref(), Some(&b":"[..]));
    assert!(caps.keep_pre_delimiter);
}

#[test]
fn parents_under_posix_rules_follow_real_servers_selectors() {
    let caps = Caps::parse(GOPHERNICUS);
    let table: &[(&str, Option<&str>)] = &[
        // gophernicus: directories end in `/`, user holes under `/~user/`.
        ("/~user/dir/file", Some("/~user/dir")),
        ("/~user/dir/", Some("/~user/")),
        ("/~user/", Some("")),
        ("/subdir/inner.txt", Some("/subdir")),
        // pygopherd: directories without the trailing slash.
        ("/subdir", Some("")),
        ("/a/b/c", Some("/a/b")),
        // Floodgap's double-typed paste `gopher://host/11/foo/bar`: the `1` is cut off.
        ("1/foo/bar", Some("/foo")),
        ("1/foo", Some("")),
        ("1/", None),
        // Type characters inside plain paths are ordinary segments.
        ("/1/foo/bar", Some("/1/foo")),
        ("/0/docs/readme.txt", Some("/0/docs")),
        // A bare name (nothing to cut before a delimiter there is not): its parent is the root.
        ("about", Some("")),
        // Identity, parent and doubled delimiters are read the POSIX way.
        ("/a/./b/../c/d", Some("/a/c")),
        ("/a//b///", Some("/a/")),
        ("/a/b/..", Some("")),
        // The root itself, however it is written.
        ("", None),
        ("/", None),
        ("//", None),
        ("/./", None),
        ("/..", None),
    ];
    for (selector, expected) in table {
        assert_eq!(
            parent(&caps, selector).as_deref(),
            *expected,
            "parent of {selector:?}"
        );
    }
}

#[test]
fn keeping_what_precedes_the_first_delimiter_makes_it_the_first_segment() {
    let caps = Caps::parse(b"CAPS\nPathDelimeter=/\nPathKeepPreDelimeter=TRUE\n");
    assert_eq!(parent(&caps, "1/foo/bar").as_deref(), Some("1/foo"));
    assert_eq!(parent(&caps, "1/foo").as_deref(), Some("1"));
    assert_eq!(parent(&caps, "1").as_deref(), Some(""));
    assert_eq!(parent(&caps, "docs/a/").as_deref(), Some("docs/"));
    assert!(!caps.is_root(b"1/"));
}

#[test]
fn classic_mac_double_delimiter_climbs_and_is_not_collapsed() {
    let caps = Caps::parse(CLASSIC_MAC);
    assert_eq!(
        parent(&caps, "Disk:Folder:File").as_deref(),
        Some("Disk:Folder")
    );
    assert_eq!(parent(&caps, "Disk:Folder::File").as_deref(), Some("Disk"));
    assert_eq!(parent(&caps, "Disk").as_deref(), Some(""));
}

#[test]
fn an_escaped_delimiter_belongs_to_its_segment() {
    let caps = Caps::parse(FLOODGAP);
    assert_eq!(
        parent(&caps, "/docs/a\\/b/c").as_deref(),
        Some("/docs/a\\/b")
    );
    assert_eq!(parent(&caps, "/docs/a\\/b").as_deref(), Some("/docs"));
    assert_eq!(parent(&caps, "/docs/a\\/").as_deref(), Some("/docs"));
}

#[test]
fn a_multi_byte_delimiter_splits_like_a_single_one() {
    let caps = Caps::parse(b"CAPS\nPathDelimeter=::\nPathParent=^\n");
    assert_eq!(parent(&caps, "::a::b::c").as_deref(), Some("::a::b"));
    assert_eq!(parent(&caps, "::a::^::c::d").as_deref(), Some("::c"));
}

#[test]
fn parent_and_root_urls_ask_for_menus_on_the_same_server() {
    let caps = Caps::default();
    let mut url = GopherUrl::parse("gophers://example.org:7070/7/v2/vs%09rust").expect("url");
    let up = caps.parent_url(&url).expect("a parent");
    assert_eq!(up.item_type, ItemType::MENU);
    assert_eq!(up.selector, b"/v2");
    assert_eq!(
        (up.tls, up.host.as_str(), up.port),
        (true, "example.org", 7070)
    );
    assert_eq!((up.query, up.gopher_plus), (None, None));
    let root = caps.root_url(&url).expect("a root");
    assert_eq!(
        (root.item_type, root.selector.as_slice()),
        (ItemType::MENU, &b""[..])
    );
    url = root;
    assert_eq!(
        caps.root_url(&url),
        None,
        "the root menu is the root already"
    );
    assert_eq!(caps.parent_url(&url), None);
    url.item_type = ItemType::TEXT;
    url.selector = b"/".to_vec();
    assert!(
        caps.root_url(&url).is_some(),
        "a text at `/` is not the root menu"
    );
}

#[test]
fn no_selector_bytes_make_the_rules_panic() {
    let rules = [
        Caps::default(),
        Caps::parse(FLOODGAP),
        Caps::parse(CLASSIC_MAC),
    ];
    let pieces: [&[u8]; 8] = [b"/", b":", b"\\", b"..", b".", b"", b"a", b"\xff"];
    for caps in &rules {
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let selector = [a, b, c].concat();
                    if let Some(up) = caps.parent_selector(&selector) {
                        assert!(up.len() <= selector.len(), "{selector:?} -> {up:?}");
                    }
                    caps.is_root(&selector);
                }
            }
        }
    }
}

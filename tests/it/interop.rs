//! Interoperability with real Gopher servers: gophernicus and pygopherd from Debian, which
//! `.ci/run` (through `.ci/gopher-servers.sh`) starts on 127.0.0.1 with generated content and
//! names in `BURROW_INTEROP_GOPHERNICUS`, `BURROW_INTEROP_PYGOPHERD` (`127.0.0.1:PORT`) and
//! `BURROW_INTEROP_ROOT` (the content on disk). Without those variables the tests are skipped
//! with a message, except under CI, where they must run and fail instead.
//!
//! The two servers speak different dialects: gophernicus ends menus with `.` and adds info
//! lines and padded labels, pygopherd sends no `.` and a fifth `+` field on every item.

use crate::harness::pty::{COLS, DOWN, ENTER, LEFT, PtySession};
use crate::harness::{BURROW, home_env};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};

const README: &str = "readme.txt";
const ESCAPES: &str = "escapes.txt";
const BLOB: &str = "blob.bin";
/// A text with a lone `.` line in the middle and lines starting with dots.
const DOTLINE: &str = "dotline.txt";
/// A text whose last line is `.`.
const DOTEND: &str = "dotend.txt";
const CP1252: &str = "cp1252.txt";
/// What `cp1252.txt` reads as, decoded as Windows-1252 (0x9D is undefined there).
const CP1252_DECODED: &str = "Smart \u{201c}quotes\u{201d} \u{2013} dash \u{2014} \
    ellipsis\u{2026} euro \u{20ac} 5\u{2122}, \u{2dc}tilde \u{17e}zh \u{178}Y \u{160}S end\n\
    CP437 money: \u{17e}5 \u{fffd}9 end\n";
/// What `escapes.txt` reads as once its escape sequences are gone.
const ESCAPES_SANITISED: &str = "before red after\ntitle line\n";

/// One server under test and what it calls the generated files.
pub(super) struct Server {
    pub(super) name: &'static str,
    /// `127.0.0.1:PORT`.
    pub(super) address: String,
    /// The content both servers serve.
    root: PathBuf,
    /// The label the server's listing gives a file: pygopherd drops the extension.
    label: fn(&str) -> String,
    /// The selector of the subdirectory in the server's root menu.
    subdir_selector: &'static str,
}

impl Server {
    pub(super) fn url(&self, kind: char, selector: &str) -> String {
        format!("gopher://{}/{kind}{selector}", self.address)
    }

    /// The canonical address of the root menu, as the title bar shows it.
    pub(super) fn root_url(&self) -> String {
        format!("gopher://{}/", self.address)
    }

    fn file(&self, name: &str) -> Vec<u8> {
        let path = self.root.join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The server named by `variable`, or `None` (after saying so) when the test must be skipped.
fn server(variable: &str, test: &str) -> Option<Server> {
    let (address, root) = match (
        std::env::var(variable),
        std::env::var("BURROW_INTEROP_ROOT"),
    ) {
        (Ok(address), Ok(root)) => (address, root),
        _ if under_ci() => panic!(
            "{test}: {variable} and BURROW_INTEROP_ROOT are not set, but CI is: the \
             interoperability tests must run under CI; `bash .ci/run` starts the servers"
        ),
        _ => {
            // Once per run, and past the test harness's capture so `cargo test` shows it.
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "skipped: the interoperability tests (tests/it/interop.rs) need real servers \
                     named in BURROW_INTEROP_GOPHERNICUS, BURROW_INTEROP_PYGOPHERD and \
                     BURROW_INTEROP_ROOT; run them via `bash .ci/run` (or \
                     `.ci/gopher-servers.sh cargo test --test it interop::`)"
                );
            });
            return None;
        }
    };
    assert!(
        address.starts_with("127.0.0.1:"),
        "{variable}={address}: the interoperability tests only talk to 127.0.0.1"
    );
    let root = PathBuf::from(root);
    Some(if variable == "BURROW_INTEROP_GOPHERNICUS" {
        Server {
            name: "gophernicus",
            address,
            root,
            label: |file| file.to_owned(),
            subdir_selector: "/subdir/",
        }
    } else {
        Server {
            name: "pygopherd",
            address,
            root,
            label: |file| {
                file.rsplit_once('.')
                    .map_or(file, |(stem, _)| stem)
                    .to_owned()
            },
            subdir_selector: "/subdir",
        }
    })
}

pub(super) fn gophernicus(test: &str) -> Option<Server> {
    server("BURROW_INTEROP_GOPHERNICUS", test)
}

pub(super) fn pygopherd(test: &str) -> Option<Server> {
    server("BURROW_INTEROP_PYGOPHERD", test)
}

/// Runs burrow with short timeouts and an empty temporary home (never the real one).
fn burrow(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("temporary home");
    Command::new(BURROW)
        .args(["--connect-timeout", "5", "--idle-timeout", "10"])
        .args(args)
        .envs(home_env(home.path()))
        .output()
        .expect("run burrow")
}

/// `burrow --print URL`, which must succeed, as text.
fn print(server: &Server, url: &str) -> String {
    let output = burrow(&["--print", url]);
    assert!(
        output.status.success(),
        "{}: --print {url} failed: {}",
        server.name,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("--print writes UTF-8")
}

/// `burrow --raw URL`, which must succeed, as bytes.
fn raw(server: &Server, url: &str) -> Vec<u8> {
    let output = burrow(&["--raw", url]);
    assert!(
        output.status.success(),
        "{}: --raw {url} failed: {}",
        server.name,
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Whether the printed menu has an item of this kind (e.g. "TXT") with this label; gophernicus
/// pads labels and follows them with a date and a size.
fn has_item(menu: &str, kind: &str, label: &str) -> bool {
    let prefix = format!("   {kind} {label}");
    menu.lines().any(|line| {
        line.strip_prefix(&prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// Every line of a printed menu is an item ("   TXT label"), an info line (7 spaces) or empty,
/// and nothing of the wire format leaks: no terminator line, no `+` field, no tab.
fn assert_clean_menu(server: &Server, menu: &str) {
    for line in menu.lines() {
        let item = line.len() > 7
            && line.starts_with("   ")
            && line.as_bytes()[3..6].iter().all(u8::is_ascii_uppercase)
            && line.as_bytes()[6] == b' ';
        assert!(
            item || line.is_empty() || line.starts_with("       "),
            "{}: a printed menu line is neither an item nor an info line: {line:?}\n{menu}",
            server.name
        );
        assert!(
            !matches!(line.trim(), "." | "+") && !line.ends_with('+') && !line.contains('\t'),
            "{}: the wire format leaks into the printed menu: {line:?}\n{menu}",
            server.name
        );
        assert!(
            !line.chars().any(char::is_control),
            "{}: a control character in the printed menu: {line:?}",
            server.name
        );
    }
}

fn root_menu_prints_the_generated_items(server: &Server) {
    let menu = print(server, &server.url('1', ""));
    assert_clean_menu(server, &menu);
    for (kind, file) in [
        ("TXT", README),
        ("TXT", ESCAPES),
        ("BIN", BLOB),
        ("DIR", "subdir"),
    ] {
        let label = (server.label)(file);
        assert!(
            has_item(&menu, kind, &label),
            "{}: no `{kind} {label}` in the root menu:\n{menu}",
            server.name
        );
    }
}

#[test]
fn gophernicus_root_menu_prints_the_generated_items() {
    if let Some(server) = gophernicus("gophernicus_root_menu_prints_the_generated_items") {
        root_menu_prints_the_generated_items(&server);
    }
}

#[test]
fn pygopherd_root_menu_prints_the_generated_items() {
    if let Some(server) = pygopherd("pygopherd_root_menu_prints_the_generated_items") {
        root_menu_prints_the_generated_items(&server);
    }
}

fn utf8_text_prints_decoded(server: &Server) {
    let expected = String::from_utf8(server.file(README)).expect("the readme is UTF-8");
    assert!(expected.contains("日本語"), "the generated readme has CJK");
    let text = print(server, &server.url('0', &format!("/{README}")));
    // gophernicus sends CRLF lines, pygopherd the file's LF: both print as the file reads.
    assert_eq!(
        text, expected,
        "{}: the readme printed differently",
        server.name
    );
}

#[test]
fn gophernicus_utf8_text_prints_decoded() {
    if let Some(server) = gophernicus("gophernicus_utf8_text_prints_decoded") {
        utf8_text_prints_decoded(&server);
    }
}

#[test]
fn pygopherd_utf8_text_prints_decoded() {
    if let Some(server) = pygopherd("pygopherd_utf8_text_prints_decoded") {
        utf8_text_prints_decoded(&server);
    }
}

fn text_with_escape_sequences_prints_sanitised(server: &Server) {
    let url = server.url('0', &format!("/{ESCAPES}"));
    // The server really sends the escapes, so the sanitising below is Burrow's.
    let wire = raw(server, &url);
    assert!(
        wire.windows(5).any(|w| w == b"\x1b[31m") && wire.windows(3).any(|w| w == b"\x1b]0"),
        "{}: the raw reply lost its escape sequences: {wire:?}",
        server.name
    );
    let text = print(server, &url);
    assert_eq!(text, ESCAPES_SANITISED, "{}", server.name);
}

#[test]
fn gophernicus_text_with_escape_sequences_prints_sanitised() {
    if let Some(server) = gophernicus("gophernicus_text_with_escape_sequences_prints_sanitised") {
        text_with_escape_sequences_prints_sanitised(&server);
    }
}

#[test]
fn pygopherd_text_with_escape_sequences_prints_sanitised() {
    if let Some(server) = pygopherd("pygopherd_text_with_escape_sequences_prints_sanitised") {
        text_with_escape_sequences_prints_sanitised(&server);
    }
}

/// pygopherd sends the file's bytes; gophernicus re-encodes them as if they were Latin-1, so
/// 0x93 arrives as U+0093 (a C1 control in UTF-8) and 0x9E as PM. Both read the same.
fn windows_1252_text_keeps_every_line_whole(server: &Server) {
    let text = print(server, &server.url('0', &format!("/{CP1252}")));
    assert_eq!(text, CP1252_DECODED, "{}", server.name);
}

#[test]
fn gophernicus_windows_1252_text_keeps_every_line_whole() {
    if let Some(server) = gophernicus("gophernicus_windows_1252_text_keeps_every_line_whole") {
        windows_1252_text_keeps_every_line_whole(&server);
    }
}

#[test]
fn pygopherd_windows_1252_text_keeps_every_line_whole() {
    if let Some(server) = pygopherd("pygopherd_windows_1252_text_keeps_every_line_whole") {
        windows_1252_text_keeps_every_line_whole(&server);
    }
}

fn a_lone_dot_line_and_dotted_lines_print_as_the_file_reads(server: &Server) {
    let expected = String::from_utf8(server.file(DOTLINE)).expect("UTF-8");
    let url = server.url('0', &format!("/{DOTLINE}"));
    // The server sends the file raw: no dot-stuffing, no terminator.
    let wire = String::from_utf8(raw(server, &url)).expect("UTF-8");
    assert_eq!(wire.replace("\r\n", "\n"), expected, "{}", server.name);
    assert_eq!(print(server, &url), expected, "{}", server.name);
}

#[test]
fn gophernicus_a_lone_dot_line_and_dotted_lines_print_as_the_file_reads() {
    if let Some(server) =
        gophernicus("gophernicus_a_lone_dot_line_and_dotted_lines_print_as_the_file_reads")
    {
        a_lone_dot_line_and_dotted_lines_print_as_the_file_reads(&server);
    }
}

#[test]
fn pygopherd_a_lone_dot_line_and_dotted_lines_print_as_the_file_reads() {
    if let Some(server) =
        pygopherd("pygopherd_a_lone_dot_line_and_dotted_lines_print_as_the_file_reads")
    {
        a_lone_dot_line_and_dotted_lines_print_as_the_file_reads(&server);
    }
}

/// A file whose last line is `.` reads as an RFC 1436 reply: the `.` is its terminator and
/// `..` loses a dot (lynx shows such a file verbatim; the two readings cannot be told apart).
fn a_file_ending_with_a_dot_line_ends_there(server: &Server) {
    let url = server.url('0', &format!("/{DOTEND}"));
    assert_eq!(
        print(server, &url),
        "A poem that ends with a dot line\n.stays as written\n",
        "{}",
        server.name
    );
}

#[test]
fn gophernicus_a_file_ending_with_a_dot_line_ends_there() {
    if let Some(server) = gophernicus("gophernicus_a_file_ending_with_a_dot_line_ends_there") {
        a_file_ending_with_a_dot_line_ends_there(&server);
    }
}

#[test]
fn pygopherd_a_file_ending_with_a_dot_line_ends_there() {
    if let Some(server) = pygopherd("pygopherd_a_file_ending_with_a_dot_line_ends_there") {
        a_file_ending_with_a_dot_line_ends_there(&server);
    }
}

fn raw_binary_is_byte_exact(server: &Server) {
    let expected = server.file(BLOB);
    assert!(expected.len() >= 4096, "the generated blob is a few KB");
    let bytes = raw(server, &server.url('9', &format!("/{BLOB}")));
    assert!(
        bytes == expected,
        "{}: --raw gave {} bytes that differ from the {} on disk",
        server.name,
        bytes.len(),
        expected.len()
    );
}

#[test]
fn gophernicus_raw_binary_is_byte_exact() {
    if let Some(server) = gophernicus("gophernicus_raw_binary_is_byte_exact") {
        raw_binary_is_byte_exact(&server);
    }
}

#[test]
fn pygopherd_raw_binary_is_byte_exact() {
    if let Some(server) = pygopherd("pygopherd_raw_binary_is_byte_exact") {
        raw_binary_is_byte_exact(&server);
    }
}

fn subdirectory_listing_prints(server: &Server) {
    let menu = print(server, &server.url('1', server.subdir_selector));
    assert_clean_menu(server, &menu);
    let label = (server.label)("inner.txt");
    assert!(
        has_item(&menu, "TXT", &label),
        "{}: no `TXT {label}` in the subdirectory:\n{menu}",
        server.name
    );
    assert!(
        !has_item(&menu, "TXT", &(server.label)(README)),
        "{}: the subdirectory lists the root's files:\n{menu}",
        server.name
    );
    let text = print(server, &server.url('0', "/subdir/inner.txt"));
    assert_eq!(text, "Inside the subdirectory\n", "{}", server.name);
}

#[test]
fn gophernicus_subdirectory_listing_prints() {
    if let Some(server) = gophernicus("gophernicus_subdirectory_listing_prints") {
        subdirectory_listing_prints(&server);
    }
}

#[test]
fn pygopherd_subdirectory_listing_prints() {
    if let Some(server) = pygopherd("pygopherd_subdirectory_listing_prints") {
        subdirectory_listing_prints(&server);
    }
}

/// The item lines of a raw menu (not info lines, not the terminator), split into fields.
fn raw_items(menu: &str) -> Vec<Vec<&str>> {
    menu.split("\r\n")
        .filter(|line| !line.is_empty() && *line != "." && !line.starts_with('i'))
        .map(|line| line.split('\t').collect())
        .collect()
}

/// The addresses of the root menu's links in the order the server lists them.
fn root_links(server: &Server) -> Vec<String> {
    let wire = String::from_utf8(raw(server, &server.url('1', ""))).expect("an ASCII menu");
    raw_items(&wire)
        .iter()
        .map(|fields| {
            let (kind, _) = fields[0].split_at(1);
            format!("gopher://{}:{}/{kind}{}", fields[2], fields[3], fields[1])
        })
        .collect()
}

#[test]
fn gophernicus_menu_ends_with_a_dot_that_print_hides() {
    let Some(server) = gophernicus("gophernicus_menu_ends_with_a_dot_that_print_hides") else {
        return;
    };
    let url = server.url('1', "");
    let wire = String::from_utf8(raw(&server, &url)).expect("an ASCII menu");
    assert!(
        wire.ends_with("\r\n.\r\n"),
        "gophernicus no longer ends its menu with `.`: {wire:?}"
    );
    for fields in raw_items(&wire) {
        assert_eq!(
            fields.len(),
            4,
            "gophernicus sent an item line without exactly 4 fields: {fields:?}"
        );
    }
    let menu = print(&server, &url);
    assert_clean_menu(&server, &menu);
    assert!(has_item(&menu, "TXT", README), "{menu}");
}

#[test]
fn pygopherd_menu_without_a_dot_and_with_plus_fields_prints_clean() {
    let Some(server) = pygopherd("pygopherd_menu_without_a_dot_and_with_plus_fields_prints_clean")
    else {
        return;
    };
    let url = server.url('1', "");
    let wire = String::from_utf8(raw(&server, &url)).expect("an ASCII menu");
    assert!(
        !wire.lines().any(|line| line.trim_end() == "."),
        "pygopherd now ends its menu with `.`: {wire:?}"
    );
    let items = raw_items(&wire);
    assert!(items.len() >= 4, "pygopherd sent too few items: {wire:?}");
    for fields in items {
        assert_eq!(
            (fields.len(), fields.last().copied()),
            (5, Some("+")),
            "pygopherd no longer adds a `+` field: {fields:?}"
        );
    }
    let menu = print(&server, &url);
    assert_clean_menu(&server, &menu);
    // The `+` field stays out of the label.
    assert!(menu.lines().any(|line| line == "   TXT readme"), "{menu}");
}

// --- The pseudo-terminal: a person browsing each server ---------------------------------

fn pty_browses_text_and_back(server: &Server) {
    let root_url = server.root_url();
    let readme_url = server.url('0', &format!("/{README}"));
    let escapes_url = server.url('0', &format!("/{ESCAPES}"));
    let readme_label = format!("   TXT {}", (server.label)(README));
    let links = root_links(server);
    let mut burrow = PtySession::spawn(BURROW, &["--idle-timeout", "10", &root_url]);

    burrow.wait_for_location(&root_url);
    burrow.wait_for_text(&readme_label);
    burrow.select(&links, &readme_url);
    burrow.send(ENTER);
    burrow.wait_for_location(&readme_url);
    burrow.wait_for_text("Burrow interop readme");
    burrow.wait_for_text("UTF-8: café, 日本語, 你好");
    burrow.wait_for_text("last line");

    burrow.send(LEFT);
    burrow.wait_for_location(&root_url);
    burrow.wait_for_text(&readme_label);
    burrow.wait_until("the cursor back on the readme", |p| {
        p.status_target() == readme_url
    });

    burrow.select(&links, &escapes_url);
    burrow.send(ENTER);
    burrow.wait_for_location(&escapes_url);
    burrow.wait_for_text("before red after");
    burrow.wait_for_text("title line");
    let titles = burrow.titles();
    assert!(
        titles.iter().all(|t| !t.windows(5).any(|w| w == b"pwned")),
        "{}: the page set the terminal's title: {titles:?}",
        server.name,
    );
    burrow.with_screen(|screen| {
        let rows: Vec<String> = screen.rows(0, COLS).collect();
        let (row, line) = rows
            .iter()
            .enumerate()
            .find(|(_, line)| line.contains("before red after"))
            .expect("the sanitised line is on screen");
        let col = line.find("before red after").expect("the line");
        assert!(line[..col].is_ascii(), "columns are bytes before the text");
        let row = u16::try_from(row).expect("a screen row");
        let col = u16::try_from(col).expect("a screen column");
        let colour = |c: u16| screen.cell(row, c).map(vt100::Cell::fgcolor);
        assert_eq!(
            colour(col + 7),
            colour(col),
            "{}: `red` is drawn in another colour than the text around it",
            server.name
        );
        assert!(
            rows.iter()
                .all(|row| !row.contains('\x1b') && !row.contains('\x07')),
            "{}: an escape character reached the screen",
            server.name
        );
        // Dropping only the ESC byte would leave the rest of each sequence visible.
        for remnant in ["[31m", "[0m", "]0;", "pwned"] {
            assert!(
                !rows.iter().any(|row| row.contains(remnant)),
                "{}: {remnant:?} of an escape sequence is on screen\n{}",
                server.name,
                rows.join("\n")
            );
        }
    });

    burrow.send(LEFT);
    burrow.wait_for_location(&root_url);
    burrow.wait_for_text(&readme_label);
    burrow.quit();
}

#[test]
fn gophernicus_pty_browses_text_and_back() {
    if let Some(server) = gophernicus("gophernicus_pty_browses_text_and_back") {
        pty_browses_text_and_back(&server);
    }
}

#[test]
fn pygopherd_pty_browses_text_and_back() {
    if let Some(server) = pygopherd("pygopherd_pty_browses_text_and_back") {
        pty_browses_text_and_back(&server);
    }
}

/// Gophermap source served as a file (`quirks/raw.txt`, asked for as a menu) shows display
/// texts, never the raw fields, and its links without a host or port stay links.
fn raw_gophermap_source_prints_display_texts(server: &Server) {
    let menu = print(server, &server.url('1', "/quirks/raw.txt"));
    assert_clean_menu(server, &menu);
    let lines: Vec<&str> = menu.lines().collect();
    assert_eq!(
        lines,
        [
            "         __",
            "",
            "   DIR About",
            "   TXT Missing port",
            "   DIR Plus host"
        ],
        "{}: {menu}",
        server.name
    );
}

#[test]
fn gophernicus_raw_gophermap_source_prints_display_texts() {
    if let Some(server) = gophernicus("gophernicus_raw_gophermap_source_prints_display_texts") {
        raw_gophermap_source_prints_display_texts(&server);
    }
}

#[test]
fn pygopherd_raw_gophermap_source_prints_display_texts() {
    if let Some(server) = pygopherd("pygopherd_raw_gophermap_source_prints_display_texts") {
        raw_gophermap_source_prints_display_texts(&server);
    }
}

/// An empty file is an empty page: `--print` succeeds and writes nothing.
fn empty_file_prints_nothing(server: &Server) {
    assert_eq!(print(server, &server.url('0', "/quirks/empty.txt")), "");
}

#[test]
fn gophernicus_empty_file_prints_nothing() {
    if let Some(server) = gophernicus("gophernicus_empty_file_prints_nothing") {
        empty_file_prints_nothing(&server);
    }
}

#[test]
fn pygopherd_empty_file_prints_nothing() {
    if let Some(server) = pygopherd("pygopherd_empty_file_prints_nothing") {
        empty_file_prints_nothing(&server);
    }
}

/// `burrow --print URL`, which must fail, and its one line of error.
fn print_failure(server: &Server, url: &str) -> String {
    let output = burrow(&["--print", url]);
    assert!(
        !output.status.success(),
        "{}: --print {url} succeeded",
        server.name
    );
    String::from_utf8_lossy(&output.stderr).trim().to_owned()
}

#[test]
fn pygopherd_error_line_for_a_missing_text_is_an_error_quoting_it() {
    let Some(server) = pygopherd("pygopherd_error_line_for_a_missing_text_is_an_error_quoting_it")
    else {
        return;
    };
    let url = server.url('0', "/quirks/missing.txt");
    let wire = raw(&server, &url);
    assert!(
        wire.starts_with(b"3'/quirks/missing.txt' does not exist"),
        "pygopherd no longer answers with a 3 line: {}",
        String::from_utf8_lossy(&wire)
    );
    assert_eq!(
        print_failure(&server, &url),
        format!(
            "burrow: The server reported an error for {url}: the server said \
             \"'/quirks/missing.txt' does not exist (no handler found)\""
        )
    );
}

#[test]
fn gophernicus_title_line_and_mirror_item_in_print_and_in_the_title_bar() {
    let Some(server) =
        gophernicus("gophernicus_title_line_and_mirror_item_in_print_and_in_the_title_bar")
    else {
        return;
    };
    let url = server.url('1', "/quirks/");
    let wire = String::from_utf8(raw(&server, &url)).expect("an ASCII menu");
    assert!(
        wire.starts_with("iBurrow quirks\tTITLE\t"),
        "gophernicus no longer sends its TITLE line: {wire:?}"
    );
    let menu = print(&server, &url);
    assert!(menu.lines().any(|l| l == "MIRROR Readme mirror"), "{menu}");
    let mut burrow = PtySession::spawn(BURROW, &["--idle-timeout", "10", &url]);
    let title = format!(" Burrow  Burrow quirks \u{b7} {url}");
    burrow.wait_until(&format!("the title bar {title:?}"), |p| {
        p.title_bar() == title
    });
    // The mirror opens as the text it mirrors, not as a download.
    burrow.wait_for_text("MIRROR Readme mirror");
    burrow.send(DOWN);
    burrow.wait_until("the cursor on the mirror", |p| {
        p.status_target() == server.url('0', "/readme.txt")
            && p.screen_contains("MIRROR Readme mirror")
    });
    burrow.send(ENTER);
    burrow.wait_for_text("Burrow interop readme");
    burrow.quit();
}

//! The classic client modes of the real binary: `--raw` is byte-exact, `--print` is sanitised
//! plain text, failures exit non-zero with one line on stderr.

mod common;

use common::{Reply, TestServer, info, link};
use std::process::{Command, Output};

fn burrow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_burrow"))
        .args(args)
        .args(["--connect-timeout", "3", "--idle-timeout", "3"])
        .output()
        .expect("run burrow")
}

fn server() -> TestServer {
    TestServer::start(|port| {
        let menu = info("Hello \x1b[31mthere")
            + &link('1', "Docs", "/docs", port)
            + &link('0', "Read me", "/readme.txt", port)
            + ".\r\n";
        let blob: Vec<u8> = (0..=255u8).rev().cycle().take(70_000).collect();
        vec![
            ("", Reply::Bytes(menu.into_bytes())),
            (
                "/readme.txt",
                Reply::Bytes(b"first\r\n..dotted\r\n\x1b]0;x\x07ok\r\n.\r\n".to_vec()),
            ),
            ("/blob", Reply::Bytes(blob)),
            ("/empty", Reply::Bytes(Vec::new())),
            ("/hang", Reply::Hang),
        ]
    })
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

#[test]
fn raw_writes_the_exact_bytes_of_a_binary_reply() {
    let server = server();
    let output = burrow(&["--raw", &server.url('9', "/blob")]);
    assert!(output.status.success(), "{output:?}");
    let expected: Vec<u8> = (0..=255u8).rev().cycle().take(70_000).collect();
    assert_eq!(output.stdout, expected);
}

#[test]
fn raw_does_not_decode_or_unstuff_text() {
    let server = server();
    let output = burrow(&["--raw", &server.url('0', "/readme.txt")]);
    assert_eq!(
        output.stdout,
        b"first\r\n..dotted\r\n\x1b]0;x\x07ok\r\n.\r\n"
    );
}

#[test]
fn print_renders_a_menu_as_sanitised_text() {
    let server = server();
    let output = burrow(&["--print", &server.url('1', "")]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output),
        "       Hello there\n   DIR Docs\n   TXT Read me\n"
    );
}

#[test]
fn print_renders_text_unstuffed_and_sanitised() {
    let server = server();
    let output = burrow(&["--print", &server.url('0', "/readme.txt")]);
    assert_eq!(stdout(&output), "first\n.dotted\nok\n");
}

#[test]
fn print_works_offline_for_the_start_page() {
    let output = burrow(&["--print", "about:start"]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("Burrow is a browser for Gopherspace"));
}

fn assert_one_line_failure(output: &Output, expected: &str) {
    assert!(!output.status.success(), "{output:?}");
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("burrow: "), "{stderr}");
    assert!(
        stderr.contains(expected),
        "{stderr} should contain {expected}"
    );
}

#[test]
fn failures_exit_non_zero_with_one_line() {
    let server = server();
    assert_one_line_failure(
        &burrow(&["--print", &server.url('0', "/empty")]),
        "Empty reply",
    );
    assert_one_line_failure(
        &burrow(&["--raw", &server.url('0', "/hang")]),
        "idle timeout",
    );
    assert_one_line_failure(&burrow(&["--print", "gopher://h/0a%0Ab"]), "LF");
    assert_one_line_failure(
        &burrow(&["--print", "http://example.org/"]),
        "unsupported scheme",
    );
    assert_one_line_failure(
        &burrow(&["--print", &server.url('9', "/blob")]),
        "use --raw",
    );
    let refused = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = refused.local_addr().expect("addr").port();
    drop(refused);
    let url = format!("gopher://127.0.0.1:{port}/");
    assert_one_line_failure(&burrow(&["--raw", &url]), "refused");
}

#[test]
fn help_and_version_are_available() {
    let help = Command::new(env!("CARGO_BIN_EXE_burrow"))
        .arg("--help")
        .output()
        .expect("run");
    assert!(help.status.success());
    let text = stdout(&help);
    for expected in [
        "--raw",
        "--print",
        "--connect-timeout",
        "--idle-timeout",
        "Usage: burrow",
    ] {
        assert!(text.contains(expected), "help mentions {expected}");
    }
    let version = Command::new(env!("CARGO_BIN_EXE_burrow"))
        .arg("--version")
        .output()
        .expect("run");
    assert_eq!(
        stdout(&version),
        format!("burrow {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn print_leaves_no_trailing_spaces_on_blank_info_lines() {
    let output = burrow(&["--print", "about:start"]);
    assert!(stdout(&output).lines().all(|l| l == l.trim_end()));
    assert!(stdout(&output).lines().any(str::is_empty));
}

#[test]
fn print_finishes_at_the_terminator_even_if_the_server_keeps_the_connection_open() {
    let server = TestServer::start(|port| {
        let menu = link('0', "Complete", "/x", port) + ".\r\n";
        vec![("", Reply::Linger(menu.into_bytes()))]
    });
    let started = std::time::Instant::now();
    // The idle timeout is 3 s: finishing well before it means the terminator ended the page.
    let output = burrow(&["--print", &server.url('1', "")]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(stdout(&output), "   TXT Complete\n");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

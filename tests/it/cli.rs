//! The classic client modes of the real binary: `--raw` is byte-exact, `--print` is sanitised
//! plain text, failures exit non-zero with one line on stderr.

use crate::harness::{BURROW, Reply, TestServer, home_env, info, link};
use std::process::{Command, Output};

/// Runs burrow with short timeouts and an empty temporary home (never the real one).
fn burrow(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("temporary home");
    burrow_in(args, home.path())
}

fn burrow_in(args: &[&str], home: &std::path::Path) -> Output {
    Command::new(BURROW)
        .args(args)
        .args(["--connect-timeout", "3", "--idle-timeout", "3"])
        .envs(home_env(home))
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
            (
                "/art.ans",
                Reply::Bytes(b"\xc9\xcd\xbb \x93quoted\x94 \x9b\r\n".to_vec()),
            ),
            ("/empty", Reply::Bytes(Vec::new())),
            (
                "/gone.txt",
                Reply::Bytes(b"3'/gone.txt' does not exist\t\terror.host\t1\r\n".to_vec()),
            ),
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

/// A failure whose last stderr line (after any warnings) is the error.
fn assert_failure_after_warnings(output: &Output, expected: &str) {
    assert!(!output.status.success(), "{output:?}");
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("burrow: ") && last.contains(expected),
        "{stderr}"
    );
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
        &burrow(&["--print", &server.url('0', "/gone.txt")]),
        "the server said \"'/gone.txt' does not exist\"",
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
fn an_empty_reply_prints_an_empty_page_and_succeeds() {
    let server = server();
    let output = burrow(&["--print", &server.url('0', "/empty")]);
    assert!(output.status.success(), "{output:?}");
    assert!(output.stdout.is_empty(), "{output:?}");
}

#[test]
fn help_and_version_are_available() {
    let help = Command::new(BURROW).arg("--help").output().expect("run");
    assert!(help.status.success());
    let text = stdout(&help);
    for expected in [
        "--raw",
        "--print",
        "--connect-timeout",
        "--idle-timeout",
        "Usage: burrow",
        "--print-default-config",
        "NO_COLOR",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
    ] {
        assert!(text.contains(expected), "help mentions {expected}");
    }
    assert!(!text.contains("assets/"), "help names no source-tree path");
    let version = Command::new(BURROW).arg("--version").output().expect("run");
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

#[test]
fn print_goes_through_the_proxy_given_on_the_command_line_or_in_the_config() {
    let server = server();
    let proxy = crate::harness::socks_proxy::SocksProxy::start(false);
    let url = format!("gopher://only.the.proxy.knows:{}/", server.port());
    let output = burrow(&["--print", "--proxy", &proxy.url(), &url]);
    assert!(output.status.success(), "{output:?}");
    assert!(stdout(&output).contains("   DIR Docs"));

    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("config/burrow/config.toml");
    std::fs::create_dir_all(config.parent().expect("folder")).expect("mkdir");
    std::fs::write(&config, format!("proxy = \"{}\"\n", proxy.url())).expect("write config");
    let output = burrow_in(&["--print", &url], home.path());
    assert!(output.status.success(), "{output:?}");
    assert_eq!(proxy.targets().len(), 2, "both runs went through the proxy");
}

#[test]
fn print_decodes_8_bit_text_as_windows_1252_or_as_the_config_says() {
    let server = server();
    let url = server.url('0', "/art.ans");
    let output = burrow(&["--print", &url]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output),
        "\u{c9}\u{cd}\u{bb} \u{201c}quoted\u{201d} \u{203a}\n"
    );

    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("config/burrow/config.toml");
    std::fs::create_dir_all(config.parent().expect("folder")).expect("mkdir");
    std::fs::write(&config, "encoding = \"cp437\"\n").expect("write config");
    let output = burrow_in(&["--print", &url], home.path());
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output),
        "\u{2554}\u{2550}\u{2557} \u{f4}quoted\u{f6} \u{a2}\n"
    );
}

#[test]
fn an_invalid_config_is_reported_with_its_line_and_defaults_are_used() {
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("bad.toml");
    std::fs::write(&config, "\nproxy = [1, 2]\n").expect("write");
    let output = burrow(&[
        "--print",
        "--config",
        config.to_str().expect("utf-8"),
        "about:start",
    ]);
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is invalid, line 2:"), "{stderr}");
    assert!(
        std::fs::read_to_string(&config).expect("read") == "\nproxy = [1, 2]\n",
        "left untouched"
    );
}

#[test]
fn a_bad_proxy_flag_is_an_error() {
    assert_one_line_failure(
        &burrow(&["--print", "--proxy", "http://x:1", "about:start"]),
        "socks5://",
    );
}

#[test]
fn one_shot_modes_refuse_an_untrusted_certificate_and_say_how_to_trust_it() {
    let cert = crate::harness::certs::TestCert::self_signed(&["localhost"]);
    let server = TestServer::start_with("127.0.0.1:0", Some(cert.acceptor()), |_| {
        vec![("", Reply::Bytes(b"iHello\tfake\t(NULL)\t0\r\n".to_vec()))]
    });
    let url = format!("gophers://localhost:{}/", server.port());
    assert_one_line_failure(&burrow(&["--print", &url]), "open the address in burrow");
    assert_one_line_failure(&burrow(&["--raw", &url]), "open the address in burrow");
    assert!(server.requests().is_empty());

    // With the certificate pinned in known_hosts, both work.
    let home = tempfile::tempdir().expect("home");
    let known = home.path().join("data/burrow/known_hosts");
    std::fs::create_dir_all(known.parent().expect("folder")).expect("mkdir");
    let line = format!(
        "localhost:{} {}\n",
        server.port(),
        cert.fingerprint().to_hex()
    );
    std::fs::write(&known, line).expect("write pins");
    let output = burrow_in(&["--print", &url], home.path());
    assert_eq!(stdout(&output), "       Hello\n", "{output:?}");
}

#[test]
fn an_invalid_config_never_turns_a_configured_proxy_off() {
    let server = server();
    let proxy = crate::harness::socks_proxy::SocksProxy::start(false);
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("gopher://only.the.proxy.knows:{}/", server.port());

    // A mistake elsewhere in the file: the proxy is still used.
    let config = dir.path().join("typo.toml");
    std::fs::write(
        &config,
        format!("proxy = \"{}\"\ntimeout = 5\n", proxy.url()),
    )
    .expect("write");
    let output = burrow(&["--print", "--config", config.to_str().expect("utf-8"), &url]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(proxy.targets().len(), 1);

    // A proxy that cannot be read: nothing connects, and the reason is given.
    let config = dir.path().join("broken.toml");
    std::fs::write(&config, "proxy = \"socks5://127.0.0.1\n").expect("write");
    let direct = format!("gopher://127.0.0.1:{}/", server.port());
    let before = server.requests().len();
    assert_failure_after_warnings(
        &burrow(&[
            "--print",
            "--config",
            config.to_str().expect("utf-8"),
            &direct,
        ]),
        "not connecting",
    );
    assert_eq!(
        server.requests().len(),
        before,
        "no direct connection was made"
    );

    // An unusable proxy value: the same.
    let config = dir.path().join("bad-value.toml");
    std::fs::write(&config, "proxy = \"http://127.0.0.1:8080\"\n").expect("write");
    assert_failure_after_warnings(
        &burrow(&[
            "--print",
            "--config",
            config.to_str().expect("utf-8"),
            &direct,
        ]),
        "not connecting",
    );
    assert_eq!(server.requests().len(), before);
}

#[test]
fn print_writes_what_arrived_before_a_reset_then_an_incomplete_line_and_fails_saying_so() {
    let server = TestServer::start(|_| {
        vec![(
            "/cut",
            Reply::Reset(b"first line\r\nsecond line\r\npartial".to_vec()),
        )]
    });
    let output = burrow(&["--print", &server.url('0', "/cut")]);
    let printed = stdout(&output);
    assert!(
        printed.starts_with("first line\nsecond line\npartial\n\n[incomplete] ")
            && printed.contains("reset"),
        "{printed}"
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("incomplete") && stderr.contains("reset"),
        "{stderr}"
    );
}

#[test]
fn help_names_the_config_and_data_files_where_they_are_in_this_home() {
    let home = tempfile::tempdir().expect("temporary home");
    let output = burrow_in(&["--help"], home.path());
    let text = stdout(&output);
    let config = home.path().join("config").join("burrow");
    let data = home.path().join("data").join("burrow");
    for file in [
        config.join("config.toml"),
        config.join("bookmarks.gophermap"),
        data.join("known_hosts"),
    ] {
        let file = file.display().to_string();
        assert!(text.contains(&file), "help names {file}:\n{text}");
    }
}

#[test]
fn a_time_limit_out_of_range_says_the_range_in_seconds() {
    for flag in ["--connect-timeout", "--idle-timeout", "--total-timeout"] {
        for bad in ["0", "86401"] {
            let output = Command::new(BURROW)
                .args([flag, bad, "--print", "gopher://127.0.0.1:1/"])
                .output()
                .expect("run");
            assert!(!output.status.success());
            let error = String::from_utf8_lossy(&output.stderr);
            assert!(
                error.contains("must be 1–86400 seconds"),
                "{flag} {bad}: {error}"
            );
        }
    }
}

#[test]
fn print_default_config_prints_the_example_config() {
    let output = Command::new(BURROW)
        .arg("--print-default-config")
        .output()
        .expect("run");
    assert!(output.status.success());
    assert_eq!(
        output.stdout,
        include_bytes!("../../assets/config.example.toml").to_vec()
    );
}

#[test]
fn without_a_terminal_the_browser_says_so_and_names_the_one_shot_modes() {
    let home = tempfile::tempdir().expect("temporary home");
    // Standard output is a pipe here, so there is no screen to draw on.
    let output = Command::new(BURROW)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run");
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "nothing drawn into the pipe");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "burrow needs a terminal; use --print or --raw\n"
    );
}

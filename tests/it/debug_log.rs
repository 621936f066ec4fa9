//! `--log FILE` in the real binary: requests, timings, TLS decisions and errors go to the file,
//! page contents never do, nothing goes to the terminal, and without the flag nothing is
//! written anywhere.

use crate::harness::pty::{BURROW, PtySession};
use crate::harness::{Reply, TestServer, home_env, info};
use std::path::Path;
use std::process::{Command, Output};

const SECRET: &str = "page-text-that-must-not-be-logged";

fn burrow_in(args: &[&str], home: &Path) -> Output {
    Command::new(BURROW)
        .args(args)
        .args(["--connect-timeout", "3", "--idle-timeout", "3"])
        .envs(home_env(home))
        .current_dir(home)
        .output()
        .expect("run burrow")
}

fn server() -> TestServer {
    TestServer::start(|_| vec![("", Reply::Bytes((info(SECRET) + ".\r\n").into_bytes()))])
}

/// Whether the log says how request 1 ended: done, or stopped once the page had its
/// terminator, with the bytes and the time.
fn ended(log: &str) -> bool {
    log.lines().any(|line| {
        (line.contains("request 1: done, ") && line.contains(" bytes in "))
            || (line.contains("request 1: stopped after ") && line.contains(" bytes"))
    })
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn the_log_names_the_request_its_timings_and_its_end_but_not_the_page() {
    let server = server();
    let home = tempfile::tempdir().expect("home");
    let log = home.path().join("burrow.log");
    let url = server.url('1', "");
    let output = burrow_in(
        &["--log", log.to_str().expect("UTF-8"), "--print", &url],
        home.path(),
    );
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(SECRET));
    assert!(output.stderr.is_empty(), "nothing logged to the terminal");
    let text = std::fs::read_to_string(&log).expect("the log file");
    for expected in [
        "started",
        "mode: --print",
        &format!("request 1: gopher://127.0.0.1:{}/ (direct", server.port()),
        "connected to 127.0.0.1:",
        "first bytes after",
        "ended",
    ] {
        assert!(text.contains(expected), "{expected:?} in the log:\n{text}");
    }
    assert!(ended(&text), "the request's end in the log:\n{text}");
    assert!(
        !text.contains(SECRET),
        "page contents never logged:\n{text}"
    );
}

#[test]
fn a_failed_request_and_a_tls_decision_are_logged() {
    let refused = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = refused.local_addr().expect("addr").port();
    drop(refused);
    let home = tempfile::tempdir().expect("home");
    let log = home.path().join("burrow.log");
    let log_arg = log.to_str().expect("UTF-8");
    let url = format!("gopher://127.0.0.1:{port}/");
    let output = burrow_in(&["--log", log_arg, "--print", &url], home.path());
    assert!(!output.status.success());

    let cert = crate::harness::certs::TestCert::self_signed(&["localhost"]);
    let tls = TestServer::start_with("127.0.0.1:0", Some(cert.acceptor()), |_| {
        vec![("", Reply::Bytes(b"iHello\tfake\t(NULL)\t0\r\n".to_vec()))]
    });
    let tls_url = format!("gophers://localhost:{}/", tls.port());
    let output = burrow_in(&["--log", log_arg, "--raw", &tls_url], home.path());
    assert!(
        !output.status.success(),
        "an untrusted certificate is refused"
    );

    let text = std::fs::read_to_string(&log).expect("the log file");
    assert!(
        text.contains("request 1: failed after") && text.contains("refused"),
        "{text}"
    );
    assert!(
        text.contains(&format!("TLS localhost:{}: not trusted", tls.port()))
            && text.contains(&cert.fingerprint().to_string()),
        "{text}"
    );
    assert!(text.contains("ended with an error"), "{text}");
}

#[test]
fn without_log_nothing_is_written() {
    let server = server();
    let home = tempfile::tempdir().expect("home");
    let output = burrow_in(&["--print", &server.url('1', "")], home.path());
    assert!(output.status.success());
    assert!(output.stderr.is_empty());
    assert_eq!(files_under(home.path()), Vec::<std::path::PathBuf>::new());
}

#[test]
fn the_browser_logs_to_the_file_and_draws_only_the_page() {
    let server = server();
    let home = tempfile::tempdir().expect("home");
    let log = home.path().join("burrow.log");
    let url = server.url('1', "");
    let session = PtySession::spawn_in(
        BURROW,
        &["--log", log.to_str().expect("UTF-8"), &url],
        home.path(),
    );
    session.wait_for_text(SECRET);
    assert!(
        !session.screen_contains("request 1"),
        "log lines never reach the screen:\n{}",
        session.dump()
    );
    let logged = || std::fs::read_to_string(&log).unwrap_or_default();
    session.wait_until("the request's end in the log", |_| ended(&logged()));
    let text = logged();
    assert!(text.contains("mode: browser"), "{text}");
    assert!(!text.contains(SECRET));
}

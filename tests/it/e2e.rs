//! End-to-end tests: the real `burrow` binary runs in a pseudo-terminal, a vt100 emulator keeps
//! its screen, and the tests press keys and read what a person would see.

use crate::harness::pty::*;
use crate::harness::{Reply, TestServer, info, link};
use std::time::Duration;

/// A Text file in Gopher's format: CRLF lines and the closing dot.
const HELLO_TEXT: &[u8] = b"Hello from the pty test\r\nsecond line\r\n.\r\n";

#[test]
fn browse_menu_follow_link_read_text_go_back_and_quit() {
    let server = TestServer::start(|port| {
        let menu = [
            info("Welcome to the pty test server"),
            link('1', "A directory", "/dir", port),
            link('0', "Read me", "/hello.txt", port),
            ".\r\n".to_owned(),
        ]
        .concat();
        vec![
            ("", Reply::Bytes(menu.into_bytes())),
            ("/hello.txt", Reply::Bytes(HELLO_TEXT.to_vec())),
        ]
    });
    let menu_url = server.url('1', "");
    // The root menu's canonical address has no type or selector.
    let root_url = format!("gopher://127.0.0.1:{}/", server.port());
    let dir_url = server.url('1', "/dir");
    let text_url = server.url('0', "/hello.txt");
    let mut burrow = PtySession::spawn(BURROW, &[&menu_url]);

    burrow.wait_for_title(&root_url);
    assert_eq!(burrow.security_label(), "[not encrypted]");
    burrow.wait_for_text("Welcome to the pty test server");
    burrow.wait_for_text("   DIR A directory");
    burrow.wait_for_text("   TXT Read me");
    burrow.wait_for_status(&dir_url);

    burrow.send(DOWN);
    burrow.wait_until("the status bar to show the TXT item's address", |s| {
        s.status_target() == text_url
    });

    burrow.send(ENTER);
    burrow.wait_for_text("Hello from the pty test");
    burrow.wait_for_text("second line");
    burrow.wait_for_title(&text_url);
    assert!(
        !burrow.screen_contains("Welcome to the pty test server"),
        "the menu is still on screen under the text\n{}",
        burrow.dump()
    );

    burrow.send(LEFT);
    burrow.wait_for_title(&root_url);
    burrow.wait_for_text("   TXT Read me");
    burrow.wait_until("the cursor to be back on the TXT item", |s| {
        s.status_target() == text_url
    });
    assert!(
        !burrow.screen_contains("Hello from the pty test"),
        "the text is still on screen after going back\n{}",
        burrow.dump()
    );

    burrow.send("q");
    let status = burrow.wait_for_exit();
    assert!(
        status.success(),
        "burrow exited with {status:?}\n{}",
        burrow.dump()
    );
    let requests = server.requests();
    assert!(
        requests.contains(&b"/hello.txt".to_vec()),
        "the server never saw the text request: {requests:?}"
    );
}

#[test]
fn escape_cancels_a_hanging_load_and_the_previous_page_stays_usable() {
    let server = TestServer::start(|port| {
        let menu = [
            info("A menu with a slow hole"),
            link('1', "Slow hole", "/hang", port),
            link('0', "Read me", "/hello.txt", port),
            ".\r\n".to_owned(),
        ]
        .concat();
        vec![
            ("", Reply::Bytes(menu.into_bytes())),
            ("/hang", Reply::Hang),
            ("/hello.txt", Reply::Bytes(HELLO_TEXT.to_vec())),
        ]
    });
    let menu_url = server.url('1', "");
    // The root menu's canonical address has no type or selector.
    let root_url = format!("gopher://127.0.0.1:{}/", server.port());
    let hang_url = server.url('1', "/hang");
    let text_url = server.url('0', "/hello.txt");
    let mut burrow = PtySession::spawn(BURROW, &["--idle-timeout", "600", &menu_url]);

    burrow.wait_for_title(&root_url);
    burrow.wait_for_text("   DIR Slow hole");
    burrow.wait_until("the cursor on the hanging link", |s| {
        s.status_target() == hang_url
    });

    burrow.send(ENTER);
    burrow.wait_for_status("Esc cancels");
    assert!(
        burrow.status_bar().contains(&hang_url),
        "the loading status does not name the address\n{}",
        burrow.dump()
    );

    // A lone ESC, so the terminal input parser cannot take it for the start of a sequence.
    burrow.send(ESC);
    burrow.wait_for_status("Cancelled");
    // The load stays cancelled: no spinner comes back.
    std::thread::sleep(Duration::from_millis(500));
    let status = burrow.status_bar();
    assert!(
        status.contains("Cancelled") && !status.contains("Esc cancels"),
        "the load came back after Esc: {status:?}\n{}",
        burrow.dump()
    );
    assert!(
        burrow.title_bar() == format!(" Burrow  {root_url}"),
        "the title no longer shows the menu\n{}",
        burrow.dump()
    );
    assert!(
        burrow.screen_contains("A menu with a slow hole") && burrow.screen_contains("Slow hole"),
        "the menu is gone after cancelling\n{}",
        burrow.dump()
    );

    burrow.send(DOWN);
    burrow.wait_until("Down to move to the TXT item after cancelling", |s| {
        s.status_target() == text_url
    });
    burrow.send(UP);
    burrow.wait_until("Up to move back to the hanging link", |s| {
        s.status_target() == hang_url
    });

    burrow.send("q");
    let exit = burrow.wait_for_exit();
    assert!(
        exit.success(),
        "burrow exited with {exit:?}\n{}",
        burrow.dump()
    );
}

#[test]
fn quit_restores_the_terminal() {
    let mut burrow = PtySession::spawn(BURROW, &[]);
    burrow.wait_for_title("about:start");
    // While running, the terminal is raw, on the alternate screen, with the mouse captured;
    // checking this first shows the checks after quitting can tell the difference.
    assert!(burrow.raw_mode(), "burrow runs without raw mode");
    burrow.with_screen(|screen| {
        assert!(screen.alternate_screen(), "burrow runs on the main screen");
        assert_ne!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "burrow runs without mouse capture"
        );
    });

    burrow.send("q");
    let status = burrow.wait_for_exit();
    assert!(status.success(), "burrow exited with {status:?}");
    burrow.assert_terminal_restored("quitting");
}

/// Sends `signal` (a `kill` name such as "TERM") and checks Burrow exits restoring the terminal.
fn signal_restores_the_terminal(signal: &str) {
    let mut burrow = PtySession::spawn(BURROW, &[]);
    burrow.wait_for_title("about:start");
    burrow.wait_for_text("Burrow is a browser for Gopherspace");
    assert!(burrow.raw_mode(), "burrow runs without raw mode");
    assert!(
        burrow.with_screen(|screen| screen.alternate_screen()),
        "burrow runs on the main screen"
    );

    let pid = burrow.child.process_id().expect("the child's process id");
    let kill = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(kill.success(), "kill -{signal} {pid} failed: {kill:?}");

    let status = burrow.wait_for_exit();
    assert!(
        status.success(),
        "burrow did not exit cleanly on SIG{signal}: {status:?}"
    );
    burrow.assert_terminal_restored(&format!("SIG{signal}"));
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

#[test]
fn no_argument_opens_the_builtin_start_page() {
    let mut burrow = PtySession::spawn(BURROW, &[]);
    burrow.wait_for_title("about:start");
    burrow.wait_for_text("Burrow is a browser for Gopherspace");
    burrow.wait_for_text("   DIR Floodgap");

    burrow.send("q");
    let status = burrow.wait_for_exit();
    assert!(status.success(), "burrow exited with {status:?}");
}

#[test]
fn a_resize_redraws_the_screen_at_the_new_size() {
    let mut burrow = PtySession::spawn(BURROW, &[]);
    burrow.wait_for_title("about:start");
    burrow.resize(30, 100);
    // The status bar moves to the new last row and the title bar spans the new width.
    burrow.wait_until("the status bar on row 29", |s| {
        s.row(29).contains("about:help")
    });
    burrow.resize(10, 50);
    burrow.wait_until("the status bar on row 9", |s| {
        s.row(9).contains("about:help")
    });
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}

#[test]
fn a_self_signed_server_is_trusted_once_pinned_and_accepted_silently_next_time() {
    let cert = crate::harness::certs::TestCert::self_signed(&["localhost"]);
    let server = TestServer::start_with("127.0.0.1:0", Some(cert.acceptor()), |port| {
        let menu = link('0', "Behind TLS", "/t", port) + ".\r\n";
        vec![("", Reply::Bytes(menu.into_bytes()))]
    });
    let url = format!("gophers://localhost:{}/", server.port());
    let home = tempfile::tempdir().expect("temporary home");

    let mut first = PtySession::spawn_in(BURROW, &[&url], home.path());
    first.wait_for_text("Unverified certificate for localhost:");
    first.wait_for_text(&cert.fingerprint().as_two_lines()[0]);
    first.wait_for_status("(y/n) Trust the certificate shown for localhost:");
    assert!(
        server.requests().is_empty(),
        "nothing is requested before the user decides"
    );
    first.send("y");
    first.wait_for_text("   TXT Behind TLS");
    assert_eq!(first.security_label(), "[TLS: pinned certificate]");
    first.send("q");
    assert!(first.wait_for_exit().success());
    let pins = std::fs::read_to_string(home.path().join("data/burrow/known_hosts"))
        .expect("the pin was saved");
    assert!(pins.contains(&format!(
        "localhost:{} {}",
        server.port(),
        cert.fingerprint().to_hex()
    )));

    let mut second = PtySession::spawn_in(BURROW, &[&url], home.path());
    second.wait_for_text("   TXT Behind TLS");
    assert_eq!(second.security_label(), "[TLS: pinned certificate]");
    second.send("q");
    assert!(second.wait_for_exit().success());
}

/// User plus system CPU time of a process, in clock ticks, from /proc.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read /proc stat");
    // Fields after the command name (which is in parentheses and may hold spaces).
    let after = &stat[stat.rfind(')').expect("command name") + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: u64 = fields[11].parse().expect("utime");
    let stime: u64 = fields[12].parse().expect("stime");
    utime + stime
}

#[test]
fn an_idle_browser_uses_no_cpu() {
    let mut burrow = PtySession::spawn(BURROW, &[]);
    burrow.wait_for_title("about:start");
    let pid = burrow.child.process_id().expect("pid");
    std::thread::sleep(Duration::from_millis(300));
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(pid) - before;
    assert!(used <= 1, "{used} clock ticks of CPU in 2 s of idling");
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}

#[test]
fn an_idle_browser_with_five_tabs_open_uses_no_cpu() {
    let home = tempfile::tempdir().expect("temp home");
    let mut burrow = PtySession::spawn_in(BURROW, &[], home.path());
    burrow.wait_for_title("about:start");
    burrow.send("\x14\x14\x14\x14");
    // The bar shows once a second tab opens; five cells of the start page then fill it.
    burrow.wait_until("five tabs in the bar", |s| {
        s.rows()
            .iter()
            .any(|row| row.matches("about:start").count() >= 5)
            || s.rows().iter().any(|row| row.matches("Start").count() >= 5)
    });
    // Opening tabs changes the session, which is written half a second later: idling
    // is measured from after that write, so the one write is not counted as idle work.
    let session = home.path().join("state/burrow/session");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !session.exists() {
        assert!(std::time::Instant::now() < deadline, "no session written");
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = burrow.child.process_id().expect("pid");
    std::thread::sleep(Duration::from_millis(300));
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(pid) - before;
    assert!(
        used <= 1,
        "{used} clock ticks of CPU in 2 s of idling with 5 tabs"
    );
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}

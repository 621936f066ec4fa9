//! End-to-end tests of Burrow's terminal manners in the real binary, in a pseudo-terminal: it
//! exits promptly on a hangup or SIGTERM even while a save is stuck, suspends and comes back
//! (SIGTSTP/SIGCONT, Ctrl-Z), takes a bracketed paste as text, keeps the selection through a
//! resize, and reports clicks without motion tracking (or not at all with `mouse = false`).

use crate::harness::pty::*;
use crate::harness::{Reply, TestServer, info, link};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// Longest a stuck exit may take: Burrow promises about a second; the old code took 5 s.
const PROMPT_EXIT: Duration = Duration::from_secs(3);

fn menu_server(entries: usize) -> TestServer {
    TestServer::start(move |port| {
        let mut menu = info("Terminal test menu");
        for i in 1..=entries {
            menu += &link('0', &format!("Entry {i:06}"), &format!("/e{i}"), port);
        }
        menu += ".\r\n";
        vec![("", Reply::Bytes(menu.into_bytes()))]
    })
}

fn root(server: &TestServer) -> String {
    format!("gopher://127.0.0.1:{}/", server.port())
}

/// Makes the bookmarks file a FIFO, bookmarks the page, and waits until Burrow is stuck
/// reading it. The returned writer end keeps it stuck (nothing is ever written).
fn stuck_bookmark_save(burrow: &mut PtySession, home: &Path) -> std::fs::File {
    let fifo = home.join("config/burrow/bookmarks.gophermap");
    std::fs::create_dir_all(fifo.parent().expect("a folder")).expect("config folder");
    let path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0, "mkfifo");
    burrow.send("a");
    burrow.wait_for_status("Bookmark as:");
    burrow.send(ENTER);
    // Opening the writer end without blocking succeeds only once Burrow has the FIFO open
    // for reading; from then on its read waits for bytes that never come.
    let start = Instant::now();
    loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
        {
            Ok(writer) => return writer,
            Err(_) if start.elapsed() < DEADLINE => std::thread::sleep(POLL),
            Err(e) => panic!(
                "Burrow never opened the bookmarks FIFO: {e}\n{}",
                burrow.dump()
            ),
        }
    }
}

/// Waits (bounded) for the child to exit and returns how long that took.
fn time_to_exit(burrow: &mut PtySession) -> (Duration, bool) {
    let start = Instant::now();
    let status = burrow.wait_for_exit();
    (start.elapsed(), status.success())
}

#[test]
fn a_hangup_while_a_save_is_stuck_ends_burrow_within_a_second_or_so() {
    let server = menu_server(3);
    let home = tempfile::tempdir().expect("temporary home");
    let mut burrow = PtySession::spawn_in(BURROW, &[&root(&server)], home.path());
    burrow.wait_for_text("Entry 000001");
    let _stuck = stuck_bookmark_save(&mut burrow, home.path());
    burrow.hang_up();
    let (took, success) = time_to_exit(&mut burrow);
    assert!(took < PROMPT_EXIT, "exiting after the hangup took {took:?}");
    assert!(success, "burrow did not end cleanly after the hangup");
}

#[test]
fn sigterm_while_a_save_is_stuck_ends_burrow_promptly_and_restores_the_terminal() {
    let server = menu_server(3);
    let home = tempfile::tempdir().expect("temporary home");
    let mut burrow = PtySession::spawn_in(BURROW, &[&root(&server)], home.path());
    burrow.wait_for_text("Entry 000001");
    let _stuck = stuck_bookmark_save(&mut burrow, home.path());
    let pid = burrow.child.process_id().expect("pid");
    send_signal(pid, "TERM");
    let (took, success) = time_to_exit(&mut burrow);
    assert!(took < PROMPT_EXIT, "exiting after SIGTERM took {took:?}");
    assert!(success);
    burrow.assert_terminal_restored("SIGTERM with a stuck save");
}

#[test]
fn a_hangup_with_nothing_stuck_ends_burrow_at_once() {
    let mut burrow = PtySession::spawn(BURROW, &[]);
    burrow.wait_for_title("about:start");
    burrow.hang_up();
    let (took, success) = time_to_exit(&mut burrow);
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(success);
}

fn send_signal(pid: u32, signal: &str) {
    let kill = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(kill.success(), "kill -{signal} {pid}");
}

/// The process state letter from /proc (`T` when stopped).
fn process_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read /proc stat");
    let after = &stat[stat.rfind(')').expect("command name") + 2..];
    after.chars().next().expect("a state")
}

/// Stops Burrow with `stop` (a key or a signal), checks the terminal is the shell's again,
/// continues it and checks it is back: raw mode, its screen repainted, keys answered.
fn suspends_and_comes_back(stop: impl FnOnce(&mut PtySession, u32)) {
    let server = menu_server(5);
    let mut burrow = PtySession::spawn(BURROW, &[&root(&server)]);
    burrow.wait_for_text("Entry 000005");
    let pid = burrow.child.process_id().expect("pid");
    stop(&mut burrow, pid);
    burrow.wait_until("burrow to stop", |_| process_state(pid) == 'T');
    burrow.wait_until("the main screen back", |s| {
        s.with_screen(|screen| !screen.alternate_screen())
    });
    assert!(
        !burrow.raw_mode(),
        "the terminal is left raw while suspended"
    );
    burrow.with_screen(|screen| {
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        assert!(
            !screen.hide_cursor(),
            "the cursor is hidden while suspended"
        );
    });

    send_signal(pid, "CONT");
    burrow.wait_until("raw mode and the alternate screen again", |s| {
        s.raw_mode() && s.with_screen(|screen| screen.alternate_screen())
    });
    burrow.wait_for_text("Entry 000005");
    burrow.send("j");
    burrow.wait_until("Down to move the cursor", |s| {
        s.status_bar().contains("/0/e2")
    });
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
    burrow.assert_terminal_restored("quitting after a suspend");
}

#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again_with_a_full_repaint() {
    suspends_and_comes_back(|_, pid| send_signal(pid, "TSTP"));
}

#[test]
fn ctrl_z_suspends_like_sigtstp() {
    suspends_and_comes_back(|burrow, _| burrow.send("\x1a"));
}

#[test]
fn a_bracketed_paste_is_text_in_go_to_and_a_pasted_q_does_not_quit() {
    let server = menu_server(3);
    let mut burrow = PtySession::spawn(BURROW, &[]);
    burrow.wait_for_title("about:start");
    burrow.send("\x1b[200~quux.org\x1b[201~");
    burrow.wait_for_status("Go to: quux.org");
    // Clear the line and paste a whole address ending in a line break: it is not submitted.
    burrow.send("\x15");
    burrow.send(&format!("\x1b[200~{}\r\n\x1b[201~", root(&server)));
    burrow.wait_for_status(&format!("Go to: {}", root(&server)));
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        burrow.status_bar().contains("Go to:"),
        "the pasted line break submitted the prompt\n{}",
        burrow.dump()
    );
    burrow.send(ENTER);
    burrow.wait_for_text("Entry 000001");
    burrow.send("\x1b[200~q\x1b[201~");
    burrow.wait_for_status("Go to: q");
    assert!(
        burrow.child.try_wait().expect("poll").is_none(),
        "a pasted q quit"
    );
    burrow.send(ESC);
    burrow.wait_until("the prompt closed", |s| !s.status_bar().contains("Go to:"));
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}

#[test]
fn after_making_the_window_smaller_the_selection_is_on_screen_and_down_moves_from_it() {
    let server = menu_server(100);
    let mut burrow = PtySession::spawn(BURROW, &[&root(&server)]);
    burrow.wait_for_text("Entry 000001");
    burrow.send(&"j".repeat(27));
    burrow.wait_for_status("/0/e28");
    burrow.resize(8, 60);
    burrow.wait_until("the selected entry on screen", |s| {
        s.screen_contains("Entry 000028") && s.row(7).contains("/0/e28")
    });
    burrow.send("j");
    burrow.wait_until("the next entry selected and shown", |s| {
        s.row(7).contains("/0/e29") && s.screen_contains("Entry 000029")
    });
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}

#[test]
fn a_click_selects_a_link_and_a_second_click_follows_it_with_no_motion_tracking() {
    let server = menu_server(5);
    let mut burrow = PtySession::spawn(BURROW, &[&root(&server)]);
    burrow.wait_for_text("Entry 000005");
    burrow.with_screen(|screen| {
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::PressRelease,
            "only presses and releases are asked for"
        );
    });
    // SGR reports count from 1: column 10, row 5 is screen row 4, the menu's fourth line
    // (the info line, then Entry 000001..).
    let click = "\x1b[<0;10;5M\x1b[<0;10;5m";
    burrow.send(click);
    burrow.wait_for_status("/0/e3");
    burrow.send(click);
    burrow.wait_for_title(&format!("gopher://127.0.0.1:{}/0/e3", server.port()));
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}

#[test]
fn with_mouse_off_in_the_config_the_mouse_is_left_to_the_terminal() {
    let home = tempfile::tempdir().expect("temporary home");
    std::fs::create_dir_all(home.path().join("config/burrow")).expect("config folder");
    std::fs::write(
        home.path().join("config/burrow/config.toml"),
        "mouse = false\n",
    )
    .expect("write the config");
    let mut burrow = PtySession::spawn_in(BURROW, &[], home.path());
    burrow.wait_for_title("about:start");
    burrow.with_screen(|screen| {
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    });
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}

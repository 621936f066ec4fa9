//! `u` and `U` in the real binary in a pseudo-terminal against gophernicus (which serves a
//! generated caps.txt) and pygopherd (which has none, so the POSIX rules apply): from a text
//! in the subdirectory up to the subdirectory's menu, then the root, then "already at the
//! root". Skipped without the servers, as the other interop tests are (`interop.rs`).

use crate::harness::BURROW;
use crate::harness::pty::PtySession;
use crate::interop::{Server, gophernicus, pygopherd};

fn climbs_from_a_text_to_the_root(server: &Server) {
    let inner = server.url('0', "/subdir/inner.txt");
    let mut burrow = PtySession::spawn(BURROW, &["--idle-timeout", "10", &inner]);
    burrow.wait_for_location(&inner);
    burrow.wait_for_text("Inside the subdirectory");
    burrow.send("u");
    let subdir = server.url('1', "/subdir");
    burrow.wait_for_location(&subdir);
    burrow.wait_for_text("inner");
    burrow.send("U");
    burrow.wait_for_location(&server.root_url());
    burrow.wait_for_text("subdir");
    burrow.send("u");
    let at_root = format!("Already at the root of {}", server.address);
    burrow.wait_until("the status bar to say it is the root", |s| {
        s.status_bar().contains(&at_root)
    });
    burrow.send("h");
    burrow.wait_for_location(&subdir);
    burrow.quit();
}

#[test]
fn gophernicus_u_and_capital_u_climb_by_its_caps_txt() {
    if let Some(server) = gophernicus("gophernicus_u_and_capital_u_climb_by_its_caps_txt") {
        climbs_from_a_text_to_the_root(&server);
    }
}

#[test]
fn pygopherd_u_and_capital_u_climb_by_the_default_rules() {
    if let Some(server) = pygopherd("pygopherd_u_and_capital_u_climb_by_the_default_rules") {
        climbs_from_a_text_to_the_root(&server);
    }
}

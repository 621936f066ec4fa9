//! Filter as you type in the real binary: `&` and a word on a menu served over TCP, in a
//! pseudo-terminal, then following what is left.

use crate::harness::pty::*;
use crate::harness::{Reply, TestServer, info, link};

#[test]
fn ampersand_and_a_word_narrow_a_real_menu_and_enter_follows_the_link_left() {
    let server = TestServer::start(|port| {
        let mut menu = vec![info("A long menu of holes")];
        for n in 1..=60 {
            let name = match n {
                42 => "The rabbit hole".to_owned(),
                _ => format!("Hole number {n}"),
            };
            menu.push(link('0', &name, &format!("/hole/{n}"), port));
        }
        menu.push(".\r\n".to_owned());
        vec![
            ("", Reply::Bytes(menu.concat().into_bytes())),
            (
                "/hole/42",
                Reply::Bytes(b"Down the rabbit hole\r\n.\r\n".to_vec()),
            ),
        ]
    });
    let mut burrow = PtySession::spawn(BURROW, &[&server.url('1', "")]);
    burrow.wait_for_text("   TXT Hole number 1");
    burrow.send("&");
    burrow.wait_for_status("Filter (");
    burrow.send("rabbit");
    burrow.wait_for_status("Filter (1 of 61 lines): rabbit");
    burrow.wait_until("only the rabbit hole on screen", |s| {
        s.screen_contains("   TXT The rabbit hole") && !s.screen_contains("Hole number")
    });
    burrow.send(ENTER);
    burrow.wait_for_status("Showing 1 of 61 lines");
    burrow.send(ENTER);
    burrow.wait_for_text("Down the rabbit hole");
    burrow.wait_for_title(&server.url('0', "/hole/42"));
    burrow.send(LEFT);
    // The whole menu again, the cursor on the item followed, where it stood on screen.
    burrow.wait_for_text("   TXT Hole number 50");
    burrow.wait_for_status(&server.url('0', "/hole/42"));
    burrow.quit();
}

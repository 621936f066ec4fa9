//! The position in a text page counts screen rows at the current width: `Row 23 of 400`,
//! exact once the rows are counted, counted in steps (wakes) on a big page and again after a
//! resize, never 100% at the top of a page that does not fit. Update and screen level.

use crate::harness::driver::{app, fetched, keys, screen_rows, show, url};
use burrow::app::input::Key;
use burrow::app::{Command, Msg};

fn status(app: &burrow::app::App) -> String {
    screen_rows(app)[usize::from(app.screen.1) - 1].clone()
}

/// `lines` lines of `columns` ASCII characters each.
fn long_lines(lines: usize, columns: usize) -> Vec<u8> {
    let line = "word ".repeat(columns / 5);
    (0..lines)
        .flat_map(|_| format!("{line}\r\n").into_bytes())
        .collect()
}

fn row_count_wake(commands: &[Command]) -> Option<u64> {
    commands.iter().find_map(|c| match c {
        Command::WakeAfter { token, after_ms: 0 } => Some(*token),
        _ => None,
    })
}

#[test]
fn three_very_long_lines_read_row_1_and_a_small_percentage_at_the_top_and_100_at_the_end() {
    // Three lines of 8,000 characters: 100 rows each at 80 columns, 22 rows on screen.
    let mut app = app();
    show(
        &mut app,
        "gopher://gopher.example/0/long",
        &long_lines(3, 8000),
    );
    assert!(
        status(&app).starts_with("Row 1 of 300 (7%)"),
        "{}",
        status(&app)
    );
    keys(&mut app, &[Key::Down]);
    assert!(
        status(&app).starts_with("Row 2 of 300 (7%)"),
        "{}",
        status(&app)
    );
    keys(&mut app, &[Key::End]);
    assert!(
        status(&app).starts_with("Row 279 of 300 (100%)"),
        "{}",
        status(&app)
    );
    keys(&mut app, &[Key::Up]);
    assert!(
        status(&app).starts_with("Row 278 of 300 (99%)"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_page_that_fits_reads_100_percent_at_its_top() {
    let mut app = app();
    show(
        &mut app,
        "gopher://gopher.example/0/short",
        b"one\r\ntwo\r\n",
    );
    assert!(
        status(&app).starts_with("Row 1 of 2 (100%)"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_narrower_window_counts_the_rows_again_at_its_width() {
    let mut app = app();
    show(
        &mut app,
        "gopher://gopher.example/0/long",
        &long_lines(3, 8000),
    );
    app.update(Msg::Resize(40, 24));
    assert!(
        status(&app).starts_with("Row 1 of 600 (3%)"),
        "{}",
        status(&app)
    );
    keys(&mut app, &[Key::End]);
    assert!(
        status(&app).starts_with("Row 579 of 600 (100%)"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_big_page_is_counted_in_steps_between_keys_and_is_exact_when_done() {
    // 3.2 MB of text in 2,000 lines of 800 accented letters (not ASCII, so wrapped by
    // graphemes): more than one counting step.
    let mut app = app();
    let lines = 2000;
    let commands = app.update(Msg::Open(burrow::app::Location::Gopher(url(
        "gopher://gopher.example/0/big",
    ))));
    let (id, _) = fetched(&commands);
    let text: Vec<u8> = (0..lines)
        .flat_map(|n| format!("{n:\u{e9}>800}\r\n").into_bytes())
        .collect();
    let mut wake = None;
    for event in [
        burrow::gopher::transfer::FetchEvent::Chunk(text),
        burrow::gopher::transfer::FetchEvent::Done,
    ] {
        let commands = app.update(Msg::Fetch(burrow::gopher::transfer::FetchUpdate {
            id,
            event,
        }));
        wake = wake.or(row_count_wake(&commands));
    }
    // End while counting: the row at the top is not known yet; the percentage at the end is.
    keys(&mut app, &[Key::End]);
    let shown = status(&app);
    assert!(shown.starts_with("Row ? of "), "{shown}");
    assert!(shown.contains("+ (100%)"), "the end is exact: {shown}");
    let mut steps = 0;
    while let Some(token) = wake {
        steps += 1;
        assert!(steps < 1000, "counting ends");
        wake = row_count_wake(&app.update(Msg::Wake(token)));
    }
    assert!(steps >= 1, "counted by wakes");
    // 2,000 lines of 10 rows.
    assert!(
        status(&app).starts_with("Row 19,979 of 20,000 (100%)"),
        "{}",
        status(&app)
    );
    keys(&mut app, &[Key::Home]);
    assert!(
        status(&app).starts_with("Row 1 of 20,000 (0%)"),
        "{}",
        status(&app)
    );
}

#[test]
fn menus_keep_their_item_position() {
    let mut app = app();
    let mut menu = Vec::new();
    for n in 1..=100 {
        menu.extend(format!("0Item {n}\t/item/{n}\tgopher.example\t70\r\n").as_bytes());
    }
    show(&mut app, "gopher://gopher.example/", &menu);
    keys(&mut app, &[Key::Down, Key::Down]);
    assert!(status(&app).ends_with("item 3 of 100"), "{}", status(&app));
}

#[test]
fn an_empty_text_says_so_instead_of_row_1_of_0() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/0/empty", b"");
    assert!(status(&app).starts_with("Empty text"), "{}", status(&app));
    show(&mut app, "gopher://gopher.example/0/one", b"one line\r\n");
    assert!(
        status(&app).starts_with("Row 1 of 1 (100%)"),
        "{}",
        status(&app)
    );
}

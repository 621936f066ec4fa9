//! The reading column of texts (`wrap_width`, `center` in the config): texts wrap at spaces
//! within the column, the column stands in the middle when centred, the row position counts
//! rows at the column's width, menus keep the whole screen, and the config keys reach the app.

use crate::harness::driver::{screen_rows, show};
use burrow::app::App;
use burrow::app::config::AppConfig;
use burrow::store::config::parse_config;

const PROSE: &[u8] = b"The quick brown fox jumps over the lazy dog and runs on\r\nEnd.\r\n";

fn reading(wrap_width: usize, center: bool) -> App {
    App::new(
        AppConfig {
            wrap_width,
            center,
            ..AppConfig::default()
        },
        (80, 24),
    )
}

#[test]
fn text_wraps_at_spaces_within_the_wrap_width() {
    let mut app = reading(20, false);
    show(&mut app, "gopher://h.example/0/prose", PROSE);
    let rows = screen_rows(&app);
    assert_eq!(rows[1].trim_end(), "The quick brown fox");
    assert_eq!(rows[2].trim_end(), "jumps over the lazy");
    assert_eq!(rows[3].trim_end(), "dog and runs on");
    assert_eq!(rows[4].trim_end(), "End.");
    assert!(rows[23].contains("Row 1 of 4"), "{}", rows[23]);
}

#[test]
fn a_centred_column_stands_in_the_middle_and_a_narrow_screen_wins() {
    let mut app = reading(20, true);
    show(&mut app, "gopher://h.example/0/prose", PROSE);
    let rows = screen_rows(&app);
    assert_eq!(
        rows[1].trim_end(),
        format!("{}The quick brown fox", " ".repeat(30))
    );
    let mut narrow = App::new(
        AppConfig {
            wrap_width: 200,
            center: true,
            ..AppConfig::default()
        },
        (30, 10),
    );
    show(&mut narrow, "gopher://h.example/0/prose", PROSE);
    assert_eq!(
        screen_rows(&narrow)[1].trim_end(),
        "The quick brown fox jumps over"
    );
}

#[test]
fn menus_keep_the_whole_screen_width() {
    let mut app = reading(20, true);
    let line = format!("0{}\t/x\th.example\t70\r\n", "m".repeat(60));
    show(&mut app, "gopher://h.example/1/", line.as_bytes());
    assert!(screen_rows(&app)[1].contains(&"m".repeat(60)));
}

#[test]
fn the_config_keys_are_read_and_checked() {
    let config = parse_config("wrap_width = 72\ncenter = true\n").expect("valid");
    assert_eq!((config.wrap_width, config.center), (Some(72), true));
    assert!(parse_config("wrap_width = -1\n").is_err());
    assert!(parse_config("center = \"yes\"\n").is_err());
}

//! The prompt's cost with very long text (issue 10.4): a 128 KiB paste that arrives as
//! keystrokes (as it did before bracketed paste), then editing keys; the same text pasted in
//! one piece; and one key plus one frame with a long prompt.
//!
//! - `typed_128k_then_edit`: Go to, 131,072 `x` keys, then Home, 100 Right, 100 Backspace,
//!   End, 100 Left, Ctrl-w, each through `App::update` (no frame);
//! - `pasted_128k`: Go to, the same text through `App::paste_into_prompt`;
//! - `key_and_frame/16k` and `key_and_frame/full`: Left, Right and one 80x24 frame, with the
//!   prompt holding 16 KiB, or full (the rest of the 128 KiB typed was refused).
//!
//! Run: `cargo bench --bench prompt`.

use burrow::app::input::Key;
use burrow::app::{App, Msg};
use burrow::ui::{Theme, render};
use criterion::{Criterion, SamplingMode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

const PASTE_BYTES: usize = 128 * 1024;

fn go_to() -> App {
    let mut app = App::new(burrow::app::AppConfig::default(), (80, 24));
    app.update(Msg::Key(Key::Char('g')));
    app
}

fn press(app: &mut App, key: Key, times: usize) {
    for _ in 0..times {
        black_box(app.update(Msg::Key(key)));
    }
}

fn typed(bytes: usize) -> App {
    let mut app = go_to();
    press(&mut app, Key::Char('x'), bytes);
    app
}

fn typed_then_edit() -> App {
    let mut app = typed(PASTE_BYTES);
    press(&mut app, Key::Home, 1);
    press(&mut app, Key::Right, 100);
    press(&mut app, Key::Backspace, 100);
    press(&mut app, Key::End, 1);
    press(&mut app, Key::Left, 100);
    press(&mut app, Key::Ctrl('w'), 1);
    app
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("prompt");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function("typed_128k_then_edit", |b| {
        b.iter(|| black_box(typed_then_edit()))
    });
    let text = "x".repeat(PASTE_BYTES);
    group.bench_function("pasted_128k", |b| {
        b.iter(|| {
            let mut app = go_to();
            black_box(app.paste_into_prompt(&text));
            app
        })
    });
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let theme = Theme::colour();
    for (name, mut app) in [("16k", typed(16 * 1024)), ("full", typed(PASTE_BYTES))] {
        group.bench_function(format!("key_and_frame/{name}"), |b| {
            b.iter(|| {
                app.update(Msg::Key(Key::Left));
                app.update(Msg::Key(Key::Right));
                terminal
                    .draw(|frame| render(&app, &theme, frame))
                    .expect("draw");
            })
        });
    }
    group.finish();
    criterion.final_summary();
}

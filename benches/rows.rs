//! What the row position (`Row 23 of 400` in the status bar) costs on a 50 MB text of prose
//! in lines of about 70 characters (about half of them not ASCII, so wrapped by graphemes).
//!
//! The page is loaded through `App` as a fetch loads it (64 KiB chunks); its rows are
//! counted as it arrives. Steps:
//! - `key`: Down in the middle of the counted page;
//! - `status`: the status bar's text there (the rows before the top line, from the nearest
//!   mark);
//! - `resize`: a resize to a new width, which starts counting again with one step;
//! - `wake`: one later counting step (`Msg::Wake`);
//! - `whole recount`: a resize and every wake until the count ends (keys are answered
//!   between them);
//! - and one counting step (`wake`) on a 10 MB text of CJK characters, the slowest kind to
//!   wrap (by grapheme clusters).
//!
//! Run: `cargo bench --bench rows` (add `-- --quick` for a fast pass).

mod loaded;
mod pages;

use burrow::app::input::Key;
use burrow::app::{App, Command, Msg};
use criterion::Criterion;
use loaded::loaded_app;
use std::hint::black_box;
use std::time::Duration;

fn text_bytes(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + 256);
    let mut prose = pages::Prose::default();
    while out.len() < size {
        let start = out.len();
        prose.line(&mut out, start, 70, usize::MAX);
        out.extend_from_slice(b"\r\n");
    }
    out
}

fn wake(commands: &[Command]) -> Option<u64> {
    commands.iter().find_map(|c| match c {
        Command::WakeAfter { token, after_ms: 0 } => Some(*token),
        _ => None,
    })
}

/// Resizes between two widths (each time a fresh count) and keeps the wake that goes on
/// counting (a resize while one is pending asks for no other).
struct Recount {
    width: u16,
    pending: Option<u64>,
}

impl Recount {
    fn new() -> Recount {
        Recount {
            width: 80,
            pending: None,
        }
    }

    fn resize(&mut self, app: &mut App) {
        self.width = if self.width == 80 { 79 } else { 80 };
        let commands = black_box(app.update(Msg::Resize(self.width, 24)));
        self.pending = wake(&commands).or(self.pending);
    }

    /// One counting step; whether more are left.
    fn step(&mut self, app: &mut App) -> bool {
        let Some(token) = self.pending.take() else {
            return false;
        };
        self.pending = wake(&app.update(Msg::Wake(token)));
        self.pending.is_some()
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .configure_from_args()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let mut app = loaded_app(
        (80, 24),
        "gopher://bench.example/0/big",
        &text_bytes(50_000_000),
    );
    assert!(
        burrow::ui::status::idle_status(&app).starts_with("Row 1 of "),
        "the rows were counted while the page arrived"
    );
    let middle = app.tab.page.text_doc().expect("text").line_count() / 2;
    app.tab.page.top.line = middle;
    let mut group = criterion.benchmark_group("row position in a 50 MB text");
    group.sample_size(50);
    group.bench_function("key", |b| {
        b.iter(|| {
            black_box(app.update(Msg::Key(Key::Down)));
            app.tab.page.top.line = middle;
        });
    });
    group.bench_function("status", |b| {
        b.iter(|| black_box(burrow::ui::status::idle_status(&app)));
    });
    let mut recount = Recount::new();
    group.bench_function("resize", |b| b.iter(|| recount.resize(&mut app)));
    group.bench_function("wake", |b| {
        b.iter(|| {
            if !recount.step(&mut app) {
                recount.resize(&mut app);
            }
        });
    });
    group.sample_size(10);
    group.bench_function("whole recount", |b| {
        b.iter(|| {
            recount.resize(&mut app);
            while recount.step(&mut app) {}
        });
    });
    group.finish();
    // The worst case for one step: text that is neither ASCII nor Latin, wrapped by graphemes.
    let cjk: Vec<u8> = "\u{4e2d}\u{6587}\u{5b57}"
        .repeat(10)
        .bytes()
        .chain(*b"\r\n")
        .cycle()
        .take(10_000_000)
        .collect();
    let mut app = loaded_app((80, 24), "gopher://bench.example/0/big", &cjk);
    let mut group = criterion.benchmark_group("row position in a 10 MB CJK text");
    group.sample_size(50);
    let mut recount = Recount::new();
    recount.resize(&mut app);
    group.bench_function("wake", |b| {
        b.iter(|| {
            if !recount.step(&mut app) {
                recount.resize(&mut app);
            }
        });
    });
    group.finish();
    criterion.final_summary();
}

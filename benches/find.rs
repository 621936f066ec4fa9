//! What a key in the find prompt costs on a 50 MB text, where the query is nowhere (the worst
//! case: every line must be read to say "not found"), and what counting the whole page costs
//! in all.
//!
//! The page is loaded through `App` as a fetch loads it (64 KiB chunks). Steps:
//! - `key`: one typed character in the find prompt (the query becomes `zqxj…` plus a letter
//!   that is nowhere in the page), which starts a fresh count and reads its first slice; a
//!   Backspace between iterations (untimed) puts the query back;
//! - `wake`: one later slice of the count (`Msg::Wake`);
//! - `whole count`: the key plus every wake until the count ends, i.e. the page read once,
//!   spread over many `update` calls (keys are answered between them).
//!
//! Run: `cargo bench --bench find` (add `-- --quick` for a fast pass). Building the page takes
//! a few seconds before the first measurement.

mod loaded;
mod pages;

use burrow::app::input::Key;
use burrow::app::{App, Command, Msg};
use criterion::Criterion;
use loaded::loaded_app;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// About `size` bytes of prose in lines of about 70 characters.
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

/// The token of the wake that continues counting, if any.
fn count_wake(commands: &[Command]) -> Option<u64> {
    commands.iter().rev().find_map(|c| match c {
        Command::WakeAfter { token, after_ms: 0 } => Some(*token),
        _ => None,
    })
}

fn key(app: &mut App, key: Key) -> Vec<Command> {
    app.update(Msg::Key(key))
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
    key(&mut app, Key::Char('/'));
    for c in "zqxj".chars() {
        key(&mut app, Key::Char(c));
    }
    let mut group = criterion.benchmark_group("find in a 50 MB text, query nowhere");
    group.sample_size(50);
    group.bench_function("key", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                let started = Instant::now();
                black_box(key(&mut app, Key::Char('w')));
                spent += started.elapsed();
                key(&mut app, Key::Backspace);
            }
            spent
        });
    });
    let mut wake = count_wake(&key(&mut app, Key::Char('w'))).expect("counting");
    group.bench_function("wake", |b| {
        b.iter(|| {
            let commands = app.update(Msg::Wake(wake));
            if let Some(next) = count_wake(&commands) {
                wake = next;
            } else {
                // The count ended: start another one (untimed work is small next to a slice).
                key(&mut app, Key::Backspace);
                wake = count_wake(&key(&mut app, Key::Char('w'))).expect("counting");
            }
        });
    });
    group.sample_size(10);
    group.bench_function("whole count", |b| {
        b.iter(|| {
            key(&mut app, Key::Backspace);
            let mut next = count_wake(&key(&mut app, Key::Char('w')));
            while let Some(token) = next {
                next = count_wake(&app.update(Msg::Wake(token)));
            }
        });
    });
    group.finish();
    criterion.final_summary();
}

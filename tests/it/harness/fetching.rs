//! Running the fetch layer directly in a test: short time limits for servers on 127.0.0.1,
//! one request run to its end under a hard deadline, and the bytes its chunks carried.

use burrow::fetch::{FetchOptions, fetch};
use burrow::gopher::GopherUrl;
use burrow::gopher::transfer::{FetchEvent, FetchLimits};
use std::time::Duration;
use tokio::sync::mpsc;

/// Limits for servers on 127.0.0.1: a stall shows within seconds, not minutes.
pub fn quick_options() -> FetchOptions {
    FetchOptions::new(FetchLimits {
        connect_timeout: Duration::from_secs(2),
        idle_timeout: Duration::from_secs(3),
        max_bytes: 1024 * 1024,
        ..FetchLimits::default()
    })
}

/// Fetches `address` with `options` to the end (at most 10 s) and returns its events.
pub async fn fetch_to_end(address: &str, options: FetchOptions) -> Vec<FetchEvent> {
    let url = GopherUrl::parse(address).expect("the test address parses");
    let (tx, mut rx) = mpsc::channel(4);
    tokio::spawn(fetch(1, url, options, tx));
    let mut events = Vec::new();
    let collect = async {
        while let Some(update) = rx.recv().await {
            assert_eq!(update.id, 1, "every event carries the request id");
            events.push(update.event);
        }
    };
    tokio::time::timeout(Duration::from_secs(10), collect)
        .await
        .unwrap_or_else(|_| panic!("the fetch did not end within 10 s"));
    events
}

/// The bytes the chunks among `events` carried, in order.
pub fn body_of(events: &[FetchEvent]) -> Vec<u8> {
    events
        .iter()
        .filter_map(|e| match e {
            FetchEvent::Chunk(bytes) => Some(bytes.as_slice()),
            _ => None,
        })
        .flatten()
        .copied()
        .collect()
}

//! Network integration tests of the fetch layer against an in-process Gopher server on
//! 127.0.0.1: streaming, request lines, timeouts, resets, the size cap, and address fallback.

use crate::harness::fetching::{body_of, fetch_to_end};
use crate::harness::{Reply, TestServer, link};
use burrow::fetch::{FetchOptions, connect_any};
use burrow::gopher::transfer::{FetchError, FetchEvent, FetchLimits};
use std::time::{Duration, Instant};

fn limits(idle_ms: u64) -> FetchLimits {
    FetchLimits {
        connect_timeout: Duration::from_secs(2),
        idle_timeout: Duration::from_millis(idle_ms),
        max_bytes: 1024 * 1024,
        ..FetchLimits::default()
    }
}

async fn fetch_events(url: &str, limits: FetchLimits) -> Vec<FetchEvent> {
    fetch_to_end(url, FetchOptions::new(limits)).await
}

#[tokio::test]
async fn a_reply_streams_byte_exact_and_ends_with_done() {
    let mut menu = String::new();
    let server = TestServer::start(|port| {
        menu = link('0', "Read me", "/readme", port) + ".\r\n";
        vec![("", Reply::Bytes(menu.clone().into_bytes()))]
    });
    let events = fetch_events(&server.url('1', ""), limits(2000)).await;
    assert!(
        matches!(events.first(), Some(FetchEvent::Connected(peer)) if peer.starts_with("127.0.0.1:"))
    );
    assert_eq!(events.last(), Some(&FetchEvent::Done));
    assert_eq!(body_of(&events), menu.as_bytes());
    assert_eq!(server.requests(), vec![Vec::<u8>::new()]);
}

#[tokio::test]
async fn binary_replies_are_passed_through_untouched() {
    let blob: Vec<u8> = (0..=255u8).cycle().take(200_000).collect();
    let expected = blob.clone();
    let server = TestServer::start(move |_| vec![("/blob", Reply::Bytes(blob))]);
    let events = fetch_events(&server.url('9', "/blob"), limits(2000)).await;
    assert_eq!(events.last(), Some(&FetchEvent::Done));
    assert_eq!(body_of(&events), expected);
}

#[tokio::test]
async fn a_search_sends_the_selector_a_tab_and_the_query() {
    let server =
        TestServer::start(|_| vec![("/find\tcats and dogs", Reply::Bytes(b"iok\r\n".to_vec()))]);
    let events = fetch_events(&server.url('7', "/find%09cats%20and%20dogs"), limits(2000)).await;
    assert_eq!(events.last(), Some(&FetchEvent::Done));
    assert_eq!(server.requests(), vec![b"/find\tcats and dogs".to_vec()]);
}

#[tokio::test]
async fn a_server_that_never_answers_hits_the_idle_timeout() {
    let server = TestServer::start(|_| vec![("/hang", Reply::Hang)]);
    let started = Instant::now();
    let events = fetch_events(&server.url('0', "/hang"), limits(300)).await;
    assert_eq!(
        events.last(),
        Some(&FetchEvent::Failed(FetchError::IdleTimeout(
            Duration::from_millis(300)
        )))
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_slow_drip_is_not_an_idle_timeout_because_progress_restarts_the_timer() {
    let text = b"slow text arriving byte by byte\r\n".to_vec();
    let expected = text.clone();
    let server = TestServer::start(move |_| {
        vec![("/drip", Reply::Drip(text, 4, Duration::from_millis(40)))]
    });
    // The whole reply takes ~0.36 s, longer than the 200 ms idle timeout.
    let events = fetch_events(&server.url('0', "/drip"), limits(200)).await;
    assert_eq!(events.last(), Some(&FetchEvent::Done));
    assert_eq!(body_of(&events), expected);
}

#[tokio::test]
async fn a_reset_mid_reply_fails_and_keeps_what_arrived() {
    let server = TestServer::start(|_| vec![("/cut", Reply::Reset(b"partial line\r\n".to_vec()))]);
    let events = fetch_events(&server.url('0', "/cut"), limits(2000)).await;
    match events.last() {
        Some(FetchEvent::Failed(FetchError::Transfer(why))) => {
            assert!(why.contains("reset"), "reason names the reset: {why}");
        }
        other => panic!("expected a transfer failure, got {other:?}"),
    }
    assert_eq!(body_of(&events), b"partial line\r\n");
}

#[tokio::test]
async fn a_reply_over_the_cap_stops_at_the_cap() {
    let server = TestServer::start(|_| vec![("/flood", Reply::Endless(vec![b'x'; 8192]))]);
    let mut small = limits(2000);
    small.max_bytes = 100_000;
    let events = fetch_events(&server.url('0', "/flood"), small).await;
    assert_eq!(
        events.last(),
        Some(&FetchEvent::Failed(FetchError::TooLarge(100_000)))
    );
    assert_eq!(body_of(&events).len(), 100_000);
}

/// A loopback port with nothing listening on it.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    port
}

#[tokio::test]
async fn a_refused_connection_names_the_address_tried() {
    let port = closed_port();
    let events = fetch_events(&format!("gopher://127.0.0.1:{port}/"), limits(2000)).await;
    match events.last() {
        Some(FetchEvent::Failed(FetchError::Connect(tries))) => {
            assert_eq!(tries.len(), 1);
            assert_eq!(tries[0].0, format!("127.0.0.1:{port}"));
            assert_eq!(tries[0].1, "refused the connection");
        }
        other => panic!("expected a connect failure, got {other:?}"),
    }
}

#[tokio::test]
async fn every_address_is_tried_in_turn_until_one_connects() {
    let server = TestServer::start(|_| Vec::<(&str, Reply)>::new());
    let refusing = format!("127.0.0.1:{}", closed_port())
        .parse()
        .expect("address");
    let addresses = [refusing, server.addr];
    let (stream, used) = connect_any(&addresses, Duration::from_secs(2))
        .await
        .expect("the second address connects");
    assert_eq!(stream.peer_addr().expect("peer"), server.addr);
    assert_eq!(used, server.addr);
    let all_refuse = connect_any(&[refusing, refusing], Duration::from_secs(2)).await;
    assert!(matches!(all_refuse, Err(FetchError::Connect(tries)) if tries.len() == 2));
}

#[tokio::test]
async fn an_unknown_host_is_a_resolve_error() {
    let events = fetch_events("gopher://no-such-host.invalid/", limits(2000)).await;
    assert!(
        matches!(
            events.last(),
            Some(FetchEvent::Failed(FetchError::Resolve(_)))
        ),
        "{events:?}"
    );
}

#[tokio::test]
async fn a_drip_that_never_ends_is_stopped_by_the_total_time_limit() {
    let forever = vec![b'x'; 10_000];
    let server = TestServer::start(move |_| {
        vec![("/slow", Reply::Drip(forever, 1, Duration::from_millis(20)))]
    });
    let mut capped = limits(500);
    capped.total_timeout = Duration::from_millis(600);
    let started = Instant::now();
    let events = fetch_events(&server.url('0', "/slow"), capped).await;
    assert_eq!(
        events.last(),
        Some(&FetchEvent::Failed(FetchError::TotalTimeout(
            Duration::from_millis(600)
        )))
    );
    assert!(
        body_of(&events).len() > 5,
        "bytes kept arriving until the limit"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

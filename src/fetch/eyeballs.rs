//! Connecting to a host with several addresses, Happy Eyeballs style (RFC 8305): addresses are
//! interleaved by family, a new attempt starts every `STAGGER` (or at once when one fails), the
//! first to connect wins and the others are dropped, all within one connect timeout.

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::time::{Instant, sleep_until};

/// How long an attempt has before the next one starts alongside it (RFC 8305 recommends 250 ms).
pub const STAGGER: Duration = Duration::from_millis(250);

/// Orders addresses alternately by family, starting with the family of the first.
pub fn interleave_families(addresses: &[SocketAddr]) -> Vec<SocketAddr> {
    let Some(first) = addresses.first() else {
        return Vec::new();
    };
    let (mut same, mut other): (Vec<SocketAddr>, Vec<SocketAddr>) = addresses
        .iter()
        .copied()
        .partition(|a| a.is_ipv6() == first.is_ipv6());
    same.reverse();
    other.reverse();
    let mut ordered = Vec::with_capacity(addresses.len());
    while !same.is_empty() || !other.is_empty() {
        ordered.extend(same.pop());
        ordered.extend(other.pop());
    }
    ordered
}

/// Races `connect` over `addresses` (in the order given). Returns the first connection, or,
/// if none connects before `deadline`, what happened to each address tried.
pub async fn race<S, F, Fut>(
    addresses: &[SocketAddr],
    stagger: Duration,
    deadline: Duration,
    connect: F,
) -> Result<S, Vec<(SocketAddr, String)>>
where
    F: Fn(SocketAddr) -> Fut,
    Fut: Future<Output = io::Result<S>>,
{
    let give_up = Instant::now() + deadline;
    let mut attempts = FuturesUnordered::new();
    let mut in_flight = Vec::new();
    let mut failures = Vec::new();
    let mut remaining = addresses.iter().copied();
    let mut next_start = Instant::now();
    loop {
        let start_now = attempts.is_empty() || Instant::now() >= next_start;
        if start_now && let Some(address) = remaining.next() {
            let attempt = connect(address);
            attempts.push(async move { (address, attempt.await) });
            in_flight.push(address);
            next_start = Instant::now() + stagger;
            continue;
        }
        if attempts.is_empty() {
            return Err(failures);
        }
        let more_to_start = remaining.len() > 0;
        tokio::select! {
            Some((address, result)) = attempts.next() => {
                in_flight.retain(|a| *a != address);
                match result {
                    Ok(stream) => return Ok(stream),
                    Err(error) => {
                        failures.push((address, super::describe_io_error(&error)));
                        next_start = Instant::now();
                    }
                }
            }
            _ = sleep_until(next_start), if more_to_start => {}
            _ = sleep_until(give_up) => {
                let waited = format!("timed out after {} s", deadline.as_secs_f32());
                failures.extend(in_flight.iter().map(|a| (*a, waited.clone())));
                return Err(failures);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn addr(text: &str) -> SocketAddr {
        text.parse().expect("address")
    }

    #[test]
    fn families_alternate_starting_with_the_first() {
        let input = [
            addr("[::1]:70"),
            addr("[::2]:70"),
            addr("[::3]:70"),
            addr("10.0.0.1:70"),
        ];
        assert_eq!(
            interleave_families(&input),
            vec![input[0], input[3], input[1], input[2]]
        );
        assert!(interleave_families(&[]).is_empty());
    }

    /// A fake network: each address answers after a delay, with success or refusal, and the
    /// start time of every attempt is recorded.
    fn fake(
        plan: Vec<(SocketAddr, u64, bool)>,
        started: Arc<Mutex<Vec<(SocketAddr, u128)>>>,
    ) -> impl Fn(SocketAddr) -> std::pin::Pin<Box<dyn Future<Output = io::Result<SocketAddr>>>>
    {
        let t0 = Instant::now();
        move |address| {
            let (_, delay, ok) = plan
                .iter()
                .copied()
                .find(|(a, _, _)| *a == address)
                .unwrap_or((address, 0, false));
            if let Ok(mut s) = started.lock() {
                s.push((address, t0.elapsed().as_millis()));
            }
            Box::pin(async move {
                tokio::time::sleep(Duration::from_millis(delay)).await;
                if ok {
                    Ok(address)
                } else {
                    Err(io::Error::from(io::ErrorKind::ConnectionRefused))
                }
            })
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_silent_first_address_does_not_delay_the_second_past_the_stagger() {
        let (a, b) = (addr("[2001:db8::1]:70"), addr("192.0.2.1:70"));
        let started = Arc::new(Mutex::new(Vec::new()));
        let connect = fake(vec![(a, 60_000, true), (b, 10, true)], started.clone());
        let t0 = Instant::now();
        let winner = race(&[a, b], STAGGER, Duration::from_secs(10), connect).await;
        assert_eq!(winner, Ok(b));
        assert_eq!(t0.elapsed(), Duration::from_millis(260));
        let started = started.lock().expect("lock").clone();
        assert_eq!(started, vec![(a, 0), (b, 250)]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_refusal_starts_the_next_attempt_at_once() {
        let (a, b) = (addr("127.0.0.1:1"), addr("127.0.0.1:2"));
        let started = Arc::new(Mutex::new(Vec::new()));
        let connect = fake(vec![(a, 5, false), (b, 5, true)], started.clone());
        let winner = race(&[a, b], STAGGER, Duration::from_secs(10), connect).await;
        assert_eq!(winner, Ok(b));
        assert_eq!(started.lock().expect("lock").clone(), vec![(a, 0), (b, 5)]);
    }

    #[tokio::test(start_paused = true)]
    async fn nothing_connecting_within_the_deadline_reports_every_address() {
        let (a, b) = (addr("127.0.0.1:1"), addr("127.0.0.1:2"));
        let started = Arc::new(Mutex::new(Vec::new()));
        let connect = fake(vec![(a, 60_000, true), (b, 100, false)], started);
        let result = race(&[a, b], STAGGER, Duration::from_secs(2), connect).await;
        let failures = result.expect_err("nothing connects");
        assert_eq!(failures.len(), 2);
        assert!(failures.contains(&(b, "refused the connection".to_owned())));
        assert!(failures.contains(&(a, "timed out after 2 s".to_owned())));
    }
}

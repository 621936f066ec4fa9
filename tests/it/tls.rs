//! gophers:// over TLS, the SOCKS5 proxy and IPv6, against in-process servers on 127.0.0.1
//! and [::1]: trust on first use, pinning, a changed certificate, CA verification, no plaintext
//! fallback, names resolved by the proxy.

use crate::harness::certs::{TestCa, TestCert};
use crate::harness::fetching::{fetch_to_end, quick_options};
use crate::harness::socks_proxy::{SocksProxy, Target};
use crate::harness::{Reply, TestServer, link};
use burrow::fetch::socks::ProxyAddr;
use burrow::gopher::transfer::{FetchError, FetchEvent, TlsTrust};

fn menu_routes(port: u16) -> Vec<(&'static str, Reply)> {
    let menu = link('0', "Secret notes", "/notes", port) + ".\r\n";
    vec![("", Reply::Bytes(menu.into_bytes()))]
}

fn tls_server(cert: &TestCert) -> TestServer {
    TestServer::start_with("127.0.0.1:0", Some(cert.acceptor()), menu_routes)
}

fn body(events: &[FetchEvent]) -> Vec<u8> {
    events
        .iter()
        .filter_map(|e| match e {
            FetchEvent::Chunk(bytes) => Some(bytes.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

#[tokio::test]
async fn first_contact_with_a_self_signed_certificate_reports_its_fingerprint_and_sends_nothing() {
    let cert = TestCert::self_signed(&["localhost"]);
    let server = tls_server(&cert);
    let url = format!("gophers://localhost:{}/", server.port());
    let events = fetch_to_end(&url, quick_options()).await;
    match events.last() {
        Some(FetchEvent::Failed(FetchError::UntrustedCertificate {
            host_port,
            fingerprint,
            reason,
        })) => {
            assert_eq!(host_port, &format!("localhost:{}", server.port()));
            assert_eq!(*fingerprint, cert.fingerprint());
            assert!(reason.contains("self-signed"), "{reason}");
        }
        other => panic!("expected an untrusted certificate, got {other:?}"),
    }
    assert!(server.requests().is_empty(), "no request may be sent");
}

#[tokio::test]
async fn a_pinned_certificate_is_accepted_silently_with_sni_set_to_the_host() {
    let cert = TestCert::self_signed(&["localhost"]);
    let server = tls_server(&cert);
    let mut pinned = quick_options();
    pinned.pinned = Some(cert.fingerprint());
    let url = format!("gophers://localhost:{}/", server.port());
    let events = fetch_to_end(&url, pinned).await;
    assert!(
        events.contains(&FetchEvent::Secured(TlsTrust::Pinned)),
        "{events:?}"
    );
    assert_eq!(events.last(), Some(&FetchEvent::Done));
    assert!(String::from_utf8_lossy(&body(&events)).contains("Secret notes"));
    assert_eq!(server.requests(), vec![Vec::<u8>::new()]);
    assert_eq!(server.server_names(), vec!["localhost".to_owned()]);
}

#[tokio::test]
async fn a_changed_certificate_is_blocked_showing_both_fingerprints() {
    let old = TestCert::self_signed(&["localhost"]);
    let new = TestCert::self_signed(&["localhost"]);
    let server = tls_server(&new);
    let mut pinned = quick_options();
    pinned.pinned = Some(old.fingerprint());
    let url = format!("gophers://localhost:{}/", server.port());
    let events = fetch_to_end(&url, pinned).await;
    assert_eq!(
        events.last(),
        Some(&FetchEvent::Failed(FetchError::CertificateChanged {
            host_port: format!("localhost:{}", server.port()),
            pinned: old.fingerprint(),
            presented: new.fingerprint(),
        }))
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_certificate_from_a_known_authority_for_the_host_is_ca_verified() {
    let ca = TestCa::new();
    let cert = ca.issue(&["localhost"]);
    let server = tls_server(&cert);
    let mut trusting = quick_options();
    trusting.roots = ca.roots();
    let url = format!("gophers://localhost:{}/", server.port());
    let events = fetch_to_end(&url, trusting).await;
    assert!(
        events.contains(&FetchEvent::Secured(TlsTrust::CaVerified)),
        "{events:?}"
    );
    assert_eq!(events.last(), Some(&FetchEvent::Done));
}

#[tokio::test]
async fn a_known_authority_certificate_for_another_name_is_not_trusted() {
    let ca = TestCa::new();
    let cert = ca.issue(&["elsewhere.example"]);
    let server = tls_server(&cert);
    let mut trusting = quick_options();
    trusting.roots = ca.roots();
    let url = format!("gophers://localhost:{}/", server.port());
    let events = fetch_to_end(&url, trusting).await;
    assert!(
        matches!(events.last(), Some(FetchEvent::Failed(FetchError::UntrustedCertificate { reason, .. }))
            if reason.contains("not valid for this host name")),
        "{events:?}"
    );
}

#[tokio::test]
async fn a_plaintext_server_on_a_gophers_url_is_an_error_and_gets_no_plaintext_request() {
    let server = TestServer::start(menu_routes);
    let url = format!("gophers://127.0.0.1:{}/", server.port());
    let events = fetch_to_end(&url, quick_options()).await;
    assert!(
        matches!(events.last(), Some(FetchEvent::Failed(FetchError::Tls(_)))),
        "{events:?}"
    );
    assert!(!events.iter().any(|e| matches!(e, FetchEvent::Chunk(_))));
    assert!(
        server.requests().is_empty(),
        "no plaintext request may be sent"
    );
}

#[tokio::test]
async fn the_proxy_is_given_the_host_name_not_an_address() {
    let server = TestServer::start(menu_routes);
    let proxy = SocksProxy::start(false);
    let mut via_proxy = quick_options();
    via_proxy.proxy = Some(ProxyAddr::parse(&proxy.url()).expect("proxy"));
    // No local resolver knows this name: only the proxy can resolve it.
    let url = format!("gopher://hidden-service.onion-test:{}/", server.port());
    let events = fetch_to_end(&url, via_proxy).await;
    assert_eq!(events.last(), Some(&FetchEvent::Done), "{events:?}");
    assert!(String::from_utf8_lossy(&body(&events)).contains("Secret notes"));
    assert_eq!(
        proxy.targets(),
        vec![Target::Name(
            "hidden-service.onion-test".into(),
            server.port()
        )]
    );
}

#[tokio::test]
async fn tls_works_through_the_proxy() {
    let cert = TestCert::self_signed(&["localhost"]);
    let server = tls_server(&cert);
    let proxy = SocksProxy::start(false);
    let mut both = quick_options();
    both.proxy = Some(ProxyAddr::parse(&proxy.url()).expect("proxy"));
    both.pinned = Some(cert.fingerprint());
    let url = format!("gophers://localhost:{}/", server.port());
    let events = fetch_to_end(&url, both).await;
    assert!(
        events.contains(&FetchEvent::Secured(TlsTrust::Pinned)),
        "{events:?}"
    );
    assert_eq!(events.last(), Some(&FetchEvent::Done));
}

#[tokio::test]
async fn proxy_failures_say_what_failed() {
    let refusing = SocksProxy::start(true);
    let mut via = quick_options();
    via.proxy = Some(ProxyAddr::parse(&refusing.url()).expect("proxy"));
    let events = fetch_to_end("gopher://somewhere.test:70/", via).await;
    assert_eq!(
        events.last(),
        Some(&FetchEvent::Failed(FetchError::Proxy(
            "the proxy could not reach somewhere.test:70: connection refused".into()
        )))
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let mut down = quick_options();
    down.proxy = Some(ProxyAddr::parse(&format!("socks5://127.0.0.1:{port}")).expect("proxy"));
    let events = fetch_to_end("gopher://somewhere.test:70/", down).await;
    assert!(
        matches!(events.last(), Some(FetchEvent::Failed(FetchError::Proxy(why)))
            if why.starts_with("could not reach the proxy") && why.contains("refused")),
        "{events:?}"
    );
}

#[tokio::test]
async fn ipv6_literals_work() {
    let server = TestServer::start_with("[::1]:0", None, menu_routes);
    let url = format!("gopher://[::1]:{}/", server.port());
    let events = fetch_to_end(&url, quick_options()).await;
    assert!(
        matches!(events.first(), Some(FetchEvent::Connected(peer)) if peer.starts_with("[::1]:")),
        "{events:?}"
    );
    assert_eq!(events.last(), Some(&FetchEvent::Done));
}

#[tokio::test]
async fn ipv6_with_tls_and_a_pin() {
    let cert = TestCert::self_signed(&["::1"]);
    let server = TestServer::start_with("[::1]:0", Some(cert.acceptor()), menu_routes);
    let mut pinned = quick_options();
    pinned.pinned = Some(cert.fingerprint());
    let url = format!("gophers://[::1]:{}/", server.port());
    let events = fetch_to_end(&url, pinned).await;
    assert_eq!(events.last(), Some(&FetchEvent::Done), "{events:?}");
}

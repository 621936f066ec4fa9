//! Gopher over TLS (`gophers://`) with rustls: a certificate that chains to a known root and
//! matches the host is accepted; otherwise it is accepted only if its SHA-256 fingerprint is the
//! one pinned for this host and port (trust on first use). Anything else fails with the
//! fingerprint so the user can decide. There is never a fallback to plaintext.

use crate::gopher::transfer::{FetchError, Fingerprint, TlsTrust};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

/// The Mozilla root certificates compiled into Burrow (no dependency on the system's store).
pub fn default_roots() -> Arc<RootCertStore> {
    static ROOTS: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            Arc::new(RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            })
        })
        .clone()
}

/// The SHA-256 fingerprint of a DER-encoded certificate.
pub fn fingerprint(der: &[u8]) -> Fingerprint {
    let digest = ring::digest::digest(&ring::digest::SHA256, der);
    let mut bytes = [0u8; 32];
    bytes.copy_from_slice(digest.as_ref());
    Fingerprint(bytes)
}

/// What the verifier decided, read back after the handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Trusted(TlsTrust),
    Untrusted {
        presented: Fingerprint,
        reason: String,
    },
    Changed {
        pinned: Fingerprint,
        presented: Fingerprint,
    },
}

#[derive(Debug)]
struct PinningVerifier {
    webpki: Arc<WebPkiServerVerifier>,
    pinned: Option<Fingerprint>,
    verdict: Arc<Mutex<Option<Verdict>>>,
}

fn describe_certificate_error(error: &rustls::Error) -> String {
    match error {
        rustls::Error::InvalidCertificate(e) => match e {
            CertificateError::UnknownIssuer => {
                "it is not signed by a known authority (self-signed?)".into()
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                "it is not valid for this host name".into()
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                "it has expired".into()
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                "it is not valid yet".into()
            }
            CertificateError::Other(other)
                if format!("{other:?}").contains("CaUsedAsEndEntity") =>
            {
                "it is self-signed".into()
            }
            CertificateError::BadSignature => "its signature is invalid".into(),
            other => format!(
                "it could not be verified: {}",
                crate::gopher::sanitize(&format!("{other:?}"))
            ),
        },
        other => crate::gopher::sanitize(&other.to_string()),
    }
}

impl PinningVerifier {
    fn decide(&self, verdict: Verdict) -> Result<ServerCertVerified, rustls::Error> {
        let trusted = matches!(verdict, Verdict::Trusted(_));
        if let Ok(mut slot) = self.verdict.lock() {
            *slot = Some(verdict);
        }
        if trusted {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::ApplicationVerificationFailure,
            ))
        }
    }
}

impl ServerCertVerifier for PinningVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let by_authority = self.webpki.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        let presented = fingerprint(end_entity);
        let verdict = match (by_authority, self.pinned) {
            (Ok(_), _) => Verdict::Trusted(TlsTrust::CaVerified),
            (Err(_), Some(pinned)) if pinned == presented => Verdict::Trusted(TlsTrust::Pinned),
            (Err(_), Some(pinned)) => Verdict::Changed { pinned, presented },
            (Err(error), None) => Verdict::Untrusted {
                presented,
                reason: describe_certificate_error(&error),
            },
        };
        self.decide(verdict)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

/// Runs the TLS handshake over `stream` (SNI set to `host` unless it is an IP literal).
pub async fn handshake<S>(
    stream: S,
    host: &str,
    port: u16,
    pinned: Option<Fingerprint>,
    roots: Arc<RootCertStore>,
    handshake_timeout: Duration,
) -> Result<(TlsStream<S>, TlsTrust), FetchError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
        .build()
        .map_err(|e| FetchError::Tls(format!("no usable root certificates: {e}")))?;
    let verdict = Arc::new(Mutex::new(None));
    let verifier = Arc::new(PinningVerifier {
        webpki,
        pinned,
        verdict: verdict.clone(),
    });
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| FetchError::Tls(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    let name = ServerName::try_from(host.to_owned())
        .map_err(|_| FetchError::Tls(format!("\"{host}\" is not a valid TLS server name")))?;
    let connector = TlsConnector::from(Arc::new(config));
    let host_port = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let outcome = tokio::time::timeout(handshake_timeout, connector.connect(name, stream)).await;
    let decided = verdict.lock().ok().and_then(|v| v.clone());
    match &decided {
        Some(Verdict::Trusted(trust)) => log::debug!("TLS {host_port}: {trust:?}"),
        Some(Verdict::Untrusted { presented, reason }) => {
            log::info!("TLS {host_port}: not trusted ({reason}); certificate {presented}")
        }
        Some(Verdict::Changed { pinned, presented }) => {
            log::warn!("TLS {host_port}: certificate {presented} differs from the pin {pinned}")
        }
        None => log::debug!("TLS {host_port}: no certificate was checked"),
    }
    match (outcome, decided) {
        (Ok(Ok(stream)), Some(Verdict::Trusted(trust))) => Ok((stream, trust)),
        (_, Some(Verdict::Untrusted { presented, reason })) => {
            Err(FetchError::UntrustedCertificate {
                host_port,
                fingerprint: presented,
                reason,
            })
        }
        (_, Some(Verdict::Changed { pinned, presented })) => Err(FetchError::CertificateChanged {
            host_port,
            pinned,
            presented,
        }),
        (Ok(Ok(_)), _) => Err(FetchError::Tls("the certificate was not checked".into())),
        (Ok(Err(error)), _) => {
            // Only a reply that is not TLS at all suggests a plain server; anything else (a
            // bad signature, say) may be an impersonation and is reported as it is.
            let not_tls = error
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
                .is_some_and(|e| {
                    matches!(
                        e,
                        rustls::Error::InvalidMessage(_)
                            | rustls::Error::InappropriateMessage { .. }
                            | rustls::Error::InappropriateHandshakeMessage { .. }
                    )
                })
                || error.kind() == std::io::ErrorKind::UnexpectedEof;
            let hint = if not_tls {
                " (is it a plain gopher:// server?)"
            } else {
                ""
            };
            Err(FetchError::Tls(format!(
                "{}{hint}",
                crate::gopher::sanitize(&error.to_string())
            )))
        }
        (Err(_), _) => Err(FetchError::Tls(format!(
            "no TLS handshake within {} s (is it a plain gopher:// server?)",
            handshake_timeout.as_secs()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_problems_are_described_in_plain_words() {
        let unknown = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        assert!(describe_certificate_error(&unknown).contains("self-signed?"));
        let name = rustls::Error::InvalidCertificate(CertificateError::NotValidForName);
        assert_eq!(
            describe_certificate_error(&name),
            "it is not valid for this host name"
        );
        let expired = rustls::Error::InvalidCertificate(CertificateError::Expired);
        assert_eq!(describe_certificate_error(&expired), "it has expired");
    }

    #[test]
    fn fingerprints_are_sha256_of_the_der_bytes() {
        // SHA-256 of the empty input, a known value.
        assert_eq!(
            fingerprint(b"").to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}

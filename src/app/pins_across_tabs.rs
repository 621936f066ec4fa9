//! A certificate pinned in one tab counts in every tab. Once the user trusts a certificate,
//! other tabs showing the offer to trust one for that host and port drop the question they
//! were keeping and load again at once (in the background) with the pin; a load already under
//! way when the pin was made, which fails as untrusted although the certificate it met is now
//! pinned, is tried again with the pin instead of asking.

use super::loading::LoadPurpose;
use super::{App, Command, ConfirmAction};
use crate::gopher::transfer::FetchError;

impl App {
    /// After a pin for `host_port`: every other tab offering to trust a certificate for it
    /// reloads its page in the background, its waiting question dropped.
    pub(super) fn reload_tabs_offering(&mut self, host_port: &str) -> Vec<Command> {
        let mut commands = Vec::new();
        for slot in 0..self.tabs.others.len() {
            let tab = &mut self.tabs.others[slot];
            let Some(offer) = tab
                .page
                .trust_offer
                .clone()
                .filter(|offer| offer.host_port == host_port && tab.loading.is_none())
            else {
                continue;
            };
            if tab
                .waiting_question
                .as_ref()
                .is_some_and(|q| matches!(&q.action, ConfirmAction::Trust(asked) if asked.host_port == host_port))
            {
                tab.waiting_question = None;
            }
            commands.extend(
                self.with_background_tab(slot, |app| {
                    app.start_fetch(offer.url, LoadPurpose::Reload)
                }),
            );
        }
        commands
    }

    /// A load refused for a certificate that was pinned after its request went out: the same
    /// load again, with the pin (`None` when that is not what happened).
    pub(super) fn retry_with_new_pin(&mut self, error: &FetchError) -> Option<Vec<Command>> {
        let (host_port, met) = match error {
            FetchError::UntrustedCertificate {
                host_port,
                fingerprint,
                ..
            } => (host_port, *fingerprint),
            FetchError::CertificateChanged {
                host_port,
                presented,
                ..
            } => (host_port, *presented),
            _ => return None,
        };
        let loading = self.tab.loading.as_ref()?;
        let pinned_now = self.known_hosts.get(host_port);
        if pinned_now != Some(met) || loading.pinned == pinned_now || loading.shown {
            return None;
        }
        let (url, purpose, source, encoding) = (
            loading.url.clone(),
            loading.purpose,
            loading.source,
            loading.encoding,
        );
        let (title, climbed_from) = (loading.title.clone(), loading.climbed_from.clone());
        let commands = self.start_fetch_as(url, purpose, source, encoding);
        if let Some(again) = self.tab.loading.as_mut() {
            again.title = title;
            again.climbed_from = climbed_from;
        }
        Some(commands)
    }
}

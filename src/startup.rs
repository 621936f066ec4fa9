//! What Burrow starts with: the command line's choices merged with the config file, and the
//! pinned certificates. Problems with either file become warnings, never silent resets.

use crate::app::keymap::Keymap;
use crate::fetch::FetchOptions;
use crate::fetch::socks::ProxyAddr;
use crate::gopher::GopherUrl;
use crate::gopher::transfer::FetchLimits;
use crate::store::config::{ProxyInInvalidConfig, parse_config, proxy_in_invalid_config};
use crate::store::known_hosts::KnownHosts;
use crate::store::{Paths, read_optional};
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Settings {
    pub limits: FetchLimits,
    pub proxy: Option<ProxyAddr>,
    /// Where the known-hosts file lives (`None`: no home directory; pins last one session).
    pub known_hosts_path: Option<PathBuf>,
    pub known_hosts: KnownHosts,
    /// Why the known-hosts file could not be used; while set it is never written.
    pub known_hosts_problem: Option<String>,
    /// Where downloads go (`None`: no home directory and none configured).
    pub download_dir: Option<PathBuf>,
    /// Which key does what (the defaults changed by the config's `[keys]`).
    pub keymap: Keymap,
    /// Problems to show the user (invalid config, unreadable files).
    pub warnings: Vec<String>,
    /// Set when a configured proxy cannot be used: every fetch fails with this reason instead
    /// of connecting without the proxy.
    pub network_blocked: Option<String>,
}

impl Settings {
    /// The options for fetching `url`: limits, proxy and the pin for its host, if any.
    pub fn fetch_options(&self, url: &GopherUrl) -> FetchOptions {
        let mut options = FetchOptions::new(self.limits);
        options.proxy = self.proxy.clone();
        options.blocked = self.network_blocked.clone();
        if url.tls {
            options.pinned = self.known_hosts.get(&url.host_port());
        }
        options
    }
}

/// Loads settings. `config_path` overrides the standard config file; `proxy` (from the command
/// line) overrides the config's `proxy`. Errors in `proxy` given on the command line are
/// errors; everything else becomes a warning.
pub fn load_settings(
    limits: FetchLimits,
    config_path: Option<PathBuf>,
    proxy: Option<&str>,
) -> anyhow::Result<Settings> {
    let paths = Paths::standard();
    let mut warnings = Vec::new();
    let config_file = config_path
        .clone()
        .or_else(|| paths.as_ref().map(|p| p.config_file.clone()));
    // A proxy named in the config but unusable blocks the network rather than going direct.
    let mut network_blocked = None;
    let mut configured_proxy = None;
    if let Some(file) = &config_file {
        match read_optional(file) {
            Ok(None) if config_path.is_some() => {
                warnings.push(format!(
                    "config file {} not found; using defaults",
                    file.display()
                ));
            }
            Ok(None) => {}
            Ok(Some(text)) => match parse_config(&text) {
                Ok(config) => configured_proxy = config.proxy,
                Err(why) => {
                    warnings.push(format!(
                        "config file {} is invalid, {why}; using defaults",
                        file.display()
                    ));
                    match proxy_in_invalid_config(&text) {
                        ProxyInInvalidConfig::None => {}
                        ProxyInInvalidConfig::Named(proxy) => configured_proxy = Some(proxy),
                        ProxyInInvalidConfig::Unclear => {
                            network_blocked = Some(format!(
                                "not connecting: the config file {} may name a proxy but is \
                                 invalid; fix it or give --proxy",
                                file.display()
                            ));
                        }
                    }
                }
            },
            Err(e) => warnings.push(format!(
                "cannot read {}: {e}; using defaults",
                file.display()
            )),
        }
    }
    let proxy = match (proxy, configured_proxy) {
        (Some(flag), _) => {
            network_blocked = None;
            Some(ProxyAddr::parse(flag).map_err(anyhow::Error::msg)?)
        }
        (None, Some(configured)) => match ProxyAddr::parse(&configured) {
            Ok(proxy) => Some(proxy),
            Err(why) => {
                network_blocked = Some(format!(
                    "not connecting: the proxy in the config file is unusable ({why}); fix it or \
                     give --proxy"
                ));
                None
            }
        },
        (None, None) => None,
    };
    if let Some(why) = &network_blocked {
        warnings.push(why.clone());
    }
    let known_hosts_path = paths.map(|p| p.known_hosts);
    let (known_hosts, known_hosts_problem) = match &known_hosts_path {
        None => (KnownHosts::default(), None),
        Some(file) => match read_optional(file) {
            Ok(None) => (KnownHosts::default(), None),
            Ok(Some(text)) => match KnownHosts::parse(&text) {
                Ok(known) => (known, None),
                Err(why) => {
                    let problem = format!("{} is malformed, {why}", file.display());
                    warnings.push(format!("{problem}; it is left untouched"));
                    (KnownHosts::default(), Some(problem))
                }
            },
            Err(e) => {
                let problem = format!("cannot read {}: {e}", file.display());
                warnings.push(problem.clone());
                (KnownHosts::default(), Some(problem))
            }
        },
    };
    let download_dir = directories::UserDirs::new().map(|dirs| {
        dirs.download_dir()
            .map(|d| d.to_path_buf())
            .unwrap_or_else(|| dirs.home_dir().join("Downloads"))
    });
    Ok(Settings {
        keymap: Keymap::default(),
        download_dir,
        limits,
        proxy,
        known_hosts_path,
        known_hosts,
        known_hosts_problem,
        warnings,
        network_blocked,
    })
}

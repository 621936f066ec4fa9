//! What the app is given at construction, whole and typed: limits, keys, pins, programs, the
//! history and encoding choices, the addresses typed in earlier runs, and the warnings found
//! while reading the config. Start-up builds it (`startup::Settings::app_config`); tests use
//! `AppConfig::default()` and change what they need.

use super::external::ExternalPrograms;
use super::input::Keymap;
use super::saved::HistorySettings;
use crate::gopher::Encoding;
use crate::gopher::transfer::FetchLimits;
use crate::store::config::TabBarMode;
use crate::store::known_hosts::KnownHosts;

#[derive(Debug, Clone)]
pub struct AppConfig {
    pub limits: FetchLimits,
    /// Which key does what while browsing.
    pub keymap: Keymap,
    /// Certificates the user trusted (from the known-hosts file).
    pub known_hosts: KnownHosts,
    /// Why the known-hosts file could not be read; while set, it is never overwritten.
    pub known_hosts_problem: Option<String>,
    /// The programs web links, sessions and images are handed to.
    pub programs: ExternalPrograms,
    /// Downloads stop at this many bytes.
    pub download_cap: u64,
    /// Whether menus show link numbers from the start.
    pub show_link_numbers: bool,
    /// Whether visits are remembered, and how many.
    pub history: HistorySettings,
    /// Bytes of page bodies kept for Back and Forward.
    pub page_memory: u64,
    /// How newly opened pages are decoded.
    pub default_encoding: Encoding,
    /// The addresses typed into Go to in earlier runs, newest first.
    pub typed_addresses: Vec<String>,
    /// When the tab bar shows.
    pub tab_bar: TabBarMode,
    /// Whether the open tabs are saved as the session (`Command::SaveSession`).
    pub save_session: bool,
    /// Problems found while starting (an invalid config, unreadable files), shown one after
    /// another in the status bar.
    pub warnings: Vec<String>,
    /// Things worth knowing at start-up that are not problems (another window keeps the
    /// session), shown once like any notice.
    pub notes: Vec<String>,
    /// The start page the home key opens (`start_page` in the config).
    pub home: super::Location,
    /// The search the search key and `g ?words` use (`search_engine`).
    pub search_engine: crate::gopher::GopherUrl,
    /// Texts wrap at this column or the screen's width, whichever is narrower (0: the screen).
    pub wrap_width: usize,
    /// Whether the text column is centred on a wider screen.
    pub center: bool,
}

impl Default for AppConfig {
    fn default() -> AppConfig {
        AppConfig {
            limits: FetchLimits::default(),
            keymap: Keymap::default(),
            known_hosts: KnownHosts::default(),
            known_hosts_problem: None,
            programs: ExternalPrograms::default(),
            download_cap: super::downloads::DEFAULT_DOWNLOAD_CAP,
            show_link_numbers: false,
            history: HistorySettings::default(),
            page_memory: super::history::DEFAULT_PAGE_MEMORY,
            default_encoding: Encoding::Auto,
            typed_addresses: Vec::new(),
            tab_bar: TabBarMode::default(),
            save_session: false,
            warnings: Vec::new(),
            notes: Vec::new(),
            home: super::Location::Start,
            search_engine: default_search_engine(),
            wrap_width: 0,
            center: false,
        }
    }
}

/// The search engine when the config names none (Veronica-2).
pub fn default_search_engine() -> crate::gopher::GopherUrl {
    crate::gopher::GopherUrl::parse(crate::store::config::DEFAULT_SEARCH_ENGINE).unwrap_or_else(
        |_| crate::gopher::GopherUrl {
            protocol: crate::gopher::url::Protocol::Gopher,
            tls: false,
            host: "gopher.floodgap.com".into(),
            port: 70,
            item_type: crate::gopher::ItemType::SEARCH,
            selector: b"/v2/vs".to_vec(),
            query: None,
            gopher_plus: None,
        },
    )
}

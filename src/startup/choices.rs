//! The start-up steps that turn a checked config into the values Burrow runs with: time and
//! size limits (the command line's flags first), programs, history, encoding and start page.
//! The config was checked whole when it was parsed, so none of these can meet a problem: each
//! returns its value alone.

use super::LimitFlags;
use crate::app::Location;
use crate::app::external::ExternalPrograms;
use crate::app::history::DEFAULT_PAGE_MEMORY;
use crate::app::{HistorySettings, downloads::DEFAULT_DOWNLOAD_CAP};
use crate::gopher::Encoding;
use crate::gopher::transfer::FetchLimits;
use crate::store::config::{CommandsConfig, Config, HistoryConfig, NetworkConfig, Positive};
use std::time::Duration;

/// The fetch limits: each time limit from its flag, else the config, else the default.
pub(super) fn limits(flags: LimitFlags, network: &NetworkConfig) -> FetchLimits {
    let seconds = |flag: Option<u64>, configured: Option<Positive>, default: Duration| {
        flag.or(configured.map(|c| c.0))
            .map_or(default, Duration::from_secs)
    };
    let defaults = FetchLimits::default();
    FetchLimits {
        connect_timeout: seconds(
            flags.connect_timeout,
            network.connect_timeout,
            defaults.connect_timeout,
        ),
        idle_timeout: seconds(
            flags.idle_timeout,
            network.idle_timeout,
            defaults.idle_timeout,
        ),
        total_timeout: seconds(
            flags.total_timeout,
            network.total_timeout,
            defaults.total_timeout,
        ),
        max_bytes: network.max_page_size.map_or(defaults.max_bytes, |p| p.0),
    }
}

/// Downloads stop at this many bytes.
pub(super) fn download_cap(network: &NetworkConfig) -> u64 {
    network
        .max_download_size
        .map_or(DEFAULT_DOWNLOAD_CAP, |p| p.0)
}

/// The programs to hand links to: the configured ones, the defaults for the rest.
pub(super) fn programs(commands: &CommandsConfig) -> ExternalPrograms {
    let mut programs = ExternalPrograms::default();
    for (program, configured) in [
        (&mut programs.opener, &commands.opener),
        (&mut programs.telnet, &commands.telnet),
        (&mut programs.tn3270, &commands.tn3270),
        (&mut programs.image_viewer, &commands.image_viewer),
        (&mut programs.clipboard, &commands.clipboard),
    ] {
        if let Some(argv) = configured {
            *program = argv.0.clone();
        }
    }
    programs
}

/// Whether visits are remembered, and how many.
pub(super) fn history(history: &HistoryConfig) -> HistorySettings {
    HistorySettings {
        enabled: history.enabled,
        size: usize::try_from(history.size.0).unwrap_or(usize::MAX),
    }
}

/// Bytes of page bodies kept for Back and Forward.
pub(super) fn page_memory(history: &HistoryConfig) -> u64 {
    history.page_memory.map_or(DEFAULT_PAGE_MEMORY, |p| p.0)
}

/// How pages are decoded unless `e` changes one (unset: auto).
pub(super) fn encoding(config: &Config) -> Encoding {
    config
        .encoding
        .as_ref()
        .and_then(|e| Encoding::from_name(e.as_str()))
        .unwrap_or_default()
}

/// The page opened when no address is given (`None`: the built-in start page).
pub(super) fn start_page(config: &Config) -> Option<Location> {
    config
        .start_page
        .as_ref()
        .and_then(|page| Location::parse(&page.0).ok())
}

/// The search the search key and `g ?words` use (Veronica-2 unless configured).
pub(super) fn search_engine(config: &Config) -> crate::gopher::GopherUrl {
    config
        .search_engine
        .as_ref()
        .map_or_else(crate::app::config::default_search_engine, |e| e.0.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::config::parse_config;

    fn config(text: &str) -> Config {
        parse_config(text).expect("valid config")
    }

    #[test]
    fn a_time_limit_flag_overrides_the_config_which_overrides_the_default() {
        let network = config("[network]\nconnect_timeout = 3\nidle_timeout = 4\n").network;
        let flags = LimitFlags {
            connect_timeout: Some(9),
            ..LimitFlags::default()
        };
        let chosen = limits(flags, &network);
        let defaults = FetchLimits::default();
        assert_eq!(chosen.connect_timeout, Duration::from_secs(9));
        assert_eq!(chosen.idle_timeout, Duration::from_secs(4));
        assert_eq!(chosen.total_timeout, defaults.total_timeout);
        assert_eq!(chosen.max_bytes, defaults.max_bytes);
        let sized = config("[network]\nmax_page_size = 1000\nmax_download_size = 2000\n").network;
        assert_eq!(limits(LimitFlags::default(), &sized).max_bytes, 1000);
        assert_eq!(download_cap(&sized), 2000);
        assert_eq!(
            download_cap(&NetworkConfig::default()),
            DEFAULT_DOWNLOAD_CAP
        );
    }

    #[test]
    fn configured_programs_replace_only_their_own_defaults() {
        let commands =
            config("[commands]\ntelnet = [\"mytelnet\", \"-8\"]\nclipboard = [\"wl-copy\"]\n")
                .commands;
        let chosen = programs(&commands);
        let defaults = ExternalPrograms::default();
        assert_eq!(chosen.telnet, ["mytelnet", "-8"]);
        assert_eq!(chosen.clipboard, ["wl-copy"]);
        assert_eq!(chosen.opener, defaults.opener);
        assert_eq!(chosen.image_viewer, defaults.image_viewer);
    }

    #[test]
    fn history_page_memory_encoding_and_start_page_come_from_the_config_or_their_defaults() {
        let defaults = config("");
        assert_eq!(history(&defaults.history), HistorySettings::default());
        assert_eq!(page_memory(&defaults.history), DEFAULT_PAGE_MEMORY);
        assert_eq!(encoding(&defaults), Encoding::Auto);
        assert_eq!(start_page(&defaults), None);
        let chosen = config(
            "encoding = \"cp437\"\nstart_page = \"about:help\"\n\
             [history]\nenabled = false\nsize = 5\npage_memory = 4096\n",
        );
        assert_eq!(
            history(&chosen.history),
            HistorySettings {
                enabled: false,
                size: 5
            }
        );
        assert_eq!(page_memory(&chosen.history), 4096);
        assert_eq!(encoding(&chosen), Encoding::Cp437);
        assert_eq!(start_page(&chosen), Some(Location::Help));
    }
}

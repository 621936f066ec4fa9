//! The start-up steps around the config file: reading and checking it (its `[keys]` applied to
//! the default keymap), and choosing the proxy from the command line and the file. A missing,
//! unreadable or invalid file means defaults and a warning, except that a proxy the file names
//! (or may name) is never silently dropped: an unusable one blocks the network instead.

use super::checked::Checked;
use crate::app::input::Keymap;
use crate::fetch::socks::ProxyAddr;
use crate::store::config::{Config, ProxyInInvalidConfig, parse_config, proxy_in_invalid_config};
use crate::store::read_text;
use std::path::Path;

/// The config file as start-up uses it.
#[derive(Debug, Clone, Default)]
pub(super) struct LoadedConfig {
    /// The file's settings, or the defaults when it is missing or invalid.
    pub config: Config,
    /// The keymap its `[keys]` make, with notes on keys that moved from one action to another
    /// (given to the user after the file's other problems).
    pub keymap: Checked<Keymap>,
    /// The proxy the file asks for.
    pub proxy: ProxyInFile,
}

/// What the config file says about the proxy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) enum ProxyInFile {
    #[default]
    None,
    /// A proxy address, not yet checked.
    Named(String),
    /// The file is invalid and may name a proxy: not connecting at all, for this reason.
    Unclear(String),
}

/// Reads the config file (`explicit`: named with `--config`, so a missing one is worth a
/// warning). Every problem means the defaults and a warning.
pub(super) fn read_config(file: Option<&Path>, explicit: bool) -> Checked<LoadedConfig> {
    let Some(file) = file else {
        return Checked::clean(LoadedConfig::default());
    };
    let text = match read_text(file) {
        Ok(Some(text)) => text,
        Ok(None) if explicit => {
            return Checked::warned(
                LoadedConfig::default(),
                format!("config file {} not found; using defaults", file.display()),
            );
        }
        Ok(None) => return Checked::clean(LoadedConfig::default()),
        Err(unreadable) => {
            return Checked::warned(
                LoadedConfig::default(),
                format!("{unreadable}; using defaults"),
            );
        }
    };
    match configure(&text) {
        Ok((config, keymap)) => Checked::clean(LoadedConfig {
            proxy: config
                .proxy
                .clone()
                .map_or(ProxyInFile::None, ProxyInFile::Named),
            config,
            keymap,
        }),
        Err(why) => {
            let proxy = match proxy_in_invalid_config(&text) {
                ProxyInInvalidConfig::None => ProxyInFile::None,
                ProxyInInvalidConfig::Named(proxy) => ProxyInFile::Named(proxy),
                ProxyInInvalidConfig::Unclear => ProxyInFile::Unclear(format!(
                    "not connecting: the config file {} may name a proxy but is invalid; fix \
                     it or give --proxy",
                    file.display()
                )),
            };
            Checked::warned(
                LoadedConfig {
                    proxy,
                    ..LoadedConfig::default()
                },
                format!(
                    "config file {} is invalid, {why}; using defaults",
                    file.display()
                ),
            )
        }
    }
}

/// Parses a config file and applies its `[keys]`; an error reads "line N: reason".
fn configure(text: &str) -> Result<(Config, Checked<Keymap>), String> {
    let config = parse_config(text)?;
    let mut keymap = Keymap::default();
    let mut notes = Vec::new();
    for binding in &config.keys {
        let line = binding.line;
        let moved = keymap
            .remap(&binding.action, &binding.keys)
            .map_err(|why| format!("line {line}: {why}"))?;
        notes.extend(
            moved
                .into_iter()
                .map(|m| format!("config line {line}: {m}")),
        );
    }
    Ok((
        config,
        Checked {
            value: keymap,
            warnings: notes,
        },
    ))
}

/// The proxy to use and, when the network must stay closed, why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ProxyChoice {
    pub proxy: Option<ProxyAddr>,
    /// Every fetch fails with this reason instead of connecting without the proxy.
    pub network_blocked: Option<String>,
}

/// `--proxy` wins (and must be valid: an error); else the file's proxy, where one that cannot
/// be used blocks the network rather than going direct (a warning saying so).
pub(super) fn choose_proxy(
    flag: Option<&str>,
    in_file: ProxyInFile,
) -> anyhow::Result<Checked<ProxyChoice>> {
    let choice = match (flag, in_file) {
        (Some(flag), _) => ProxyChoice {
            proxy: Some(ProxyAddr::parse(flag).map_err(anyhow::Error::msg)?),
            network_blocked: None,
        },
        (None, ProxyInFile::None) => ProxyChoice::default(),
        (None, ProxyInFile::Unclear(why)) => ProxyChoice {
            proxy: None,
            network_blocked: Some(why),
        },
        (None, ProxyInFile::Named(configured)) => match ProxyAddr::parse(&configured) {
            Ok(proxy) => ProxyChoice {
                proxy: Some(proxy),
                network_blocked: None,
            },
            Err(why) => ProxyChoice {
                proxy: None,
                network_blocked: Some(format!(
                    "not connecting: the proxy in the config file is unusable ({why}); fix it \
                     or give --proxy"
                )),
            },
        },
    };
    Ok(Checked {
        warnings: choice.network_blocked.iter().cloned().collect(),
        value: choice,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::input::{Action, Key};
    use std::fs;

    fn config_file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        fs::write(&path, text).expect("write");
        (dir, path)
    }

    #[test]
    fn a_missing_config_file_is_quietly_the_defaults_unless_it_was_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("config.toml");
        let quiet = read_config(Some(&missing), false);
        assert!(quiet.warnings.is_empty());
        assert_eq!(quiet.value.config, Config::default());
        let named = read_config(Some(&missing), true);
        assert_eq!(
            named.warnings,
            [format!(
                "config file {} not found; using defaults",
                missing.display()
            )]
        );
        assert!(read_config(None, false).warnings.is_empty());
    }

    #[test]
    fn an_invalid_config_file_is_the_defaults_with_its_line_but_keeps_the_proxy_it_names() {
        let (_dir, path) = config_file("proxy = \"socks5://127.0.0.1:9050\"\nmouse = 3\n");
        let loaded = read_config(Some(&path), false);
        assert_eq!(loaded.warnings.len(), 1);
        assert!(
            loaded.warnings[0].contains("is invalid, line 2:")
                && loaded.warnings[0].ends_with("; using defaults"),
            "{:?}",
            loaded.warnings
        );
        assert_eq!(loaded.value.config, Config::default());
        assert_eq!(
            loaded.value.proxy,
            ProxyInFile::Named("socks5://127.0.0.1:9050".into())
        );
        let (_dir, unclear) = config_file("proxy = [1, 2]\n");
        let loaded = read_config(Some(&unclear), false);
        assert!(
            matches!(&loaded.value.proxy, ProxyInFile::Unclear(why) if why.contains("may name a proxy")),
            "{:?}",
            loaded.value.proxy
        );
    }

    #[test]
    fn keys_moved_by_the_config_are_notes_kept_with_the_keymap_and_a_bad_key_name_is_invalid() {
        let (_dir, path) = config_file("[keys]\nquit = \"j\"\n");
        let loaded = read_config(Some(&path), false);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let keymap = &loaded.value.keymap;
        assert_eq!(keymap.value.action_for(Key::Char('j')), Some(Action::Quit));
        assert!(
            keymap.warnings.len() == 1 && keymap.warnings[0].starts_with("config line 2: "),
            "{:?}",
            keymap.warnings
        );
        let (_dir, bad) = config_file("[keys]\n\nquit = \"NoSuchKey\"\n");
        let loaded = read_config(Some(&bad), false);
        assert!(
            loaded.warnings.len() == 1 && loaded.warnings[0].contains("invalid, line 3: "),
            "{:?}",
            loaded.warnings
        );
    }

    #[test]
    fn the_proxy_flag_wins_and_an_unusable_configured_proxy_blocks_the_network() {
        let flag = choose_proxy(
            Some("socks5://127.0.0.1:1080"),
            ProxyInFile::Unclear("x".into()),
        )
        .expect("valid flag");
        assert!(flag.warnings.is_empty());
        assert!(flag.value.proxy.is_some() && flag.value.network_blocked.is_none());
        assert!(choose_proxy(Some("http://x:1"), ProxyInFile::None).is_err());
        let bad = choose_proxy(None, ProxyInFile::Named("http://x:1".into())).expect("warning");
        assert_eq!(bad.value.proxy, None);
        let blocked = bad.value.network_blocked.clone().expect("blocked");
        assert!(blocked.starts_with("not connecting: the proxy in the config file is unusable"));
        assert_eq!(bad.warnings, [blocked]);
        let unclear = choose_proxy(None, ProxyInFile::Unclear("why".into())).expect("warning");
        assert_eq!(unclear.value.network_blocked.as_deref(), Some("why"));
        assert_eq!(unclear.warnings, ["why"]);
        let none = choose_proxy(None, ProxyInFile::None).expect("nothing");
        assert_eq!(none, Checked::clean(ProxyChoice::default()));
    }
}

//! The configuration file (TOML, `$XDG_CONFIG_HOME/burrow/config.toml` or `--config PATH`).
//! A missing file means defaults; an invalid one is reported with the line and the reason, and
//! Burrow starts with defaults.
//!
//! Keys so far:
//! - `proxy = "socks5://127.0.0.1:9050"`: connect through a SOCKS5 proxy (e.g. Tor).

use serde::Deserialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub proxy: Option<String>,
}

/// Parses a config file; an error reads "line N: reason".
pub fn parse_config(text: &str) -> Result<Config, String> {
    toml::from_str(text).map_err(|error| {
        let line = error
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let reason = error.message().trim().to_owned();
        match line {
            Some(line) => format!("line {line}: {reason}"),
            None => reason,
        }
    })
}

/// What an invalid config file says about the proxy, so that one mistake elsewhere in the
/// file never silently turns the proxy off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyInInvalidConfig {
    /// The file clearly names no proxy.
    None,
    /// The file names this proxy.
    Named(String),
    /// The file may name a proxy but cannot be read well enough to tell which.
    Unclear,
}

pub fn proxy_in_invalid_config(text: &str) -> ProxyInInvalidConfig {
    match text.parse::<toml::Table>() {
        Ok(table) => match table.get("proxy") {
            None => ProxyInInvalidConfig::None,
            Some(toml::Value::String(proxy)) => ProxyInInvalidConfig::Named(proxy.clone()),
            Some(_) => ProxyInInvalidConfig::Unclear,
        },
        Err(_) if text.contains("proxy") => ProxyInInvalidConfig::Unclear,
        Err(_) => ProxyInInvalidConfig::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proxy_survives_a_mistake_elsewhere_in_the_file() {
        let text = "proxy = \"socks5://127.0.0.1:9050\"\ntimeout = 5\n";
        assert!(parse_config(text).is_err());
        assert_eq!(
            proxy_in_invalid_config(text),
            ProxyInInvalidConfig::Named("socks5://127.0.0.1:9050".into())
        );
        assert_eq!(
            proxy_in_invalid_config("proxy = [1]"),
            ProxyInInvalidConfig::Unclear
        );
        assert_eq!(
            proxy_in_invalid_config("proxy = \"unterminated"),
            ProxyInInvalidConfig::Unclear
        );
        assert_eq!(
            proxy_in_invalid_config("timeout = = 5"),
            ProxyInInvalidConfig::None
        );
    }

    #[test]
    fn an_empty_file_means_defaults() {
        assert_eq!(parse_config(""), Ok(Config::default()));
    }

    #[test]
    fn the_proxy_key_is_read() {
        let config = parse_config("# Tor\nproxy = \"socks5://127.0.0.1:9050\"\n").expect("valid");
        assert_eq!(config.proxy.as_deref(), Some("socks5://127.0.0.1:9050"));
    }

    #[test]
    fn errors_name_the_line_and_the_reason() {
        let error = parse_config("\n\nproxy = 42\n").expect_err("wrong type");
        assert!(error.starts_with("line 3: "), "{error}");
        let error = parse_config("proxx = \"x\"\n").expect_err("unknown key");
        assert!(
            error.starts_with("line 1: ") && error.contains("proxx"),
            "{error}"
        );
    }
}

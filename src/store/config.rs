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

#[cfg(test)]
mod tests {
    use super::*;

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

//! Where a page comes from: a Gopher URL, a built-in page (`about:start`, `about:help`, the
//! bookmarks and history menus, the messages page) or the source of one of those; parsed from what a person types
//! and printed back the same way. A new protocol adds its variant here.

use crate::gopher::GopherUrl;
use std::fmt;

/// What the address of a source page starts with.
const SOURCE_PREFIX: &str = "source of ";

/// Where a page came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Start,
    Help,
    /// The bookmarks file, as a menu.
    Bookmarks,
    /// The pages visited, newest first, as a menu.
    History,
    /// Every notice of this session, newest first (`about:messages`).
    Messages,
    Gopher(GopherUrl),
    /// The raw source of another location (never of a source page).
    Source(Box<Location>),
}

impl Location {
    /// Parses what a person typed: `about:start`, `about:help`, a Gopher URL, or one of these
    /// after `source of `.
    pub fn parse(input: &str) -> Result<Location, crate::gopher::UrlError> {
        match input.trim() {
            "about:start" => Ok(Location::Start),
            "about:help" => Ok(Location::Help),
            "about:bookmarks" => Ok(Location::Bookmarks),
            "about:history" => Ok(Location::History),
            "about:messages" => Ok(Location::Messages),
            other => match other.strip_prefix(SOURCE_PREFIX) {
                Some(inner) => Location::parse(inner).map(Location::source_of),
                None => GopherUrl::parse(other).map(Location::Gopher),
            },
        }
    }

    /// The source page of `location` (a source page's source is the same source page).
    pub fn source_of(location: Location) -> Location {
        match location {
            Location::Source(_) => location,
            other => Location::Source(Box::new(other)),
        }
    }

    /// The Gopher URL this page was fetched from (for a source page, its page's URL).
    pub fn gopher_url(&self) -> Option<&GopherUrl> {
        match self {
            Location::Gopher(url) => Some(url),
            Location::Source(inner) => inner.gopher_url(),
            _ => None,
        }
    }

    pub fn is_source(&self) -> bool {
        matches!(self, Location::Source(_))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Start => f.write_str("about:start"),
            Location::Help => f.write_str("about:help"),
            Location::Bookmarks => f.write_str("about:bookmarks"),
            Location::History => f.write_str("about:history"),
            Location::Messages => f.write_str("about:messages"),
            Location::Gopher(url) => url.fmt(f),
            Location::Source(inner) => write!(f, "{SOURCE_PREFIX}{inner}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> GopherUrl {
        GopherUrl::parse("gopher://example.org:7070/1/missing").expect("valid")
    }

    #[test]
    fn source_locations_print_and_parse_back_and_never_nest() {
        let source = Location::source_of(Location::Gopher(url()));
        assert_eq!(
            source.to_string(),
            "source of gopher://example.org:7070/1/missing"
        );
        assert_eq!(Location::parse(&source.to_string()), Ok(source.clone()));
        assert_eq!(Location::source_of(source.clone()), source);
        assert_eq!(
            Location::parse("source of source of about:help"),
            Ok(Location::source_of(Location::Help))
        );
        assert_eq!(source.gopher_url(), Some(&url()));
    }
}

//! What the Go to prompt offers while an address is typed: the addresses typed before (newest
//! first, recalled with Up and Down), and completions from those, the bookmarks and the
//! history (chosen with Tab and Shift-Tab).
//!
//! The lists arrive as data (`Msg::AddressHistory`, `Msg::LinksSaved`); this file only keeps
//! them and matches against them. Matching is case-insensitive and ignores the `gopher://`
//! prefix; an address that starts with what was typed comes before one that only holds it,
//! and both before a title that holds it. Each key costs one pass over the lists (a few
//! thousand short strings at most: the files are bounded).

use crate::store::link_file::SavedLink;

/// How many completions are offered at once.
pub const MAX_COMPLETIONS: usize = 6;

/// Text longer than this is not completed (no saved address is that long in practice, and
/// matching would then cost each key a pass over the whole text).
pub const MAX_COMPLETED_BYTES: usize = 2048;

/// How many typed addresses are remembered (in memory and in the file).
pub const ADDRESS_HISTORY_LIMIT: usize = 200;

/// One address that can be offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub address: String,
    /// The bookmark's or visited page's title; empty for a typed address.
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    candidate: Candidate,
    /// The address in lower case without `gopher://`, and the title in lower case.
    address_key: String,
    title_key: String,
}

fn address_key(address: &str) -> String {
    let lower = address.trim().to_lowercase();
    match lower.strip_prefix("gopher://") {
        Some(rest) => rest.to_owned(),
        None => lower,
    }
}

/// The addresses Burrow knows of for the Go to prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressMemory {
    /// Addresses typed into Go to, newest first, at most [`ADDRESS_HISTORY_LIMIT`].
    typed: Vec<String>,
    bookmarks: Vec<SavedLink>,
    visited: Vec<SavedLink>,
    /// Everything above, each address once, in the order it is offered.
    entries: Vec<Entry>,
    /// The last problem with that file, so it is reported once.
    pub file_problem: Option<String>,
}

impl AddressMemory {
    /// Typed addresses, newest first.
    pub fn typed(&self) -> &[String] {
        &self.typed
    }

    /// The typed addresses as the file holds them now.
    pub fn set_typed(&mut self, mut typed: Vec<String>) {
        typed.truncate(ADDRESS_HISTORY_LIMIT);
        self.typed = typed;
        self.rebuild();
    }

    /// Puts `address` first among the typed ones (for this session, before the file answers).
    pub fn remember_typed(&mut self, address: &str) {
        let mut typed = std::mem::take(&mut self.typed);
        typed.retain(|a| a != address);
        typed.insert(0, address.to_owned());
        self.set_typed(typed);
    }

    pub fn set_bookmarks(&mut self, links: &[SavedLink]) {
        self.bookmarks = links.to_vec();
        self.rebuild();
    }

    pub fn set_visited(&mut self, links: &[SavedLink]) {
        self.visited = links.to_vec();
        self.rebuild();
    }

    fn rebuild(&mut self) {
        let typed = self.typed.iter().map(|address| Candidate {
            address: address.clone(),
            title: String::new(),
        });
        let saved = self
            .bookmarks
            .iter()
            .chain(&self.visited)
            .map(|link| Candidate {
                address: link.url.to_string(),
                title: link.title.clone(),
            });
        let mut seen = std::collections::HashSet::new();
        self.entries = typed
            .chain(saved)
            .filter(|c| seen.insert(address_key(&c.address)))
            .map(|candidate| Entry {
                address_key: address_key(&candidate.address),
                title_key: candidate.title.to_lowercase(),
                candidate,
            })
            .collect();
    }

    /// At most [`MAX_COMPLETIONS`] addresses matching `typed`, best first. Nothing for empty
    /// text or text over [`MAX_COMPLETED_BYTES`], and never the text itself.
    pub fn completions(&self, typed: &str) -> Vec<Candidate> {
        if typed.len() > MAX_COMPLETED_BYTES {
            return Vec::new();
        }
        let needle = address_key(typed);
        if needle.is_empty() {
            return Vec::new();
        }
        let mut ranked: Vec<(u8, &Entry)> = self
            .entries
            .iter()
            .filter(|e| e.address_key != needle)
            .filter_map(|e| {
                let rank = if e.address_key.starts_with(&needle) {
                    0
                } else if e.address_key.contains(&needle) {
                    1
                } else if e.title_key.contains(&needle) {
                    2
                } else {
                    return None;
                };
                Some((rank, e))
            })
            .collect();
        ranked.sort_by_key(|&(rank, _)| rank);
        ranked
            .into_iter()
            .take(MAX_COMPLETIONS)
            .map(|(_, e)| e.candidate.clone())
            .collect()
    }

    /// Typed addresses that start with `draft` (all of them for an empty draft), newest first.
    pub fn recall(&self, draft: &str) -> impl Iterator<Item = &str> {
        let draft = draft.to_lowercase();
        self.typed
            .iter()
            .filter(move |a| a.to_lowercase().starts_with(&draft))
            .map(String::as_str)
    }
}

/// The completions shown under a Go to prompt, and the one Tab put into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    pub matches: Vec<Candidate>,
    pub chosen: Option<usize>,
}

impl Completion {
    /// The next (or previous) match after the chosen one, wrapping around.
    pub fn step(&mut self, forward: bool) -> Option<&Candidate> {
        let count = self.matches.len();
        if count == 0 {
            return None;
        }
        let next = match (self.chosen, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.chosen = Some(next);
        self.matches.get(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gopher::GopherUrl;

    fn link(title: &str, address: &str) -> SavedLink {
        SavedLink::new(title, GopherUrl::parse(address).expect("url"))
    }

    fn memory() -> AddressMemory {
        let mut memory = AddressMemory::default();
        memory.set_bookmarks(&[
            link("Floodgap", "gopher://gopher.floodgap.com/"),
            link("Quux home", "gopher://quux.org/"),
        ]);
        memory.set_visited(&[
            link("Phlogs at SDF", "gopher://sdf.org/1/phlogs"),
            link("Quux again", "gopher://quux.org/"),
            link("Veronica search", "gopher://gopher.floodgap.com/7/v2/vs"),
        ]);
        memory.set_typed(vec!["sdf.org".into()]);
        memory
    }

    fn addresses(found: &[Candidate]) -> Vec<&str> {
        found.iter().map(|c| c.address.as_str()).collect()
    }

    /// How Burrow writes an address.
    fn written(address: &str) -> String {
        GopherUrl::parse(address).expect("url").to_string()
    }

    #[test]
    fn completions_put_address_prefixes_before_inner_matches_and_titles() {
        let memory = memory();
        assert_eq!(
            addresses(&memory.completions("gopher.f")),
            [
                written("gopher://gopher.floodgap.com/"),
                written("gopher://gopher.floodgap.com/7/v2/vs")
            ]
        );
        assert_eq!(
            addresses(&memory.completions("PHLOG")),
            [written("gopher://sdf.org/1/phlogs")]
        );
        assert_eq!(
            addresses(&memory.completions("sdf")),
            ["sdf.org".to_owned(), written("gopher://sdf.org/1/phlogs")],
            "what was typed before comes first"
        );
        let quux = memory.completions("home");
        assert_eq!(quux.len(), 1, "an address saved twice is offered once");
        assert_eq!(quux[0].title, "Quux home");
        assert!(memory.completions("").is_empty());
        let long = format!("sdf.org/{}", "x".repeat(MAX_COMPLETED_BYTES));
        assert!(memory.completions(&long).is_empty());
        assert!(
            memory
                .completions("sdf.org")
                .iter()
                .all(|c| c.address != "sdf.org")
        );
    }

    #[test]
    fn recall_offers_typed_addresses_newest_first_filtered_by_the_draft() {
        let mut memory = memory();
        memory.remember_typed("gopher://a.org/");
        memory.remember_typed("b.org");
        memory.remember_typed("gopher://a.org/");
        let all: Vec<&str> = memory.recall("").collect();
        assert_eq!(all, ["gopher://a.org/", "b.org", "sdf.org"]);
        let some: Vec<&str> = memory.recall("GOPHER").collect();
        assert_eq!(some, ["gopher://a.org/"]);
        let many = (0..ADDRESS_HISTORY_LIMIT + 5).map(|i| format!("h{i}.org"));
        memory.set_typed(many.collect());
        assert_eq!(memory.typed().len(), ADDRESS_HISTORY_LIMIT);
    }

    #[test]
    fn tab_steps_through_the_matches_and_wraps_both_ways() {
        let mut completion = Completion {
            matches: memory().completions("o"),
            chosen: None,
        };
        let count = completion.matches.len();
        assert!(count >= 3);
        let first = completion.step(true).cloned();
        assert_eq!(first.as_ref(), completion.matches.first());
        for _ in 1..count {
            completion.step(true);
        }
        assert_eq!(completion.step(true).cloned(), first, "wraps to the first");
        let previous = completion.step(false).cloned();
        assert_eq!(previous.as_ref(), completion.matches.last());
        assert!(Completion::default().step(true).is_none());
    }
}

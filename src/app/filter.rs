//! Filtering a page as you type (`&`, as in less): the lines whose text holds every word of
//! the query (in any order, as in fzf), each word with the same smart case as find
//! (`find::case_sensitive`), and in menus a leading `:dir`, `:txt`, `:file` or `:search`
//! keeping one kind of item, and info lines hidden on request.
//!
//! Built so a key never waits for it: each query is a [`Level`] that decides lines in slices
//! of at most [`SLICE_WORK`] (bytes of text plus [`LINE_COST`] a line), one slice per `step`,
//! so the app can run one slice per key and the rest on `Command::WakeAfter` wakes. A query
//! that narrows the one before (each old word is within a new one, the same kind, info still
//! hidden)
//! tests only the lines the old one kept; the levels typed before stay (within
//! [`MAX_KEPT_BYTES`]) so Backspace returns to a result already computed. The kept lines are
//! in page order; a page still arriving is read on as it grows.

use super::find_text::{case_sensitive, first_match_between, grouped, line_count, line_text};
use super::page::{Content, Page};
use crate::gopher::ItemKind;

/// The most work one slice does: bytes of text read, plus `LINE_COST` for each line.
pub const SLICE_WORK: usize = 1 << 20;
/// What deciding a line costs besides reading its text.
pub const LINE_COST: usize = 16;
/// The most memory the kept and candidate lists of all levels may take; older levels go first.
pub const MAX_KEPT_BYTES: usize = 16 << 20;

/// One kind of menu item to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindFilter {
    /// `:dir`: menus.
    Dir,
    /// `:txt`: text documents.
    Text,
    /// `:file`: files to download (binaries, images, sounds, documents).
    File,
    /// `:search`: search items.
    Search,
}

/// The kind names, as the prompt lists them: `:dir :txt :file :search`.
pub fn kind_names() -> String {
    KindFilter::ALL
        .map(|(_, name)| format!(":{name}"))
        .join(" ")
}

/// The `:name` that `typed` starts with when it names no kind and is not the start of one
/// still being typed (`:foo`, `:dirs`), in a menu.
pub fn unknown_kind(typed: &str) -> Option<&str> {
    let rest = typed.strip_prefix(':')?;
    let (name, _) = rest.split_once(' ').unwrap_or((rest, ""));
    let lower = name.to_ascii_lowercase();
    let known = KindFilter::ALL
        .iter()
        .any(|(_, n)| *n == lower || (!rest.contains(' ') && n.starts_with(&lower)));
    (!name.is_empty() && !known).then_some(&typed[..name.len() + 1])
}

/// The words of `text`, split at white space.
fn words_of(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

impl KindFilter {
    const ALL: [(KindFilter, &'static str); 4] = [
        (KindFilter::Dir, "dir"),
        (KindFilter::Text, "txt"),
        (KindFilter::File, "file"),
        (KindFilter::Search, "search"),
    ];

    fn keeps(self, kind: ItemKind) -> bool {
        match self {
            KindFilter::Dir => kind == ItemKind::Menu,
            KindFilter::Text => kind == ItemKind::Text,
            KindFilter::File => kind == ItemKind::Binary,
            KindFilter::Search => kind == ItemKind::Search,
        }
    }
}

/// What the filter keeps: lines holding every one of `words`, of `kind` when given, without
/// info lines when `hide_info`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterQuery {
    /// The words typed, split at white space (none: every line of the kind).
    pub words: Vec<String>,
    pub kind: Option<KindFilter>,
    pub hide_info: bool,
}

impl FilterQuery {
    /// Reads what was typed into the filter prompt. In menus a leading `:name ` picks a kind
    /// (in any case: `:DIR`); while the name is still being typed (`:d`, `:se`) nothing is
    /// filtered yet, and a `:` word that names no kind is plain text to find (`:30` finds
    /// `12:30`; [`unknown_kind`] names it for the prompt when it finds nothing).
    pub fn parse(typed: &str, in_menu: bool, hide_info: bool) -> FilterQuery {
        let plain = FilterQuery {
            words: words_of(typed),
            kind: None,
            hide_info,
        };
        let Some(rest) = typed.strip_prefix(':').filter(|_| in_menu) else {
            return plain;
        };
        let (name, words) = rest.split_once(' ').unwrap_or((rest, ""));
        let name = name.to_ascii_lowercase();
        if let Some(&(kind, _)) = KindFilter::ALL.iter().find(|(_, n)| *n == name) {
            return FilterQuery {
                words: words_of(words),
                kind: Some(kind),
                hide_info,
            };
        }
        let typing_a_name =
            !rest.contains(' ') && KindFilter::ALL.iter().any(|(_, n)| n.starts_with(&name));
        if typing_a_name {
            FilterQuery {
                words: Vec::new(),
                kind: None,
                hide_info,
            }
        } else {
            plain
        }
    }

    /// Whether every line this query keeps, `wider` keeps too: each of its words is within
    /// one of ours (a line holding `gopher` holds `go`; a capital in a word only narrows it).
    fn narrows(&self, wider: &FilterQuery) -> bool {
        (wider.kind.is_none() || wider.kind == self.kind)
            && (!wider.hide_info || self.hide_info)
            && wider
                .words
                .iter()
                .all(|old| self.words.iter().any(|new| new.contains(old.as_str())))
    }

    /// Whether each word is matched case-sensitively (smart case, word by word).
    fn sensitivity(&self) -> Vec<bool> {
        self.words.iter().map(|word| case_sensitive(word)).collect()
    }

    /// Whether `line` of `page` is kept, and the work that deciding it took (the text is
    /// read once for each word tested; the first word missing decides).
    fn keeps(&self, page: &Page, line: usize, sensitive: &[bool]) -> (bool, usize) {
        if let Content::Menu(menu) = &page.content
            && let Some(item) = menu.item(line)
        {
            let kind = item.opens_as.kind();
            let kind_kept = match self.kind {
                Some(filter) => filter.keeps(kind),
                None => !(self.hide_info && kind == ItemKind::Info),
            };
            if !kind_kept {
                return (false, LINE_COST);
            }
        }
        let text = line_text(page, line).unwrap_or("");
        let mut work = LINE_COST + text.len();
        for (tested, (word, &sensitive)) in self.words.iter().zip(sensitive).enumerate() {
            if tested > 0 {
                work += text.len();
            }
            if first_match_between(text, word, 0, text.len(), sensitive).is_none() {
                return (false, work);
            }
        }
        (true, work)
    }
}

/// The lines one query keeps, decided so far.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Level {
    query: FilterQuery,
    /// Whether each word of the query is matched case-sensitively.
    sensitive: Vec<bool>,
    /// Lines a wider query kept, to test first (in page order), and how many are tested.
    candidates: Vec<u32>,
    tested: usize,
    /// The first line no wider query has decided: from here on every line is tested.
    next_line: usize,
    kept: Vec<u32>,
}

impl Level {
    fn bytes(&self) -> usize {
        (self.candidates.capacity() + self.kept.capacity()) * size_of::<u32>()
    }

    fn done(&self, lines: usize) -> bool {
        self.tested == self.candidates.len() && self.next_line >= lines
    }
}

/// The filter of one page: the current query's level on top of those typed before it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    levels: Vec<Level>,
}

impl Filter {
    /// Filters by `query` from now on, reusing what earlier queries decided.
    pub fn set_query(&mut self, query: FilterQuery) {
        while let Some(top) = self.levels.last() {
            if top.query == query {
                return;
            }
            if query.narrows(&top.query) {
                break;
            }
            self.levels.pop();
        }
        let level = match self.levels.last() {
            // What the wider query kept, then what it has still to test (all after those).
            Some(wider) => Level {
                sensitive: query.sensitivity(),
                candidates: [&wider.kept[..], &wider.candidates[wider.tested..]].concat(),
                tested: 0,
                next_line: wider.next_line,
                kept: Vec::new(),
                query,
            },
            None => Level {
                sensitive: query.sensitivity(),
                candidates: Vec::new(),
                tested: 0,
                next_line: 0,
                kept: Vec::new(),
                query,
            },
        };
        self.levels.push(level);
        self.forget_old_levels();
    }

    fn forget_old_levels(&mut self) {
        let mut total: usize = self.levels.iter().map(Level::bytes).sum();
        while total > MAX_KEPT_BYTES && self.levels.len() > 1 {
            total -= self.levels.remove(0).bytes();
        }
    }

    /// Decides one slice of lines; returns whether every line of `page` is decided.
    pub fn step(&mut self, page: &Page) -> bool {
        let lines = line_count(page);
        let Some(level) = self.levels.last_mut() else {
            return true;
        };
        let mut budget = SLICE_WORK;
        while budget > 0 {
            let line = if let Some(&line) = level.candidates.get(level.tested) {
                level.tested += 1;
                line as usize
            } else if level.next_line < lines {
                level.next_line += 1;
                level.next_line - 1
            } else {
                break;
            };
            let (kept, work) = level.query.keeps(page, line, &level.sensitive);
            if kept {
                level.kept.push(line as u32);
            }
            budget = budget.saturating_sub(work);
        }
        let done = level.done(lines);
        if done {
            level.kept.shrink_to_fit();
        }
        self.forget_old_levels();
        done
    }

    /// Whether every line of `page` is decided (a page still arriving may add more).
    pub fn is_done(&self, page: &Page) -> bool {
        self.levels
            .last()
            .is_none_or(|level| level.done(line_count(page)))
    }

    /// The query in force.
    pub fn query(&self) -> Option<&FilterQuery> {
        self.levels.last().map(|level| &level.query)
    }

    /// The lines kept so far, in page order: row `k` of the narrowed view is line `kept()[k]`.
    pub fn kept(&self) -> &[u32] {
        self.levels.last().map_or(&[], |level| &level.kept)
    }

    /// The row of the narrowed view that shows `line`, if it is kept.
    pub fn row_of(&self, line: usize) -> Option<usize> {
        let line = u32::try_from(line).ok()?;
        self.kept().binary_search(&line).ok()
    }

    /// The row showing `line`, else the first kept line after it, else the last kept line.
    pub fn nearest_row(&self, line: usize) -> Option<usize> {
        let kept = self.kept();
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let at = kept.partition_point(|&l| l < line);
        if at < kept.len() {
            Some(at)
        } else {
            kept.len().checked_sub(1)
        }
    }

    /// `12 of 100,000 lines`, with `+` after the first number while lines remain undecided.
    pub fn status(&self, page: &Page) -> String {
        let more = if self.is_done(page) { "" } else { "+" };
        format!(
            "{}{more} of {} lines",
            grouped(self.kept().len()),
            grouped(line_count(page))
        )
    }
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;

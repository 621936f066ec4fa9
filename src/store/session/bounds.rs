//! Keeping a session within the file's bounds: the tabs nearest the current one, the pages
//! nearest the one shown, and the whole text under the size Burrow reads back.

use super::format::{Kind, entry_line, is_writable};
use super::{MAX_FILE_BYTES, MAX_PAGES_PER_TAB, MAX_TABS, Session, SessionTab};

impl Session {
    /// The session within the file's bounds: at most [`MAX_TABS`] tabs (those nearest the
    /// current one), [`MAX_PAGES_PER_TAB`] pages each (those nearest the page shown), tabs
    /// without pages and pages whose address cannot be written left out, and the whole under
    /// [`MAX_FILE_BYTES`] (the pages furthest from those shown go first).
    pub fn bounded(&self) -> Session {
        let mut tabs: Vec<(bool, SessionTab)> = Vec::new();
        for (index, tab) in self.tabs.iter().enumerate() {
            let mut kept = SessionTab {
                entries: Vec::new(),
                at: 0,
            };
            let at = tab.at.min(tab.entries.len().saturating_sub(1));
            for (n, entry) in tab.entries.iter().enumerate() {
                if !is_writable(&entry.address) {
                    continue;
                }
                if n == at {
                    kept.at = kept.entries.len();
                }
                kept.entries.push(entry.clone());
            }
            if !kept.entries.is_empty() {
                keep_nearest(&mut kept.entries, &mut kept.at, MAX_PAGES_PER_TAB);
                tabs.push((index == self.current, kept));
            }
        }
        let mut current = tabs.iter().position(|(is_current, _)| *is_current);
        let mut at = current.unwrap_or(0);
        let mut tabs: Vec<SessionTab> = tabs.into_iter().map(|(_, tab)| tab).collect();
        keep_nearest(&mut tabs, &mut at, MAX_TABS);
        if current.is_some() {
            current = Some(at);
        }
        let mut session = Session {
            tabs,
            current: current.unwrap_or(0),
        };
        session.shrink_to(MAX_FILE_BYTES);
        session
    }

    /// Drops pages furthest from the one shown (in the tab with the most pages first), then
    /// whole tabs furthest from the current one, until the file text fits in `limit` bytes.
    pub(super) fn shrink_to(&mut self, limit: usize) {
        let mut size = self.text().len();
        while size > limit {
            let longest = (0..self.tabs.len()).max_by_key(|&t| self.tabs[t].entries.len());
            match longest {
                Some(t) if self.tabs[t].entries.len() > 1 => {
                    let tab = &mut self.tabs[t];
                    let drop = if tab.at >= tab.entries.len() - 1 - tab.at {
                        tab.at -= 1;
                        0
                    } else {
                        tab.entries.len() - 1
                    };
                    let kind = if drop == 0 { Kind::Back } else { Kind::Forward };
                    let removed = tab.entries.remove(drop);
                    size -= entry_line(&removed, kind).len();
                }
                Some(_) if self.tabs.len() > 1 => {
                    let drop = if self.current >= self.tabs.len() - 1 - self.current {
                        self.current -= 1;
                        0
                    } else {
                        self.tabs.len() - 1
                    };
                    self.tabs.remove(drop);
                    size = self.text().len();
                }
                _ => {
                    self.tabs.clear();
                    self.current = 0;
                    return;
                }
            }
        }
    }
}

fn keep_nearest<T>(items: &mut Vec<T>, at: &mut usize, limit: usize) {
    if items.len() <= limit {
        return;
    }
    let start = at.saturating_sub(limit / 2).min(items.len() - limit);
    items.truncate(start + limit);
    items.drain(..start);
    *at -= start;
}

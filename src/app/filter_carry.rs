//! A filter goes on to the page that replaces its own, so what is typed is never lost: while
//! the filter prompt is open, the typed text narrows the page that arrives (a new page's first
//! bytes, a reload, an error page), and the prompt stays open over it; a reload keeps the
//! filter in force too. `&` on a page that has not arrived yet (the loading screen) therefore
//! opens the prompt, and the filter applies as the page comes. Everything else that replaces
//! the page (Back, a link followed) shows it whole, as `end_filter` does.

use super::App;
use super::input::PromptPurpose;
use super::narrowed::Narrowed;

/// What of a filter goes on to the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CarriedFilter {
    typed: String,
    hide_info: bool,
    /// Whether the filter prompt stays open (else the filter was in force, Enter pressed).
    typing: bool,
}

impl App {
    /// Before the page is replaced by the reply to a load (`reload` for `r`): ends the
    /// filter on the page leaving (its cursor back on the item it was on), and returns what
    /// goes on to the next page; the filter prompt stays open when it does.
    pub(super) fn filter_to_carry(&mut self, reload: bool) -> Option<CarriedFilter> {
        let prompt_open = self.prompt().map(|p| &p.purpose) == Some(&PromptPurpose::Filter)
            && !self.tabs.in_background();
        let typing = self.tab.filter.as_ref().is_some_and(|n| n.typing) && prompt_open;
        let narrowed = match typing {
            true => self.end_filter_keeping_prompt()?,
            false => {
                let in_force = self.tab.narrowed().is_some();
                let carried = (reload && in_force)
                    .then(|| self.tab.filter.clone())
                    .flatten();
                self.end_filter();
                carried?
            }
        };
        Some(CarriedFilter {
            typed: narrowed.typed,
            hide_info: narrowed.hide_info,
            typing,
        })
    }

    /// After the page was replaced: the carried filter narrows the new page (its lines are
    /// decided by the wakes `keep_filtering` asks for, and as the page grows).
    pub(super) fn carry_filter(&mut self, carried: Option<CarriedFilter>) {
        let Some(carried) = carried else { return };
        let view = self.viewport();
        let in_menu = self.tab.page.menu().is_some();
        let mut narrowed = Narrowed::new(&self.tab.page, carried.hide_info, view);
        narrowed.typing = carried.typing;
        narrowed.set_typed(&carried.typed, in_menu);
        if narrowed.typing || narrowed.is_active() {
            self.tab.filter = Some(narrowed);
        }
    }

    /// The page's content changed kind in place (a climb's reply read as text): the filter
    /// starts again on it.
    pub(super) fn refilter_in_place(&mut self) {
        let carried = self.tab.filter.take().map(|narrowed| CarriedFilter {
            typed: narrowed.typed,
            hide_info: narrowed.hide_info && self.tab.page.menu().is_some(),
            typing: narrowed.typing,
        });
        self.carry_filter(carried);
    }
}

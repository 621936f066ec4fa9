//! The keymap that turns keys into browsing actions: the defaults from [`ACTIONS`], changed by
//! the config's `[keys]`. Nothing here knows about the terminal.

use super::actions::{ACTIONS, Action};
use super::key::Key;

/// Which key does what while browsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Each key at most once; an action's keys in the order the help page shows them.
    bindings: Vec<(Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: ACTIONS
                .iter()
                .flat_map(|row| row.default_keys.iter().map(|&key| (key, row.action)))
                .collect(),
        }
    }
}

impl Keymap {
    pub fn action_for(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(bound, _)| *bound == key)
            .map(|&(_, action)| action)
    }

    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|(_, bound)| *bound == action)
            .map(|&(key, _)| key)
            .collect()
    }

    /// The actions no key reaches, in the order of [`ACTIONS`].
    pub fn actions_without_keys(&self) -> Vec<Action> {
        ACTIONS
            .iter()
            .map(|row| row.action)
            .filter(|&action| self.keys_for(action).is_empty())
            .collect()
    }

    /// Every binding: each key once.
    pub fn bindings(&self) -> &[(Key, Action)] {
        &self.bindings
    }

    /// Gives the action named `action_name` (a `[keys]` name) exactly `key_names`: it loses
    /// its other keys, and a key another action had moves to this one. Returns warnings about
    /// moved keys; an unknown action or key name is an error and changes nothing.
    pub fn remap(
        &mut self,
        action_name: &str,
        key_names: &[String],
    ) -> Result<Vec<String>, String> {
        let action = Action::from_name(action_name).ok_or_else(|| {
            format!(
                "unknown action `{action_name}` in [keys] (`burrow --print-default-config` \
                 lists the names, e.g. quit, down, follow, back)"
            )
        })?;
        let keys = key_names
            .iter()
            .map(|name| Key::parse(name))
            .collect::<Result<Vec<_>, _>>()?;
        let mut warnings = Vec::new();
        self.bindings.retain(|(_, bound)| *bound != action);
        for key in keys {
            match self.action_for(key) {
                Some(other) if other == action => continue,
                Some(other) => {
                    self.bindings.retain(|(bound, _)| *bound != key);
                    warnings.push(format!(
                        "{} now does {} instead of {}",
                        key.name(),
                        action.name(),
                        other.name()
                    ));
                }
                None => {}
            }
            self.bindings.push((key, action));
        }
        Ok(warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn arrows_and_vi_keys_map_to_the_same_actions() {
        let map = Keymap::default();
        assert_eq!(map.action_for(Key::Down), map.action_for(Key::Char('j')));
        assert_eq!(map.action_for(Key::Up), map.action_for(Key::Char('k')));
        assert_eq!(map.action_for(Key::Right), Some(Action::Follow));
        assert_eq!(map.action_for(Key::Left), Some(Action::Back));
        assert_eq!(map.action_for(Key::Char('z')), None);
        assert_eq!(
            map.keys_for(Action::Quit),
            vec![Key::Char('q'), Key::Ctrl('c')]
        );
    }

    #[test]
    fn key_names_parse_and_every_displayed_name_reads_back() {
        assert_eq!(Key::parse("q"), Ok(Key::Char('q')));
        assert_eq!(Key::parse("Q"), Ok(Key::Char('Q')));
        assert_eq!(Key::parse("C-n"), Ok(Key::Ctrl('n')));
        assert_eq!(Key::parse("Ctrl-C"), Ok(Key::Ctrl('c')));
        assert_eq!(Key::parse("ctrl+x"), Ok(Key::Ctrl('x')));
        assert_eq!(Key::parse("enter"), Ok(Key::Enter));
        assert_eq!(Key::parse("PgDn"), Ok(Key::PageDown));
        assert_eq!(Key::parse("PageUp"), Ok(Key::PageUp));
        assert_eq!(Key::parse("Space"), Ok(Key::Char(' ')));
        assert_eq!(Key::parse("-"), Ok(Key::Char('-')));
        for bad in ["F1", "", "C-", "Ctrl-ab", "qq", "Hyper-x"] {
            let why = Key::parse(bad).expect_err(bad);
            assert!(why.contains("unknown key"), "{why}");
        }
        assert_eq!(Key::parse("A-b"), Ok(Key::Alt('b')));
        assert_eq!(Key::parse("alt-B"), Ok(Key::Alt('B')));
        assert_eq!(Key::parse("ctrl-left"), Ok(Key::CtrlLeft));
        let prompt_keys = [
            Key::Alt('f'),
            Key::BackTab,
            Key::CtrlLeft,
            Key::CtrlRight,
            Key::AltBackspace,
        ];
        for key in Keymap::default()
            .bindings()
            .iter()
            .map(|&(key, _)| key)
            .chain(prompt_keys)
        {
            assert_eq!(Key::parse(&key.name()), Ok(key), "{}", key.name());
        }
    }

    #[test]
    fn a_remapped_action_loses_its_default_keys() {
        let mut map = Keymap::default();
        let warnings = map.remap("quit", &keys(&["Q"])).expect("valid");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(map.keys_for(Action::Quit), vec![Key::Char('Q')]);
        assert_eq!(map.action_for(Key::Char('q')), None);
        assert_eq!(map.action_for(Key::Ctrl('c')), None);
    }

    #[test]
    fn a_key_taken_from_another_action_moves_with_a_warning() {
        let mut map = Keymap::default();
        let warnings = map
            .remap("down", &keys(&["j", "Down", "C-n", "k"]))
            .expect("valid");
        assert_eq!(map.action_for(Key::Char('k')), Some(Action::Down));
        assert_eq!(map.keys_for(Action::Up), vec![Key::Up]);
        assert_eq!(warnings, vec!["k now does down instead of up".to_owned()]);
        let warnings = map.remap("top", &keys(&["Up"])).expect("valid");
        assert_eq!(warnings, vec!["Up now does top instead of up".to_owned()]);
        assert!(map.keys_for(Action::Up).is_empty());
        assert_eq!(map.actions_without_keys(), vec![Action::Up]);
        assert_eq!(map.action_for(Key::Home), None);
        let keys_bound: Vec<Key> = map.bindings().iter().map(|&(k, _)| k).collect();
        let mut unique = keys_bound.clone();
        unique.sort_by_key(|k| format!("{k:?}"));
        unique.dedup();
        assert_eq!(unique.len(), keys_bound.len(), "each key once");
    }

    #[test]
    fn unknown_names_are_errors_that_change_nothing() {
        let mut map = Keymap::default();
        let why = map
            .remap("teleport", &keys(&["t"]))
            .expect_err("no such action");
        assert!(why.contains("teleport"), "{why}");
        let why = map
            .remap("quit", &keys(&["Q", "F13"]))
            .expect_err("no such key");
        assert!(why.contains("F13"), "{why}");
        assert_eq!(map, Keymap::default());
        assert!(map.remap("back", &[]).expect("valid").is_empty());
        assert!(map.keys_for(Action::Back).is_empty());
    }
}

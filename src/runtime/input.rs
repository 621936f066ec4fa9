//! Terminal input: crossterm's events become `Msg`s (the keys Burrow uses, clicks, the wheel,
//! resizes, pastes), and a task forwards a stream of them to the loop until the stream ends
//! or the loop lets go of it.

use crate::app::Msg;
use crate::app::input::Key;
use crate::app::sideways::WHEEL_COLUMNS;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use futures_util::{Stream, StreamExt};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Rows the mouse wheel scrolls per notch.
pub const WHEEL_ROWS: isize = 3;

/// Translates a terminal key event; `None` for keys Burrow does not use.
pub fn translate_key(event: KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    Some(match event.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) if alt => Key::Alt(c),
        // Terminals differ in which modifier they send with the arrows for word motion.
        KeyCode::Left if ctrl || alt => Key::CtrlLeft,
        KeyCode::Right if ctrl || alt => Key::CtrlRight,
        KeyCode::Backspace if alt => Key::AltBackspace,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        _ => return None,
    })
}

pub fn translate_event(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => translate_key(key).map(Msg::Key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Msg::Scroll(WHEEL_ROWS)),
            MouseEventKind::ScrollUp => Some(Msg::Scroll(-WHEEL_ROWS)),
            MouseEventKind::ScrollRight => Some(Msg::ScrollSideways(WHEEL_COLUMNS as isize)),
            MouseEventKind::ScrollLeft => Some(Msg::ScrollSideways(-(WHEEL_COLUMNS as isize))),
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        Event::Resize(columns, rows) => Some(Msg::Resize(columns, rows)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        _ => None,
    }
}

/// Forwards terminal input as messages. Aborting the task drops the stream, which stops
/// reading the terminal (needed while another program has it). When the input ends by itself
/// (or fails) the terminal has gone away, and Burrow quits.
pub fn spawn_input<S>(mut events: S, tx: mpsc::UnboundedSender<Msg>) -> JoinHandle<()>
where
    S: Stream<Item = std::io::Result<Event>> + Send + Unpin + 'static,
{
    tokio::spawn(async move {
        loop {
            let Some(Ok(event)) = events.next().await else {
                let _ = tx.send(Msg::Quit);
                return;
            };
            if let Some(msg) = translate_event(event)
                && tx.send(msg).is_err()
            {
                return;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{MouseEvent, MouseEventKind};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn keys_translate_to_plain_keys_and_ctrl_letters_are_recognised() {
        assert_eq!(
            translate_event(key(KeyCode::Down, KeyModifiers::NONE)),
            Some(Msg::Key(Key::Down))
        );
        assert_eq!(
            translate_event(key(KeyCode::Char('C'), KeyModifiers::CONTROL)),
            Some(Msg::Key(Key::Ctrl('c')))
        );
        assert_eq!(
            translate_event(key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Msg::Key(Key::Char('G')))
        );
        assert_eq!(
            translate_event(key(KeyCode::F(5), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn key_releases_are_ignored_so_a_press_counts_once() {
        let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(translate_key(release), None);
    }

    #[test]
    fn alt_and_ctrl_arrow_keys_arrive_as_the_prompt_word_keys() {
        let key = |code, modifiers| translate_key(KeyEvent::new(code, modifiers));
        assert_eq!(
            key(KeyCode::Char('b'), KeyModifiers::ALT),
            Some(Key::Alt('b'))
        );
        assert_eq!(
            key(KeyCode::Left, KeyModifiers::CONTROL),
            Some(Key::CtrlLeft)
        );
        assert_eq!(key(KeyCode::Right, KeyModifiers::ALT), Some(Key::CtrlRight));
        assert_eq!(
            key(KeyCode::Backspace, KeyModifiers::ALT),
            Some(Key::AltBackspace)
        );
        assert_eq!(
            key(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Key::BackTab)
        );
        assert_eq!(key(KeyCode::Left, KeyModifiers::NONE), Some(Key::Left));
    }

    #[test]
    fn the_mouse_wheel_scrolls_and_resizes_pass_through() {
        let wheel = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 0,
                row: 0,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            translate_event(wheel(MouseEventKind::ScrollDown)),
            Some(Msg::Scroll(WHEEL_ROWS))
        );
        assert_eq!(
            translate_event(wheel(MouseEventKind::ScrollUp)),
            Some(Msg::Scroll(-WHEEL_ROWS))
        );
        assert_eq!(
            translate_event(wheel(MouseEventKind::ScrollRight)),
            Some(Msg::ScrollSideways(WHEEL_COLUMNS as isize))
        );
        assert_eq!(
            translate_event(wheel(MouseEventKind::ScrollLeft)),
            Some(Msg::ScrollSideways(-(WHEEL_COLUMNS as isize)))
        );
        assert_eq!(
            translate_event(Event::Resize(100, 40)),
            Some(Msg::Resize(100, 40))
        );
    }

    #[test]
    fn a_left_click_and_a_paste_become_messages_and_other_buttons_do_not() {
        let mouse = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 12,
                row: 5,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            translate_event(mouse(MouseEventKind::Down(MouseButton::Left))),
            Some(Msg::Click { column: 12, row: 5 })
        );
        assert_eq!(
            translate_event(mouse(MouseEventKind::Down(MouseButton::Right))),
            None
        );
        assert_eq!(
            translate_event(mouse(MouseEventKind::Up(MouseButton::Left))),
            None
        );
        assert_eq!(
            translate_event(Event::Paste("q\n".to_owned())),
            Some(Msg::Paste("q\n".to_owned()))
        );
    }
}

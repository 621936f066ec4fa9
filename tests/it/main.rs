//! Burrow's integration tests, as modules of one test binary (`cargo test --test it`; one
//! module: `cargo test --test it fetch::`). One binary links the library once and runs every
//! test in one process; `harness` holds what they share: the message driver, the pty session,
//! the in-process Gopher server, test certificates and the SOCKS5 fixture.

mod harness;

mod cli;
mod climbing;
mod clipboard;
mod config;
mod debug_log;
mod download_flow;
mod downloads;
mod e2e;
mod e2e_daily;
mod e2e_terminal;
mod encodings;
mod event_loop;
mod fetch;
mod filtering;
mod filtering_arrival;
mod filtering_e2e;
mod filtering_feedback;
mod finding;
mod finger;
mod first_page;
mod generated_docs;
mod gopherspace;
mod hostile;
mod interop;
mod interop_climb;
mod leaving;
mod long_lines;
mod messages;
mod no_wrap;
mod page_memory;
mod prompt;
mod properties;
mod reading_width;
mod saved_links;
mod screen;
mod search_engine;
mod session_writer;
mod sessions;
mod startup_files;
mod store_race;
mod tab_bar;
mod tab_order;
mod tab_titles;
mod tab_trust;
mod tabs;
mod terminal_manners;
mod terminal_widths;
mod text_links;
mod text_position;
mod text_replies;
mod tls;
mod update;
mod visited_links;

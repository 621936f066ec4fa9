//! The man page (`assets/burrow.1`) and the bash, zsh and fish completions
//! (`assets/completions/`) are generated from the clap definition in `burrow::cli` and
//! committed. This test renders them again and fails when a committed file differs; run
//! `BURROW_REGENERATE=1 cargo test --test it generated_docs::` to rewrite them.

use burrow::cli::{self, ENVIRONMENT, KEYS};
use burrow::startup::Environment;
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::path::{Path, PathBuf};

/// One of clap_mangen's section renderers.
type Section = fn(&Man, &mut dyn std::io::Write) -> std::io::Result<()>;

/// The man page: clap's sections, then FILES, ENVIRONMENT and KEYS from the same tables as
/// `--help` (in their machine-independent form).
fn man_page() -> Vec<u8> {
    let man = Man::new(cli::command()).manual("Burrow manual");
    let mut out = Vec::new();
    let sections: [Section; 5] = [
        Man::render_title,
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ];
    for render in sections {
        render(&man, &mut out).expect("render into memory");
    }
    let mut roff = Roff::new();
    roff.control("SH", ["FILES"]);
    for file in cli::files(&Environment::default()) {
        roff.control("TP", []);
        roff.text([bold(file.what)]);
        roff.text([roman(file.generic)]);
    }
    roff.control("PP", []);
    roff.text([
        roman("Run "),
        bold("burrow --print-default-config"),
        roman(" for every config key; "),
        bold("burrow --help"),
        roman(" names the files where they are on this machine."),
    ]);
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*what)]);
    }
    roff.control("SH", ["KEYS"]);
    roff.text([roman(KEYS)]);
    out.extend_from_slice(roff.render().as_bytes());
    man.render_version_section(&mut out)
        .expect("render into memory");
    out
}

fn completion(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cli::command(), "burrow", &mut out);
    out
}

/// Every generated file, by its path in the repository.
fn generated() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let completions = root.join("completions");
    vec![
        (root.join("burrow.1"), man_page()),
        (completions.join("burrow.bash"), completion(Shell::Bash)),
        (completions.join("_burrow"), completion(Shell::Zsh)),
        (completions.join("burrow.fish"), completion(Shell::Fish)),
    ]
}

#[test]
fn the_committed_man_page_and_completions_match_the_command_line_definition() {
    let regenerate = std::env::var_os("BURROW_REGENERATE").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (path, fresh) in generated() {
        if regenerate {
            std::fs::create_dir_all(path.parent().expect("in assets/")).expect("create folder");
            std::fs::write(&path, &fresh).expect("write the generated file");
            continue;
        }
        match std::fs::read(&path) {
            Ok(committed) if committed == fresh => {}
            _ => stale.push(path.display().to_string()),
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run BURROW_REGENERATE=1 cargo test --test \
         generated_docs and commit them"
    );
}

#[test]
fn the_man_page_names_every_flag_the_files_and_the_environment() {
    let page = String::from_utf8(man_page()).expect("UTF-8");
    for flag in cli::command().get_arguments().filter_map(|a| a.get_long()) {
        let escaped = flag.replace('-', "\\-");
        assert!(page.contains(&escaped), "--{flag} in the man page");
    }
    for expected in [
        ".SH FILES",
        ".SH ENVIRONMENT",
        "NO_COLOR",
        "XDG_CONFIG_HOME",
        "config.toml",
    ] {
        assert!(page.contains(expected), "{expected} in the man page");
    }
    assert!(!page.contains("assets/"), "no source-tree path");
}

#[test]
fn each_completion_offers_the_flags() {
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        let script = String::from_utf8(completion(shell)).expect("UTF-8");
        for flag in ["print", "raw", "connect-timeout", "print-default-config"] {
            assert!(script.contains(flag), "{shell}: {flag}");
        }
    }
}

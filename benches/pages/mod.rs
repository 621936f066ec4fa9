//! Page material shared by the benches: a deterministic stream of English-looking words for
//! generating prose (each bench shapes its own pages from it).

const WORDS: &[&str] = &[
    "the",
    "burrow",
    "gopher",
    "menu",
    "server",
    "quietly",
    "returns",
    "a",
    "plain",
    "text",
    "file",
    "of",
    "lines",
    "that",
    "wrap",
    "at",
    "eighty",
    "columns",
    "and",
    "naïve",
    "über",
    "longer",
    "paragraphs",
    "which",
    "scroll",
    "past",
    "under",
    "terminal",
    "window",
    "slowly",
];

/// A deterministic word stream (a linear congruential generator over `WORDS`), so every run
/// of a bench measures the same pages.
pub struct Prose {
    seed: u64,
}

impl Default for Prose {
    fn default() -> Self {
        Prose {
            seed: 0x2545_f491_4f6c_dd1d,
        }
    }
}

impl Prose {
    fn next_word(&mut self) -> &'static str {
        self.seed = self
            .seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        WORDS[(self.seed >> 33) as usize % WORDS.len()]
    }

    /// Appends space-separated words until the line begun at `start` holds at least `target`
    /// bytes, or `out` reaches `limit` bytes.
    pub fn line(&mut self, out: &mut Vec<u8>, start: usize, target: usize, limit: usize) {
        while out.len() - start < target && out.len() < limit {
            let word = self.next_word();
            if out.len() > start {
                out.push(b' ');
            }
            out.extend_from_slice(word.as_bytes());
        }
    }
}

//! The NER tagger's feature templates over hashed token properties (see `text::hash`).

pub use crate::text::hash::mix;
use crate::text::hash::{FNV_OFFSET, fnv_char};

use super::lexicon::Lexicon;

/// Number of features per token; every token gets exactly this many (missing neighbours hash
/// to padding values), which keeps training storage flat.
pub const FEATURES_PER_TOKEN: usize = 30;

/// What the feature templates need to know about one token, computed once per token.
#[derive(Clone, Copy, Default)]
pub struct TokenInfo {
    word: u64,
    lower: u64,
    shape: u64,
    short_shape: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    lex: u64,
}

const PAD: TokenInfo = TokenInfo {
    word: 1,
    lower: 1,
    shape: 1,
    short_shape: 1,
    prefix: [1; 4],
    suffix: [1; 4],
    lex: 1,
};

#[derive(Clone, Copy, PartialEq)]
enum CharClass {
    Upper,
    Lower,
    Digit,
    Other(char),
}

fn class(c: char) -> CharClass {
    if c.is_ascii() {
        return if c.is_ascii_uppercase() {
            CharClass::Upper
        } else if c.is_ascii_lowercase() {
            CharClass::Lower
        } else if c.is_ascii_digit() {
            CharClass::Digit
        } else {
            CharClass::Other(c)
        };
    }
    if c.is_uppercase() {
        CharClass::Upper
    } else if c.is_alphabetic() {
        CharClass::Lower
    } else if c.is_numeric() {
        CharClass::Digit
    } else {
        CharClass::Other(c)
    }
}

fn class_char(c: CharClass) -> char {
    match c {
        CharClass::Upper => 'X',
        CharClass::Lower => 'x',
        CharClass::Digit => 'd',
        CharClass::Other(c) => c,
    }
}

/// Reusable buffers, so analysing a sentence allocates nothing once warm.
#[derive(Default)]
pub struct Analyzer {
    lower: String,
    chars: Vec<char>,
}

impl Analyzer {
    pub fn analyze(&mut self, token: &str, lexicon: &Lexicon) -> TokenInfo {
        self.lower.clear();
        self.chars.clear();
        let mut word = FNV_OFFSET;
        let mut shape = FNV_OFFSET;
        let mut short_shape = FNV_OFFSET;
        let mut last: Option<CharClass> = None;
        let mut run = 0;
        for c in token.chars().take(64) {
            // The training text's apostrophes and hyphens are ASCII; news often has typographic ones.
            let c = crate::text::ascii_form(c);
            let cls = class(c);
            // Digits collapse to 0 so that years, scores and prices share weights.
            let norm = if cls == CharClass::Digit { '0' } else { c };
            word = fnv_char(word, norm);
            for l in c.to_lowercase() {
                self.lower.push(l);
                self.chars
                    .push(if cls == CharClass::Digit { '0' } else { l });
            }
            if Some(cls) == last {
                run += 1;
            } else {
                run = 1;
                short_shape = fnv_char(short_shape, class_char(cls));
            }
            if run <= 3 {
                shape = fnv_char(shape, class_char(cls));
            }
            last = Some(cls);
        }
        let mut lower = FNV_OFFSET;
        for &c in &self.chars {
            lower = fnv_char(lower, c);
        }
        let mut prefix = [0u64; 4];
        let mut suffix = [0u64; 4];
        let n = self.chars.len();
        let mut h = FNV_OFFSET;
        for (k, p) in prefix.iter_mut().enumerate() {
            if k < n {
                h = fnv_char(h, self.chars[k]);
            }
            *p = h;
        }
        let mut h = FNV_OFFSET;
        for (k, s) in suffix.iter_mut().enumerate() {
            if k < n {
                h = fnv_char(h, self.chars[n - 1 - k]);
            }
            *s = h;
        }
        TokenInfo {
            word,
            lower,
            shape,
            short_shape,
            prefix,
            suffix,
            lex: lexicon.lookup(&self.lower) as u64 + 2,
        }
    }
}

/// The feature hashes of token `i` of `infos`, written to `out`.
pub fn token_features(infos: &[TokenInfo], i: usize, out: &mut [u64; FEATURES_PER_TOKEN]) {
    let at = |d: isize| -> &TokenInfo {
        let j = i as isize + d;
        if j < 0 || j >= infos.len() as isize {
            &PAD
        } else {
            &infos[j as usize]
        }
    };
    let (p2, p1, t, n1, n2) = (at(-2), at(-1), at(0), at(1), at(2));
    let initial = (i == 0) as u64;
    let values: [u64; FEATURES_PER_TOKEN] = [
        0,
        t.word,
        t.lower,
        t.shape,
        t.short_shape,
        t.prefix[0],
        t.prefix[1],
        t.prefix[2],
        t.prefix[3],
        t.suffix[0],
        t.suffix[1],
        t.suffix[2],
        t.suffix[3],
        p1.lower,
        n1.lower,
        p2.lower,
        n2.lower,
        p1.shape,
        n1.shape,
        mix(p1.short_shape, t.short_shape),
        mix(t.short_shape, n1.short_shape),
        mix(p1.lower, t.lower),
        mix(t.lower, n1.lower),
        t.lex,
        p1.lex,
        n1.lex,
        mix(t.lex, t.short_shape),
        mix(initial, t.short_shape),
        p1.word,
        mix(mix(p1.short_shape, t.short_shape), n1.short_shape),
    ];
    for (k, (o, v)) in out.iter_mut().zip(values).enumerate() {
        *o = mix(k as u64 + 1, v);
    }
}

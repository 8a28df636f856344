//! The part-of-speech tagger: greedy, left to right, an averaged perceptron over the word, its
//! affixes and shape, two words either side and the two tags before (Collins 2002; the feature
//! set follows the greedy tagger Honnibal described in 2013). Frequent words that the training
//! data always tags the same way take that tag without scoring.

use std::collections::HashMap;

use super::features::{WordInfo, pad};
use super::linear::{Linear, best};
use crate::text::hash::mix;

pub(crate) const NUM_UPOS: usize = crate::token::UPOS.len();
pub(crate) const TAG_FEATURES: usize = 26;
/// The "tag" before the first word.
const START: u64 = NUM_UPOS as u64;

const BEFORE: WordInfo = pad(3);
const AFTER: WordInfo = pad(5);

pub(crate) struct Tagger {
    pub weights: Linear,
    /// Words (form and shape) the training data tags one way only, with that tag.
    pub dictionary: HashMap<u64, u8>,
}

/// The dictionary key of a word: its form and shape, so `US` and `us` stay apart.
pub(crate) fn dictionary_key(w: &WordInfo) -> u64 {
    mix(w.form, w.shape)
}

/// The feature hashes for word `i`, given the tags of the two words before it.
pub(crate) fn tag_features(
    words: &[WordInfo],
    i: usize,
    tags: &[u8],
    out: &mut [u64; TAG_FEATURES],
) {
    let at = |d: isize| -> &WordInfo {
        let j = i as isize + d;
        if j < 0 {
            &BEFORE
        } else if j as usize >= words.len() {
            &AFTER
        } else {
            &words[j as usize]
        }
    };
    let tag = |d: usize| if i >= d { tags[i - d] as u64 } else { START };
    let (w2, w1, w, n1, n2) = (at(-2), at(-1), at(0), at(1), at(2));
    let (p1, p2) = (tag(1), tag(2));
    let values: [u64; TAG_FEATURES] = [
        0,
        w.form,
        w.suffix1,
        w.suffix2,
        w.suffix3,
        w.suffix4,
        w.prefix1,
        w.shape,
        mix(w.shape, (i == 0) as u64),
        w1.form,
        n1.form,
        w2.form,
        n2.form,
        w1.suffix3,
        n1.suffix3,
        p1,
        mix(p1, p2),
        mix(p1, w.form),
        mix(p1, w.suffix3),
        w1.shape,
        n1.shape,
        mix(w1.form, w.form),
        mix(w.form, n1.form),
        mix(p1, w.shape),
        mix(w.suffix3, n1.suffix2),
        mix(mix(w1.shape, w.shape), n1.shape),
    ];
    for (k, (o, v)) in out.iter_mut().zip(values).enumerate() {
        *o = mix(k as u64 + 0x7a6, v);
    }
}

impl Tagger {
    /// Tags `words`, writing one UPOS index per word into `tags`.
    pub fn tag(&self, words: &[WordInfo], tags: &mut Vec<u8>) {
        tags.clear();
        let mut feats = [0u64; TAG_FEATURES];
        let mut scores = [0i32; NUM_UPOS];
        for i in 0..words.len() {
            let t = match self.dictionary.get(&dictionary_key(&words[i])) {
                Some(&t) => t,
                None => {
                    tag_features(words, i, tags, &mut feats);
                    self.weights.score(&feats, &mut scores);
                    best(&scores, |_| true).unwrap_or(0) as u8
                }
            };
            tags.push(t);
        }
    }
}

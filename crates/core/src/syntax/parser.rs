//! The dependency parser: greedy arc-hybrid transitions (Kuhlmann, Gómez-Rodríguez and Satta
//! 2011) with the root at the end of the buffer (Ballesteros and Nivre 2013), scored by an
//! averaged perceptron over rich non-local features (Zhang and Nivre 2011); each arc's relation
//! is chosen by a second perceptron when the arc is made, when the dependent is complete.
//!
//! Arc-hybrid moves: SHIFT pushes the buffer's first word; LEFT makes the buffer's first word
//! the head of the stack's top and pops it; RIGHT makes the word below the top its head and
//! pops it. The root sits after the last word and takes exactly one dependent, when the stack
//! holds one word, so every parse is a single tree.

use super::features::{WordInfo, pad};
use super::linear::{Linear, best};
use crate::text::hash::mix;

pub(crate) const SHIFT: usize = 0;
pub(crate) const LEFT: usize = 1;
pub(crate) const RIGHT: usize = 2;
pub(crate) const ACTIONS: usize = 3;
pub(crate) const NONE: u32 = u32::MAX;
/// A word's relation before it has one.
pub(crate) const NO_LABEL: u8 = u8::MAX;

/// Relations a model may have (they are kept as bits of a u64 in the features).
pub(crate) const MAX_LABELS: usize = 64;
pub(crate) const PARSE_FEATURES: usize = 72;
pub(crate) const LABEL_FEATURES: usize = 25;

const ROOT_WORD: WordInfo = pad(7);
const NO_WORD: WordInfo = pad(9);
const ROOT_TAG: u64 = 40;
const NO_TAG: u64 = 41;

/// A parser configuration over `n` words (the root is position `n`).
#[derive(Default)]
pub(crate) struct State {
    pub n: u32,
    pub stack: Vec<u32>,
    /// First word of the buffer (`n` = only the root is left).
    pub b: u32,
    pub head: Vec<u32>,
    pub label: Vec<u8>,
    /// Leftmost and second-leftmost dependents, rightmost and second-rightmost.
    lefts: Vec<[u32; 2]>,
    rights: Vec<[u32; 2]>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
    /// Bit sets of the relations of left and right dependents.
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    pub fn reset(&mut self, n: usize) {
        let m = n + 1;
        self.n = n as u32;
        self.stack.clear();
        self.b = 0;
        self.head.clear();
        self.head.resize(m, NONE);
        self.label.clear();
        self.label.resize(m, NO_LABEL);
        for v in [&mut self.lefts, &mut self.rights] {
            v.clear();
            v.resize(m, [NONE; 2]);
        }
        for v in [&mut self.left_count, &mut self.right_count] {
            v.clear();
            v.resize(m, 0);
        }
        for v in [&mut self.left_labels, &mut self.right_labels] {
            v.clear();
            v.resize(m, 0);
        }
    }

    pub fn done(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    pub fn s0(&self) -> u32 {
        self.stack.last().copied().unwrap_or(NONE)
    }

    pub fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NONE
        }
    }

    pub fn valid(&self, action: usize) -> bool {
        match action {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            RIGHT => self.stack.len() >= 2,
            _ => false,
        }
    }

    /// The (dependent, head) of the arc `action` makes, if it makes one.
    pub fn arc(&self, action: usize) -> Option<(u32, u32)> {
        match action {
            LEFT => Some((self.s0(), self.b)),
            RIGHT => Some((self.s0(), self.s(1))),
            _ => None,
        }
    }

    pub fn apply(&mut self, action: usize, label: u8) {
        match action {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            LEFT | RIGHT => {
                let (dep, head) = self.arc(action).expect("an arc move");
                self.stack.pop();
                self.attach(dep, head, label);
            }
            _ => unreachable!("no such move"),
        }
    }

    fn attach(&mut self, dep: u32, head: u32, label: u8) {
        let (d, h) = (dep as usize, head as usize);
        self.head[d] = head;
        self.label[d] = label;
        let bit = 1u64 << (label as u32 % 64);
        if dep < head {
            // Left dependents arrive from the nearest outward.
            self.lefts[h] = [dep, self.lefts[h][0]];
            self.left_count[h] = self.left_count[h].saturating_add(1);
            self.left_labels[h] |= bit;
        } else {
            // Right dependents arrive from the nearest outward too.
            self.rights[h] = [dep, self.rights[h][0]];
            self.right_count[h] = self.right_count[h].saturating_add(1);
            self.right_labels[h] |= bit;
        }
    }
}

/// The words and tags a parse reads.
pub(crate) struct Sentence<'a> {
    pub words: &'a [WordInfo],
    pub tags: &'a [u8],
}

impl Sentence<'_> {
    fn word(&self, i: u32) -> &WordInfo {
        if i == NONE {
            &NO_WORD
        } else if i as usize == self.words.len() {
            &ROOT_WORD
        } else {
            &self.words[i as usize]
        }
    }

    fn tag(&self, i: u32) -> u64 {
        if i == NONE {
            NO_TAG
        } else if i as usize == self.words.len() {
            ROOT_TAG
        } else {
            self.tags[i as usize] as u64
        }
    }
}

fn distance(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 9;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

fn m3(a: u64, b: u64, c: u64) -> u64 {
    mix(mix(a, b), c)
}

/// The feature hashes of configuration `st`.
pub(crate) fn parse_features(st: &State, s: &Sentence, out: &mut [u64; PARSE_FEATURES]) {
    let (s0, s1, s2, b0) = (st.s(0), st.s(1), st.s(2), st.b);
    let b1 = if b0 < st.n { b0 + 1 } else { NONE };
    let b2 = if b0 + 2 <= st.n { b0 + 2 } else { NONE };
    let get = |v: &Vec<[u32; 2]>, i: u32, k: usize| if i == NONE { NONE } else { v[i as usize][k] };
    let s0l = get(&st.lefts, s0, 0);
    let s0l2 = get(&st.lefts, s0, 1);
    let s0r = get(&st.rights, s0, 0);
    let s0r2 = get(&st.rights, s0, 1);
    let s1l = get(&st.lefts, s1, 0);
    let s1r = get(&st.rights, s1, 0);
    let b0l = get(&st.lefts, b0, 0);
    let b0l2 = get(&st.lefts, b0, 1);
    let lab = |i: u32| {
        if i == NONE {
            300
        } else {
            st.label[i as usize] as u64
        }
    };
    let count = |v: &Vec<u8>, i: u32| if i == NONE { 300 } else { v[i as usize] as u64 };
    let set = |v: &Vec<u64>, i: u32| if i == NONE { 1 } else { v[i as usize] };
    let (w, p) = (|i: u32| s.word(i).form, |i: u32| s.tag(i));
    let wp = |i: u32| mix(w(i), p(i));
    let (s0w, s0p, s1w, s1p, b0w, b0p, b1w, b1p) =
        (w(s0), p(s0), w(s1), p(s1), w(b0), p(b0), w(b1), p(b1));
    let (s0wp, s1wp, b0wp) = (wp(s0), wp(s1), wp(b0));
    let d = distance(s0, b0);
    let d1 = distance(s1, s0);
    let depth = st.stack.len().min(3) as u64;
    let values: [u64; PARSE_FEATURES] = [
        // Single words.
        s0w,
        s0p,
        s0wp,
        s1w,
        s1p,
        s1wp,
        p(s2),
        b0w,
        b0p,
        b0wp,
        b1w,
        b1p,
        wp(b1),
        p(b2),
        w(b2),
        s.word(s0).suffix3,
        s.word(b0).suffix3,
        // Pairs.
        mix(s0wp, b0wp),
        mix(s0wp, b0w),
        mix(s0w, b0wp),
        mix(s0wp, b0p),
        mix(s0p, b0wp),
        mix(s0w, b0w),
        mix(s0p, b0p),
        mix(s1p, s0p),
        mix(s1w, s0w),
        mix(s1wp, s0p),
        mix(s1p, s0wp),
        mix(b0p, b1p),
        mix(s0w, b1w),
        // Triples.
        m3(b0p, b1p, p(b2)),
        m3(s0p, b0p, b1p),
        m3(s1p, s0p, b0p),
        m3(p(s2), s1p, s0p),
        m3(s0p, p(s0l), b0p),
        m3(s0p, p(s0r), b0p),
        m3(s0p, b0p, p(b0l)),
        m3(s1p, s0p, p(s0l)),
        m3(s1p, s0p, p(s0r)),
        m3(s1p, p(s1r), s0p),
        // Distance.
        mix(s0w, d),
        mix(s0p, d),
        mix(b0w, d),
        mix(b0p, d),
        m3(s0w, b0w, d),
        m3(s0p, b0p, d),
        m3(s1p, s0p, d1),
        m3(s1w, s0w, d1),
        // Valency.
        mix(s0w, count(&st.right_count, s0)),
        mix(s0p, count(&st.right_count, s0)),
        mix(s0w, count(&st.left_count, s0)),
        mix(s0p, count(&st.left_count, s0)),
        mix(b0w, count(&st.left_count, b0)),
        mix(b0p, count(&st.left_count, b0)),
        // Dependents.
        w(s0l),
        mix(p(s0l), lab(s0l)),
        w(s0r),
        mix(p(s0r), lab(s0r)),
        w(b0l),
        mix(p(b0l), lab(b0l)),
        mix(p(s1l), lab(s1l)),
        mix(p(s1r), lab(s1r)),
        m3(s0p, lab(s0l), lab(s0l2)),
        m3(s0p, lab(s0r), lab(s0r2)),
        m3(b0p, lab(b0l), lab(b0l2)),
        m3(s0p, p(s0l), p(s0l2)),
        m3(b0p, p(b0l), p(b0l2)),
        // Relation sets.
        mix(s0p, set(&st.right_labels, s0)),
        mix(s0p, set(&st.left_labels, s0)),
        mix(b0p, set(&st.left_labels, b0)),
        mix(s1p, set(&st.right_labels, s1)),
        // How much is left on the stack, against the buffer's first word.
        m3(depth, b0p, s0p),
    ];
    for (k, (o, v)) in out.iter_mut().zip(values).enumerate() {
        *o = mix(k as u64 + 0x9a5, v);
    }
}

/// The feature hashes for choosing the relation of `dep` to `head`.
pub(crate) fn label_features(
    st: &State,
    s: &Sentence,
    dep: u32,
    head: u32,
    out: &mut [u64; LABEL_FEATURES],
) {
    let (w, p) = (|i: u32| s.word(i).form, |i: u32| s.tag(i));
    let dir = (head > dep) as u64;
    let (dw, dp, hw, hp) = (w(dep), p(dep), w(head), p(head));
    let near = |i: u32, k: isize| {
        let j = i as isize + k;
        if j < 0 || j as u32 >= st.n {
            NONE
        } else {
            j as u32
        }
    };
    let dl = st.lefts[dep as usize][0];
    let dr = st.rights[dep as usize][0];
    let lab = |i: u32| {
        if i == NONE {
            300
        } else {
            st.label[i as usize] as u64
        }
    };
    let dl_w = w(dl);
    let values: [u64; LABEL_FEATURES] = [
        0,
        dw,
        dp,
        mix(dw, dp),
        hw,
        hp,
        m3(dp, hp, dir),
        m3(dw, hp, dir),
        m3(dp, hw, dir),
        mix(dw, hw),
        m3(m3(dp, hp, dir), distance(dep, head), 0),
        mix(s.word(dep).suffix3, dp),
        mix(dl_w, dp),
        m3(p(dl), lab(dl), dp),
        mix(st.left_labels[dep as usize], dp),
        mix(st.right_labels[dep as usize], dp),
        m3(st.left_labels[head as usize], dir, dp),
        m3(st.right_labels[head as usize], dir, dp),
        m3(p(near(dep, -1)), dp, p(near(dep, 1))),
        mix(w(dr), dp),
        mix(s.word(dep).shape, dp),
        m3(p(dr), lab(dr), dp),
        m3(p(near(head, 1)), hp, dir),
        m3(dp, dl_w, hp),
        mix(hw, dl_w),
    ];
    for (k, (o, v)) in out.iter_mut().zip(values).enumerate() {
        *o = mix(k as u64 + 0x1ab, v);
    }
}

/// The parser's two classifiers and the names of the relations.
pub(crate) struct Parser {
    pub moves: Linear,
    pub labels: Linear,
    pub label_names: Vec<&'static str>,
    /// Index of `root` in `label_names`.
    pub root: u8,
}

/// Buffers reused across sentences.
#[derive(Default)]
pub(crate) struct ParseScratch {
    pub state: State,
}

impl Parser {
    /// The relation for the arc `dep` ← `head`: `root` for the root's dependent, never elsewhere.
    pub fn choose_label(&self, st: &State, s: &Sentence, dep: u32, head: u32) -> u8 {
        if head == st.n {
            return self.root;
        }
        let mut feats = [0u64; LABEL_FEATURES];
        label_features(st, s, dep, head, &mut feats);
        let mut all = [0i32; MAX_LABELS];
        let scores = &mut all[..self.labels.classes];
        self.labels.score(&feats, scores);
        best(scores, |k| k != self.root as usize).unwrap_or(0) as u8
    }

    /// Parses a tagged sentence; heads and labels are left in `scratch.state`.
    pub fn parse(&self, s: &Sentence, scratch: &mut ParseScratch) {
        let st = &mut scratch.state;
        st.reset(s.words.len());
        let mut feats = [0u64; PARSE_FEATURES];
        let mut scores = [0i32; ACTIONS];
        while !st.done() {
            parse_features(st, s, &mut feats);
            self.moves.score(&feats, &mut scores);
            let action = best(&scores, |a| st.valid(a)).expect("a move is always valid");
            let label = match st.arc(action) {
                Some((dep, head)) => self.choose_label(st, s, dep, head),
                None => NO_LABEL,
            };
            st.apply(action, label);
        }
    }
}

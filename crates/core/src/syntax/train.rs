//! Training the tagger and the parser on a Universal Dependencies treebank.
//!
//! The tagger is an averaged perceptron trained greedily on its own earlier guesses. The parser
//! learns from tags the tagger predicts, not gold ones (four-fold jackknifing: each quarter of
//! the training set is tagged by a tagger trained on the other three), so it meets in training
//! the tag errors it meets in use. The parser learns with a dynamic oracle and exploration
//! (Goldberg and Nivre 2012, 2013): after the first epochs it follows its own moves, mistakes
//! included, and learns the best move from wherever it is. The epoch counts of both are chosen
//! on the dev set; the test set is never read here. Deterministic: fixed order and seed,
//! integer weights, so the same inputs give the same model bytes.

use std::collections::HashMap;
use std::fmt;
use std::time::Instant;

use anyhow::{Result, bail, ensure};

use super::Upos;
use super::conllu::TreeWord;
use super::features::{Analyzer, WordInfo};
use super::linear::{Averaged, best};
use super::model::SyntaxModel;
use super::parser::{
    ACTIONS, LABEL_FEATURES, LEFT, MAX_LABELS, NO_LABEL, PARSE_FEATURES, ParseScratch, Parser,
    RIGHT, SHIFT, Sentence, State, label_features, parse_features,
};
use super::tagger::{NUM_UPOS, TAG_FEATURES, Tagger, dictionary_key, tag_features};

#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// log2 of the weight rows of the tagger, the move classifier and the relation classifier.
    pub tag_bits: u32,
    pub move_bits: u32,
    pub label_bits: u32,
    /// Most epochs tried; the best on the dev set is kept.
    pub tag_epochs: usize,
    pub parse_epochs: usize,
    /// Share (per mille) of training sentences added again in capitals, for headlines.
    pub upper_per_mille: u64,
    /// Epochs trained on the oracle's moves before the parser follows its own.
    pub explore_after: usize,
    /// How often (per mille) the parser then follows its own mistaken move.
    pub explore_per_mille: u64,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tag_bits: 18,
            move_bits: 20,
            label_bits: 16,
            tag_epochs: 12,
            parse_epochs: 15,
            upper_per_mille: 50,
            explore_after: 1,
            explore_per_mille: 900,
            seed: 0x5eed,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub sentences: usize,
    pub words: usize,
    /// Dev UPOS accuracy after each tagger epoch.
    pub tag_dev: Vec<f64>,
    /// Dev (UAS, LAS) after each parser epoch, with predicted tags.
    pub parse_dev: Vec<(f64, f64)>,
    pub tag_epochs: usize,
    pub parse_epochs: usize,
    pub seconds: f64,
}

impl fmt::Display for TrainReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "trained on {} sentences, {} words",
            self.sentences, self.words
        )?;
        for (i, a) in self.tag_dev.iter().enumerate() {
            writeln!(f, "tagger epoch {:2}: dev UPOS {:.4}", i + 1, a)?;
        }
        for (i, (u, l)) in self.parse_dev.iter().enumerate() {
            writeln!(f, "parser epoch {:2}: dev UAS {:.4} LAS {:.4}", i + 1, u, l)?;
        }
        write!(
            f,
            "kept tagger epoch {}, parser epoch {}; {:.1} s",
            self.tag_epochs, self.parse_epochs, self.seconds
        )
    }
}

/// A treebank sentence in the form training reads.
struct Example {
    words: Vec<WordInfo>,
    tags: Vec<u8>,
    /// Gold head positions; `n` (the word count) is the root.
    heads: Vec<u32>,
    labels: Vec<u8>,
    /// Gold dependents of each position.
    children: Vec<Vec<u32>>,
}

fn examples(
    sentences: &[Vec<TreeWord>],
    labels: &HashMap<&str, u8>,
    analyzer: &mut Analyzer,
) -> Result<Vec<Example>> {
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let n = s.len() as u32;
        let mut ex = Example {
            words: s.iter().map(|w| analyzer.analyze(&w.form)).collect(),
            tags: Vec::with_capacity(s.len()),
            heads: Vec::with_capacity(s.len()),
            labels: Vec::with_capacity(s.len()),
            children: vec![Vec::new(); s.len() + 1],
        };
        for (i, w) in s.iter().enumerate() {
            let Some(u) = Upos::parse(&w.upos) else {
                bail!("unknown UPOS {:?}", w.upos);
            };
            let head = if w.head == 0 { n } else { w.head as u32 - 1 };
            ex.tags.push(u.index());
            ex.heads.push(head);
            ex.labels
                .push(*labels.get(w.deprel.as_str()).unwrap_or(&NO_LABEL));
            ex.children[head as usize].push(i as u32);
        }
        out.push(ex);
    }
    Ok(out)
}

/// Fisher–Yates with xorshift64: a fixed, platform-independent order.
fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        order.swap(i, (next(rng) % (i as u64 + 1)) as usize);
    }
}

fn next(rng: &mut u64) -> u64 {
    *rng ^= *rng << 13;
    *rng ^= *rng >> 7;
    *rng ^= *rng << 17;
    *rng
}

/// Words the training data tags one way at least 97 % of at least 20 times.
fn tag_dictionary(train: &[&Example]) -> HashMap<u64, u8> {
    let mut counts: HashMap<u64, [u32; NUM_UPOS]> = HashMap::new();
    for ex in train {
        for (w, &t) in ex.words.iter().zip(&ex.tags) {
            counts.entry(dictionary_key(w)).or_insert([0; NUM_UPOS])[t as usize] += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(k, c)| {
            let total: u32 = c.iter().sum();
            let (t, &top) = c
                .iter()
                .enumerate()
                .max_by_key(|&(t, &n)| (n, std::cmp::Reverse(t)))?;
            (total >= 20 && top as f64 >= 0.97 * total as f64).then_some((k, t as u8))
        })
        .collect()
}

fn tag_accuracy(tagger: &Tagger, data: &[Example]) -> f64 {
    let (mut right, mut all) = (0usize, 0usize);
    let mut tags = Vec::new();
    for ex in data {
        tagger.tag(&ex.words, &mut tags);
        right += tags.iter().zip(&ex.tags).filter(|(a, b)| a == b).count();
        all += tags.len();
    }
    right as f64 / all.max(1) as f64
}

/// Trains a tagger on `train` for `epochs` (or, with `dev`, up to `epochs`, keeping the best on
/// `dev`). Returns the tagger, the dev accuracy per epoch and the epoch kept.
fn train_tagger(
    train: &[&Example],
    dev: &[Example],
    epochs: usize,
    options: &TrainOptions,
) -> (Tagger, Vec<f64>, usize) {
    let dictionary = tag_dictionary(train);
    let mut p = Averaged::new(options.tag_bits, NUM_UPOS);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = options.seed | 1;
    let (mut feats, mut rows, mut scores) = ([0u64; TAG_FEATURES], Vec::new(), [0i32; NUM_UPOS]);
    let mut guesses = Vec::new();
    let (mut kept, mut accuracies, mut kept_epoch) = (None, Vec::new(), 0);
    for epoch in 1..=epochs {
        shuffle(&mut order, &mut rng);
        for &k in &order {
            let ex = train[k];
            guesses.clear();
            for i in 0..ex.words.len() {
                let guess = match dictionary.get(&dictionary_key(&ex.words[i])) {
                    Some(&t) => t,
                    None => {
                        tag_features(&ex.words, i, &guesses, &mut feats);
                        rows.clear();
                        rows.extend(feats.iter().map(|&f| p.row(f)));
                        p.score(&rows, &mut scores);
                        let guess = best(&scores, |_| true).unwrap_or(0);
                        p.update(&rows, ex.tags[i] as usize, guess);
                        p.tick();
                        guess as u8
                    }
                };
                guesses.push(guess);
            }
        }
        if dev.is_empty() {
            continue;
        }
        let tagger = Tagger {
            weights: p.averaged(),
            dictionary: dictionary.clone(),
        };
        let acc = tag_accuracy(&tagger, dev);
        if accuracies.iter().all(|&a| acc > a) {
            kept = Some(tagger.weights);
            kept_epoch = epoch;
        }
        accuracies.push(acc);
    }
    let weights = match kept {
        Some(w) => w,
        None => {
            kept_epoch = epochs;
            p.averaged()
        }
    };
    (
        Tagger {
            weights,
            dictionary,
        },
        accuracies,
        kept_epoch,
    )
}

/// The training sentences again, with some copies in capitals (headlines, shouted captions).
fn with_capitals(sentences: &[Vec<TreeWord>], options: &TrainOptions) -> Vec<Vec<TreeWord>> {
    let mut out = sentences.to_vec();
    for (i, s) in sentences.iter().enumerate() {
        if crate::text::hash::mix(options.seed, i as u64) % 1000 < options.upper_per_mille {
            out.push(
                s.iter()
                    .map(|w| TreeWord {
                        form: w.form.to_uppercase(),
                        ..w.clone()
                    })
                    .collect(),
            );
        }
    }
    out
}

/// What each move would cost: how many gold arcs still reachable it makes unreachable.
fn costs(st: &State, ex: &Example, on_stack: &[bool]) -> [u32; ACTIONS] {
    let mut out = [u32::MAX; ACTIONS];
    let b = st.b;
    let buffer_children =
        |i: u32| ex.children[i as usize].iter().filter(|&&k| k >= b).count() as u32;
    if st.valid(SHIFT) {
        let g = ex.heads[b as usize];
        let head_lost = g < b && on_stack[g as usize] && g != st.s0();
        let children_lost = ex.children[b as usize]
            .iter()
            .filter(|&&k| on_stack[k as usize])
            .count() as u32;
        out[SHIFT] = head_lost as u32 + children_lost;
    }
    if st.valid(LEFT) {
        let s0 = st.s0();
        let g = ex.heads[s0 as usize];
        let head_lost = g != b && (g == st.s(1) || g > b);
        out[LEFT] = head_lost as u32 + buffer_children(s0);
    }
    if st.valid(RIGHT) {
        let s0 = st.s0();
        let g = ex.heads[s0 as usize];
        let head_lost = g != st.s(1) && g >= b;
        out[RIGHT] = head_lost as u32 + buffer_children(s0);
    }
    out
}

struct ParserTraining {
    moves: Averaged,
    labels: Averaged,
    label_count: usize,
    root: u8,
}

impl ParserTraining {
    fn sentence(&mut self, ex: &Example, tags: &[u8], explore: Option<u64>, rng: &mut u64) {
        let s = Sentence {
            words: &ex.words,
            tags,
        };
        let mut st = State::default();
        st.reset(ex.words.len());
        let mut on_stack = vec![false; ex.words.len() + 1];
        let mut feats = [0u64; PARSE_FEATURES];
        let mut label_feats = [0u64; LABEL_FEATURES];
        let mut rows = Vec::with_capacity(PARSE_FEATURES);
        let mut label_rows = Vec::with_capacity(LABEL_FEATURES);
        let mut scores = [0i32; ACTIONS];
        let mut label_scores = vec![0i32; self.label_count];
        while !st.done() {
            parse_features(&st, &s, &mut feats);
            rows.clear();
            rows.extend(feats.iter().map(|&f| self.moves.row(f)));
            self.moves.score(&rows, &mut scores);
            let cost = costs(&st, ex, &on_stack);
            let least = *cost.iter().min().expect("three moves");
            let predicted = best(&scores, |a| st.valid(a)).expect("a valid move");
            let oracle = best(&scores, |a| cost[a] == least).expect("a least-cost move");
            if cost[predicted] > least {
                self.moves.update(&rows, oracle, predicted);
            }
            self.moves.tick();
            let action = if cost[predicted] > least && explore.is_some_and(|p| next(rng) % 1000 < p)
            {
                predicted
            } else {
                oracle
            };
            let label = match st.arc(action) {
                Some((_, head)) if head == st.n => self.root,
                Some((dep, head)) => {
                    label_features(&st, &s, dep, head, &mut label_feats);
                    label_rows.clear();
                    label_rows.extend(label_feats.iter().map(|&f| self.labels.row(f)));
                    self.labels.score(&label_rows, &mut label_scores);
                    let root = self.root as usize;
                    let guess = best(&label_scores, |k| k != root).unwrap_or(0);
                    let gold = ex.labels[dep as usize];
                    if gold != NO_LABEL && gold != self.root {
                        self.labels.update(&label_rows, gold as usize, guess);
                    }
                    self.labels.tick();
                    if explore.is_some() || gold == NO_LABEL || gold == self.root {
                        guess as u8
                    } else {
                        gold
                    }
                }
                None => NO_LABEL,
            };
            match action {
                SHIFT => on_stack[st.b as usize] = true,
                _ => on_stack[st.s0() as usize] = false,
            }
            st.apply(action, label);
        }
    }

    fn parser(&self, names: &[&'static str]) -> Parser {
        Parser {
            moves: self.moves.averaged(),
            labels: self.labels.averaged(),
            label_names: names.to_vec(),
            root: self.root,
        }
    }
}

/// Unlabelled and labelled attachment scores of `parser` on `data` with `tags`; relations
/// compare on their universal part (before `:`), as the CoNLL 2018 scorer does.
fn attachment(parser: &Parser, data: &[Example], tags: &[Vec<u8>]) -> (f64, f64) {
    let mut scratch = ParseScratch::default();
    let (mut uas, mut las, mut all) = (0usize, 0usize, 0usize);
    let universal = |l: u8| {
        parser
            .label_names
            .get(l as usize)
            .map(|n| n.split(':').next().unwrap_or(n))
    };
    for (ex, t) in data.iter().zip(tags) {
        parser.parse(
            &Sentence {
                words: &ex.words,
                tags: t,
            },
            &mut scratch,
        );
        let st = &scratch.state;
        for i in 0..ex.words.len() {
            if st.head[i] == ex.heads[i] {
                uas += 1;
                if universal(st.label[i]) == universal(ex.labels[i]) {
                    las += 1;
                }
            }
        }
        all += ex.words.len();
    }
    (
        uas as f64 / all.max(1) as f64,
        las as f64 / all.max(1) as f64,
    )
}

/// Trains the tagger and the parser on `train`, choosing epochs on `dev`.
pub fn train(
    train: &[Vec<TreeWord>],
    dev: &[Vec<TreeWord>],
    options: &TrainOptions,
) -> Result<(SyntaxModel, TrainReport)> {
    let started = Instant::now();
    ensure!(!train.is_empty(), "no training sentences");
    let mut names: Vec<&str> = train.iter().flatten().map(|w| w.deprel.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    ensure!(
        names.len() <= MAX_LABELS,
        "{} relations; at most {MAX_LABELS}",
        names.len()
    );
    ensure!(
        names.contains(&"root"),
        "the training data has no root relation"
    );
    let label_names: Vec<&'static str> = names
        .iter()
        .map(|n| &*Box::leak(n.to_string().into_boxed_str()))
        .collect();
    let index: HashMap<&str, u8> = names
        .iter()
        .enumerate()
        .map(|(k, &n)| (n, k as u8))
        .collect();
    let root = index["root"];

    let mut analyzer = Analyzer::default();
    let train_ex = examples(train, &index, &mut analyzer)?;
    let dev_ex = examples(dev, &index, &mut analyzer)?;
    let tag_ex = examples(&with_capitals(train, options), &index, &mut analyzer)?;
    let mut report = TrainReport {
        sentences: train.len(),
        words: train.iter().map(Vec::len).sum(),
        ..Default::default()
    };

    let all: Vec<&Example> = tag_ex.iter().collect();
    let (tagger, tag_dev, tag_epochs) = train_tagger(&all, &dev_ex, options.tag_epochs, options);
    report.tag_dev = tag_dev;
    report.tag_epochs = tag_epochs;

    // Four-fold jackknife: the parser trains on tags like those it will see.
    const FOLDS: usize = 4;
    let mut train_tags: Vec<Vec<u8>> = vec![Vec::new(); train_ex.len()];
    for fold in 0..FOLDS {
        let rest: Vec<&Example> = train_ex
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .map(|(_, e)| e)
            .collect();
        let (t, _, _) = train_tagger(&rest, &[], tag_epochs, options);
        for (i, ex) in train_ex
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS == fold)
        {
            t.tag(&ex.words, &mut train_tags[i]);
        }
    }
    let dev_tags: Vec<Vec<u8>> = dev_ex
        .iter()
        .map(|ex| {
            let mut t = Vec::new();
            tagger.tag(&ex.words, &mut t);
            t
        })
        .collect();

    let mut training = ParserTraining {
        moves: Averaged::new(options.move_bits, ACTIONS),
        labels: Averaged::new(options.label_bits, names.len()),
        label_count: names.len(),
        root,
    };
    let mut order: Vec<usize> = (0..train_ex.len()).collect();
    let mut rng = options.seed.rotate_left(17) | 1;
    let mut kept: Option<Parser> = None;
    for epoch in 1..=options.parse_epochs {
        shuffle(&mut order, &mut rng);
        let explore = (epoch > options.explore_after).then_some(options.explore_per_mille);
        for &k in &order {
            training.sentence(&train_ex[k], &train_tags[k], explore, &mut rng);
        }
        if dev_ex.is_empty() {
            continue;
        }
        let parser = training.parser(&label_names);
        let scores = attachment(&parser, &dev_ex, &dev_tags);
        if report.parse_dev.iter().all(|&(_, las)| scores.1 > las) {
            kept = Some(parser);
            report.parse_epochs = epoch;
        }
        report.parse_dev.push(scores);
    }
    let parser = kept.unwrap_or_else(|| {
        report.parse_epochs = options.parse_epochs;
        training.parser(&label_names)
    });
    report.seconds = started.elapsed().as_secs_f64();
    Ok((SyntaxModel { tagger, parser }, report))
}

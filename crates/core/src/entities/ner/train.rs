//! Training: an averaged structured perceptron (Collins 2002) over the hashed features, on
//! CoNLL-2003 plus upper- and lower-cased copies of some sentences so that all-caps credit lines
//! and lower-cased names do not derail the tagger. Deterministic: fixed order, fixed seed,
//! integer weights, so the same inputs give the same model bytes.

use std::fmt;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};

use super::features::{Analyzer, FEATURES_PER_TOKEN, TokenInfo, token_features};
use super::lexicon::Lexicon;
use super::model::{NerModel, START, Transitions, bucket, viterbi};
use super::{NUM_TAGS, NerLabel, NerTag, index_of_tag, token_spans};

#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// log2 of the number of hashed weight rows.
    pub bits: u32,
    pub epochs: usize,
    /// Share (per mille) of training sentences added again fully upper-cased, and lower-cased.
    pub upper_per_mille: u64,
    pub lower_per_mille: u64,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            bits: 18,
            epochs: 12,
            upper_per_mille: 100,
            lower_per_mille: 50,
            seed: 0x5eed,
        }
    }
}

/// A tokenised sentence with its gold tags.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<NerTag>,
}

#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub sentences: usize,
    pub tokens: usize,
    pub lexicon_words: usize,
    /// Micro F1 over PER/ORG/LOC on the dev file after each epoch (averaged weights).
    pub dev_f1: Vec<f64>,
    pub seconds: f64,
    pub model_bytes: usize,
}

impl fmt::Display for TrainReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "trained on {} sentences ({} tokens incl. case-augmented copies)",
            self.sentences, self.tokens
        )?;
        writeln!(f, "lexicon: {} words", self.lexicon_words)?;
        for (i, v) in self.dev_f1.iter().enumerate() {
            writeln!(f, "epoch {:2}: dev micro F1 (PER/ORG/LOC) {:.4}", i + 1, v)?;
        }
        write!(f, "{:.1} s, model {} bytes", self.seconds, self.model_bytes)
    }
}

/// Reads CoNLL-2003 (`TOKEN POS CHUNK NER`, IOB1, `-DOCSTART-`): sentences with BIO tags.
pub fn read_conll(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence {
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    let mut prev: Option<NerLabel> = None;
    for line in text.lines().chain(std::iter::once("")) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !cur.tokens.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Sentence {
                        tokens: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            prev = None;
            continue;
        }
        let raw = cols[cols.len() - 1];
        let tag = match raw.split_once('-') {
            Some((bi, ty)) => match NerLabel::parse(ty) {
                Some(l) if bi == "I" && prev == Some(l) => NerTag::Inside(l),
                Some(l) => NerTag::Begin(l),
                None => NerTag::O,
            },
            None => NerTag::O,
        };
        prev = tag.label();
        cur.tokens.push(cols[0].to_string());
        cur.tags.push(tag);
    }
    out
}

/// Trains on the CoNLL file `train_file` with the lexicon built from `data_dir`; if `dev_file`
/// is given, reports dev F1 after each epoch (it does not choose anything: the epoch count is
/// fixed, so the dev set stays an honest estimate). Returns the model file bytes.
pub fn train(
    train_file: &Path,
    dev_file: Option<&Path>,
    data_dir: &Path,
    options: &TrainOptions,
) -> Result<(Vec<u8>, TrainReport)> {
    let read =
        |p: &Path| std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()));
    let train = read_conll(&read(train_file)?);
    let dev = match dev_file {
        Some(p) => read_conll(&read(p)?),
        None => Vec::new(),
    };
    let lexicon = Lexicon::build(data_dir)?;
    let (model, report) = train_on_sentences(&train, &dev, lexicon, options);
    Ok((model, report))
}

fn augmented(train: &[Sentence], options: &TrainOptions) -> Vec<Sentence> {
    let mut out = train.to_vec();
    for (i, s) in train.iter().enumerate() {
        let r = super::features::mix(options.seed, i as u64) % 1000;
        if r < options.upper_per_mille {
            out.push(Sentence {
                tokens: s.tokens.iter().map(|t| t.to_uppercase()).collect(),
                tags: s.tags.clone(),
            });
        } else if r < options.upper_per_mille + options.lower_per_mille {
            out.push(Sentence {
                tokens: s.tokens.iter().map(|t| t.to_lowercase()).collect(),
                tags: s.tags.clone(),
            });
        }
    }
    out
}

/// Feature buckets of every token of a sentence, flat (`FEATURES_PER_TOKEN` per token).
fn sentence_buckets(
    s: &Sentence,
    lexicon: &Lexicon,
    bits: u32,
    analyzer: &mut Analyzer,
) -> Vec<u32> {
    let infos: Vec<TokenInfo> = s
        .tokens
        .iter()
        .map(|t| analyzer.analyze(t, lexicon))
        .collect();
    let mut out = Vec::with_capacity(infos.len() * FEATURES_PER_TOKEN);
    let mut feats = [0u64; FEATURES_PER_TOKEN];
    for i in 0..infos.len() {
        token_features(&infos, i, &mut feats);
        out.extend(feats.iter().map(|&f| bucket(f, bits) as u32));
    }
    out
}

struct Perceptron {
    w: Vec<i32>,
    /// Sum of step × update, for the averaging trick: average = w − u / steps.
    u: Vec<i64>,
    tw: Transitions,
    tu: [[i64; NUM_TAGS]; NUM_TAGS + 1],
    step: i64,
}

impl Perceptron {
    fn emissions(&self, buckets: &[u32], out: &mut Vec<[i32; NUM_TAGS]>) {
        out.clear();
        for feats in buckets.chunks_exact(FEATURES_PER_TOKEN) {
            let mut e = [0i32; NUM_TAGS];
            for &b in feats {
                let row = b as usize * NUM_TAGS;
                for (acc, w) in e.iter_mut().zip(&self.w[row..row + NUM_TAGS]) {
                    *acc += w;
                }
            }
            out.push(e);
        }
    }

    fn update(&mut self, buckets: &[u32], gold: &[usize], pred: &[usize]) {
        for i in 0..gold.len() {
            if gold[i] != pred[i] {
                for &b in &buckets[i * FEATURES_PER_TOKEN..(i + 1) * FEATURES_PER_TOKEN] {
                    let row = b as usize * NUM_TAGS;
                    self.w[row + gold[i]] += 1;
                    self.u[row + gold[i]] += self.step;
                    self.w[row + pred[i]] -= 1;
                    self.u[row + pred[i]] -= self.step;
                }
            }
            let gp = if i == 0 { START } else { gold[i - 1] };
            let pp = if i == 0 { START } else { pred[i - 1] };
            if (gp, gold[i]) != (pp, pred[i]) {
                self.tw[gp][gold[i]] += 1;
                self.tu[gp][gold[i]] += self.step;
                self.tw[pp][pred[i]] -= 1;
                self.tu[pp][pred[i]] -= self.step;
            }
        }
    }

    /// Averaged weights, quantised to i16 with one scale for emissions and transitions.
    fn averaged(&self, bits: u32, lexicon: Lexicon) -> NerModel {
        let c = self.step.max(1) as f64;
        let avg = |w: i32, u: i64| w as f64 - u as f64 / c;
        let max = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| avg(w, u).abs())
            .fold(1e-9f64, f64::max);
        let scale = 32767.0 / max;
        let weights = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (avg(w, u) * scale).round() as i16)
            .collect();
        let mut transitions = [[0i32; NUM_TAGS]; NUM_TAGS + 1];
        for (p, row) in transitions.iter_mut().enumerate() {
            for (t, v) in row.iter_mut().enumerate() {
                *v = (avg(self.tw[p][t], self.tu[p][t]) * scale).round() as i32;
            }
        }
        NerModel {
            bits,
            weights,
            transitions,
            lexicon,
        }
    }
}

/// Trains on in-memory sentences; `dev` may be empty. Returns the model file bytes.
pub fn train_on_sentences(
    train: &[Sentence],
    dev: &[Sentence],
    lexicon: Lexicon,
    options: &TrainOptions,
) -> (Vec<u8>, TrainReport) {
    let started = Instant::now();
    let bits = options.bits.clamp(4, 24);
    let sentences = augmented(train, options);
    let mut analyzer = Analyzer::default();
    let data: Vec<(Vec<u32>, Vec<usize>)> = sentences
        .iter()
        .map(|s| {
            (
                sentence_buckets(s, &lexicon, bits, &mut analyzer),
                s.tags.iter().map(|&t| index_of_tag(t)).collect(),
            )
        })
        .collect();
    let rows = 1usize << bits;
    let mut p = Perceptron {
        w: vec![0; rows * NUM_TAGS],
        u: vec![0; rows * NUM_TAGS],
        tw: [[0; NUM_TAGS]; NUM_TAGS + 1],
        tu: [[0; NUM_TAGS]; NUM_TAGS + 1],
        step: 1,
    };
    let mut report = TrainReport {
        sentences: sentences.len(),
        tokens: sentences.iter().map(|s| s.tokens.len()).sum(),
        lexicon_words: lexicon.len(),
        ..Default::default()
    };
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = options.seed | 1;
    let (mut emissions, mut back, mut pred) = (Vec::new(), Vec::new(), Vec::new());
    let mut lexicon = Some(lexicon);
    for _ in 0..options.epochs {
        // Fisher–Yates with xorshift64: a fixed, platform-independent order.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let (buckets, gold) = &data[k];
            p.emissions(buckets, &mut emissions);
            viterbi(&emissions, &p.tw, &mut back, &mut pred);
            if pred != *gold {
                p.update(buckets, gold, &pred);
            }
            p.step += 1;
        }
        if !dev.is_empty() {
            let model = p.averaged(bits, lexicon.take().unwrap_or_default());
            report.dev_f1.push(micro_f1(&model, dev));
            lexicon = Some(model.lexicon);
        }
    }
    let model = p.averaged(bits, lexicon.unwrap_or_default());
    let bytes = model.to_bytes();
    report.model_bytes = bytes.len();
    report.seconds = started.elapsed().as_secs_f64();
    (bytes, report)
}

/// Entity-level micro F1 over PER/ORG/LOC (exact span and type).
pub fn micro_f1(model: &NerModel, sentences: &[Sentence]) -> f64 {
    let scored = |l: NerLabel| l != NerLabel::Misc;
    let (mut tp, mut npred, mut ngold) = (0usize, 0usize, 0usize);
    for s in sentences {
        let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let pred: Vec<_> = token_spans(&model.tag_tokens(&toks))
            .into_iter()
            .filter(|x| scored(x.2))
            .collect();
        let gold: Vec<_> = token_spans(&s.tags)
            .into_iter()
            .filter(|x| scored(x.2))
            .collect();
        tp += pred.iter().filter(|x| gold.contains(x)).count();
        npred += pred.len();
        ngold += gold.len();
    }
    let p = tp as f64 / npred.max(1) as f64;
    let r = tp as f64 / ngold.max(1) as f64;
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

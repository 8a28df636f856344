//! The model: hashed emission weights (i16, one row of 9 tags per bucket), tag transitions, and
//! the lexicon; its file format; and Viterbi decoding.
//!
//! File: gzip of `MAGIC`, then little-endian u32 `bits`, u32 lexicon length, the lexicon text,
//! 10×9 i32 transitions (row 9 = sentence start), then `2^bits × 9` i16 weights.

use std::borrow::Cow;
use std::io::{Read, Write};

use anyhow::{Context, Result, bail, ensure};

use super::features::{Analyzer, FEATURES_PER_TOKEN, TokenInfo, token_features};
use super::lexicon::Lexicon;
use super::{NUM_TAGS, NerTag, allowed, tag_of_index};

const MAGIC: &[u8] = b"sitrep-ner-1\n";

pub type Transitions = [[i32; NUM_TAGS]; NUM_TAGS + 1];
pub const START: usize = NUM_TAGS;
/// Forbidden transitions score this, low enough to never win, high enough never to overflow.
const FORBIDDEN: i32 = -(1 << 28);

pub struct NerModel {
    pub(crate) bits: u32,
    /// Borrowed from the embedded model for the shipped tagger when aligned, else owned.
    pub(crate) weights: Cow<'static, [i16]>,
    pub(crate) transitions: Transitions,
    pub(crate) lexicon: Lexicon,
}

/// Buffers reused across sentences.
#[derive(Default)]
pub(crate) struct Scratch {
    analyzer: Analyzer,
    infos: Vec<TokenInfo>,
    emissions: Vec<[i32; NUM_TAGS]>,
    back: Vec<[u8; NUM_TAGS]>,
    path: Vec<usize>,
}

pub(crate) use crate::text::hash::bucket;

/// A decompressed model file, cut into its parts.
struct Parts<'a> {
    bits: u32,
    lexicon: &'a str,
    transitions: Transitions,
    /// `2^bits × NUM_TAGS` little-endian i16.
    weights: &'a [u8],
}

impl<'a> Parts<'a> {
    fn parse(raw: &'a [u8]) -> Result<Parts<'a>> {
        ensure!(raw.starts_with(MAGIC), "not a sitrep NER model");
        let mut pos = MAGIC.len();
        let mut take = |n: usize| -> Result<&'a [u8]> {
            let s = raw.get(pos..pos + n).context("model file truncated")?;
            pos += n;
            Ok(s)
        };
        let u32_at = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let bits = u32_at(take(4)?);
        if !(1..=26).contains(&bits) {
            bail!("bad bucket bits {bits}");
        }
        let lex_len = u32_at(take(4)?) as usize;
        let lexicon = std::str::from_utf8(take(lex_len)?).context("lexicon not UTF-8")?;
        let mut transitions = [[0i32; NUM_TAGS]; NUM_TAGS + 1];
        for row in transitions.iter_mut() {
            for v in row.iter_mut() {
                *v = i32::from_le_bytes(take(4)?.try_into()?);
            }
        }
        let weights = take((1usize << bits) * NUM_TAGS * 2)?;
        Ok(Parts {
            bits,
            lexicon,
            transitions,
            weights,
        })
    }
}

impl NerModel {
    /// A model that tags nothing.
    pub fn empty() -> NerModel {
        NerModel {
            bits: 1,
            weights: vec![0; 2 * NUM_TAGS].into(),
            transitions: [[0; NUM_TAGS]; NUM_TAGS + 1],
            lexicon: Lexicon::default(),
        }
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .context("model is not gzip")?;
        NerModel::from_raw(&raw)
    }

    /// The model from the file's contents after decompression.
    pub fn from_raw(raw: &[u8]) -> Result<NerModel> {
        let parts = Parts::parse(raw)?;
        let weights = parts.weights.chunks_exact(2);
        Ok(NerModel {
            bits: parts.bits,
            weights: weights.map(|c| i16::from_le_bytes([c[0], c[1]])).collect(),
            transitions: parts.transitions,
            lexicon: Lexicon::from_text(parts.lexicon),
        })
    }

    /// As [`NerModel::from_raw`], borrowing the lexicon's words and (where they are aligned, as
    /// [`NerModel::to_bytes`] makes them) the weights: the shipped model, decompressed by the
    /// build script and embedded, then costs no copy of its five megabytes at start-up.
    pub fn from_static(raw: &'static [u8]) -> Result<NerModel> {
        let parts = Parts::parse(raw)?;
        let weights = match bytemuck::try_cast_slice::<u8, i16>(parts.weights) {
            Ok(weights) if cfg!(target_endian = "little") => Cow::Borrowed(weights),
            _ => parts
                .weights
                .chunks_exact(2)
                .map(|c| i16::from_le_bytes([c[0], c[1]]))
                .collect(),
        };
        Ok(NerModel {
            bits: parts.bits,
            weights,
            transitions: parts.transitions,
            lexicon: Lexicon::from_static_text(parts.lexicon),
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut lex = self.lexicon.to_text();
        // An empty line, which reads as nothing, keeps the weights at an even offset, so that
        // `from_static` can read them in place.
        if (MAGIC.len() + 8 + lex.len()) % 2 == 1 {
            lex.push('\n');
        }
        let mut raw = Vec::with_capacity(self.weights.len() * 2 + lex.len() + 512);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&self.bits.to_le_bytes());
        raw.extend_from_slice(&(lex.len() as u32).to_le_bytes());
        raw.extend_from_slice(lex.as_bytes());
        for row in &self.transitions {
            for v in row {
                raw.extend_from_slice(&v.to_le_bytes());
            }
        }
        for w in self.weights.iter() {
            raw.extend_from_slice(&w.to_le_bytes());
        }
        // GzBuilder writes no time or file name, so equal models give equal bytes.
        let mut enc = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
        enc.write_all(&raw).expect("writing to a Vec");
        enc.finish().expect("writing to a Vec")
    }

    pub(crate) fn tag_with(&self, tokens: &[&str], s: &mut Scratch) -> Vec<NerTag> {
        s.infos.clear();
        for t in tokens {
            s.infos.push(s.analyzer.analyze(t, &self.lexicon));
        }
        s.emissions.clear();
        let mut feats = [0u64; FEATURES_PER_TOKEN];
        for i in 0..tokens.len() {
            token_features(&s.infos, i, &mut feats);
            let mut e = [0i32; NUM_TAGS];
            for &f in &feats {
                let row = bucket(f, self.bits) * NUM_TAGS;
                let w = &self.weights[row..row + NUM_TAGS];
                for k in 0..NUM_TAGS {
                    e[k] += w[k] as i32;
                }
            }
            s.emissions.push(e);
        }
        viterbi(&s.emissions, &self.transitions, &mut s.back, &mut s.path);
        s.path.iter().map(|&i| tag_of_index(i)).collect()
    }
}

/// Best tag sequence under BIO constraints, written to `path`.
pub(crate) fn viterbi(
    emissions: &[[i32; NUM_TAGS]],
    trans: &Transitions,
    back: &mut Vec<[u8; NUM_TAGS]>,
    path: &mut Vec<usize>,
) {
    path.clear();
    back.clear();
    let Some(first) = emissions.first() else {
        return;
    };
    // BIO constraints folded into the transition scores once per sentence, so the inner loop
    // has no branches.
    let mut eff = *trans;
    for (p, row) in eff.iter_mut().enumerate() {
        for (t, v) in row.iter_mut().enumerate() {
            if !allowed((p != START).then_some(p), t) {
                *v = FORBIDDEN;
            }
        }
    }
    let mut score = [0i32; NUM_TAGS];
    for t in 0..NUM_TAGS {
        score[t] = first[t] + eff[START][t];
    }
    back.push([0; NUM_TAGS]);
    for e in &emissions[1..] {
        let mut next = [0i32; NUM_TAGS];
        let mut from = [0u8; NUM_TAGS];
        for t in 0..NUM_TAGS {
            let mut best = i32::MIN;
            let mut arg = 0;
            for p in 0..NUM_TAGS {
                let v = score[p] + eff[p][t];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            next[t] = best + e[t];
            from[t] = arg as u8;
        }
        // Keep scores bounded in long sentences: only differences matter.
        let top = next.iter().copied().max().unwrap_or(0);
        for v in next.iter_mut() {
            *v = (*v - top).max(FORBIDDEN);
        }
        score = next;
        back.push(from);
    }
    let mut cur = (0..NUM_TAGS)
        .max_by_key(|&t| (score[t], std::cmp::Reverse(t)))
        .unwrap_or(0);
    path.resize(emissions.len(), 0);
    for i in (0..emissions.len()).rev() {
        path[i] = cur;
        cur = back[i][cur] as usize;
    }
}

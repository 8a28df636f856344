//! The English word model: how common each plain a–z word is (its zipf
//! value from wordfreq) and how often each letter trigram occurs inside words.
//!
//! Shipped as `data/models/words-en.tsv.gz`, built from wordfreq's `large_en` list by
//! [`build_word_model`]. File format (gzip of UTF-8 text): a `#` comment line, then one line
//! per frequency level, `ZIPF_TIMES_100 <TAB> word word word …`, levels in decreasing order,
//! words sorted within a level, so the same input always gives the same bytes. The core's build
//! script turns it into a flat archive the binary reads in place.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::flat::{self, BUCKETS, Malformed, Reader, Writer, key_hash};

const MAGIC: &[u8; 16] = b"sitrep-words-v1\0";

/// Words rarer than this (zipf 2) are mostly typos and fragments; they would teach the
/// trigram table that any letter sequence occurs inside words.
const TRIGRAM_MIN_ZIPF: u16 = 200;

/// Longer "words" in the source are URL or hashtag debris; no glued token needs them.
const MAX_WORD_LEN: usize = 24;

const ALPHABET: usize = 28; // word start, a–z, word end
const TRIGRAMS: usize = ALPHABET * ALPHABET * ALPHABET;

/// Every known lower-case word as its 64-bit hash (sorted, bucketed: see `crate::flat`) with
/// its zipf × 100 beside it, and the trigram counts; borrowed from the embedded archive for the
/// shipped model, owned for one decoded from a file.
#[derive(Default)]
pub struct WordModel {
    hashes: Cow<'static, [u64]>,
    zipfs: Cow<'static, [u16]>,
    starts: Cow<'static, [u32]>,
    /// How many common words contain each trigram (with `^`/`$` marking word edges).
    trigrams: Cow<'static, [u32]>,
}

impl WordModel {
    /// The model of a file as [`build_word_model`] writes it.
    pub fn decode(gz: &[u8]) -> std::io::Result<WordModel> {
        let mut text = String::new();
        GzDecoder::new(gz).read_to_string(&mut text)?;
        Ok(WordModel::from_text(&text))
    }

    /// The model of a decompressed file.
    pub fn from_text(text: &str) -> WordModel {
        let mut words: Vec<(u64, u16)> = Vec::new();
        let mut trigrams = vec![0u32; TRIGRAMS];
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((level, list)) = line.split_once('\t') else {
                continue;
            };
            let Ok(level) = level.parse::<u16>() else {
                continue;
            };
            for word in list.split(' ').filter(|w| is_model_word(w)) {
                words.push((key_hash(word), level));
                if level >= TRIGRAM_MIN_ZIPF {
                    count_trigrams(word, &mut trigrams);
                }
            }
        }
        // A word listed twice keeps its highest level.
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        words.dedup_by_key(|w| w.0);
        WordModel {
            starts: flat::bucket_starts(words.iter().map(|w| w.0)).into(),
            hashes: words.iter().map(|w| w.0).collect::<Vec<_>>().into(),
            zipfs: words.iter().map(|w| w.1).collect::<Vec<_>>().into(),
            trigrams: trigrams.into(),
        }
    }

    /// The flat archive of this model (sections: the word count, hashes, zipfs, bucket
    /// starts, trigram counts).
    pub fn to_archive(&self) -> Vec<u8> {
        let mut w = Writer::new(MAGIC);
        w.counts(&[self.hashes.len()]);
        w.section(&self.hashes);
        w.section(&self.zipfs);
        w.section(&self.starts);
        w.section(&self.trigrams);
        w.finish()
    }

    /// The model of an archive, borrowed in place.
    pub fn from_archive(bytes: &'static [u8]) -> Result<WordModel, Malformed> {
        let mut r = Reader::open(bytes, MAGIC)?;
        let words = r.counts(1)?[0];
        let model = WordModel {
            hashes: r.take(words)?.into(),
            zipfs: r.take(words)?.into(),
            starts: r.take(BUCKETS + 1)?.into(),
            trigrams: r.take(TRIGRAMS)?.into(),
        };
        if !flat::starts_fit(&model.starts, words) {
            return Err(Malformed("bucket starts out of order"));
        }
        Ok(model)
    }

    /// zipf × 100 of a lower-case word, 0 when unknown.
    pub fn zipf(&self, word: &str) -> u16 {
        let found = flat::positions(&self.hashes, &self.starts, key_hash(word)).next();
        found.map_or(0, |i| self.zipfs[i])
    }

    pub fn knows(&self, word: &str) -> bool {
        !flat::positions(&self.hashes, &self.starts, key_hash(word)).is_empty()
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// How many common words contain the trigram `abc` of lower-case ASCII letters.
    pub fn trigram_count(&self, abc: &[u8]) -> u32 {
        match abc {
            [a, b, c] => self
                .trigrams
                .get(trigram_index(*a, *b, *c))
                .copied()
                .unwrap_or(0),
            _ => 0,
        }
    }
}

fn is_model_word(w: &str) -> bool {
    !w.is_empty() && w.len() <= MAX_WORD_LEN && w.bytes().all(|b| b.is_ascii_lowercase())
}

fn letter_code(b: u8) -> usize {
    match b {
        b'^' => 0,
        b'a'..=b'z' => (b - b'a') as usize + 1,
        _ => ALPHABET - 1,
    }
}

fn trigram_index(a: u8, b: u8, c: u8) -> usize {
    (letter_code(a) * ALPHABET + letter_code(b)) * ALPHABET + letter_code(c)
}

fn count_trigrams(word: &str, table: &mut [u32]) {
    let mut padded = [0u8; MAX_WORD_LEN + 2];
    padded[0] = b'^';
    padded[1..=word.len()].copy_from_slice(word.as_bytes());
    padded[word.len() + 1] = b'$';
    for w in padded[..word.len() + 2].windows(3) {
        table[trigram_index(w[0], w[1], w[2])] += 1;
    }
}

/// Builds the shipped model file from wordfreq's `large_en` list as TSV (`word <TAB> zipf
/// <TAB> frequency`, header line first; see `/work/shared/data/word-frequencies/SOURCE.md`).
/// Keeps the plain a–z words only; deterministic (gzip header without time or name).
pub fn build_word_model(wordfreq_tsv: &str) -> Vec<u8> {
    let mut levels: BTreeMap<u16, Vec<&str>> = BTreeMap::new();
    for line in wordfreq_tsv.lines() {
        let mut fields = line.split('\t');
        let (Some(word), Some(zipf)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Ok(zipf) = zipf.trim().parse::<f64>() else {
            continue;
        }; // the header, junk
        if !is_model_word(word) || !zipf.is_finite() || zipf <= 0.0 {
            continue;
        }
        levels
            .entry((zipf * 100.0).round().min(f64::from(u16::MAX)) as u16)
            .or_default()
            .push(word);
    }
    let mut text = String::from(
        "# sitrep English word model: zipf*100<TAB>words; from wordfreq large_en (Robyn Speer, CC BY-SA 4.0)\n",
    );
    for (level, words) in levels.iter_mut().rev() {
        words.sort_unstable();
        words.dedup();
        text.push_str(&level.to_string());
        text.push('\t');
        text.push_str(&words.join(" "));
        text.push('\n');
    }
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(text.as_bytes());
    gz.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "word\tzipf\tfrequency\nthe\t7.73\t5.370e-02\nasked\t5.30\t2e-4\nit's\t6.0\t1e-3\n\
                       00\t5.0\t1e-4\nzebra\t3.10\t1e-6\nquagga\t1.20\t1e-8\n";

    #[test]
    fn build_then_decode_round_trips() {
        let bytes = build_word_model(TSV);
        assert_eq!(bytes, build_word_model(TSV), "deterministic");
        let model = WordModel::decode(&bytes).unwrap();
        assert_eq!(model.len(), 4);
        assert_eq!(model.zipf("asked"), 530);
        assert_eq!(model.zipf("quagga"), 120);
        assert!(!model.knows("it's") && !model.knows("00"));
        assert_eq!(model.trigram_count(b"ebr"), 1);
        assert_eq!(
            model.trigram_count(b"agg"),
            0,
            "rare words do not feed the trigram table"
        );
    }

    #[test]
    fn the_archive_holds_the_same_model() {
        let model = WordModel::decode(&build_word_model(TSV)).unwrap();
        let bytes = model.to_archive();
        // Leaked into u64s so the sections are aligned and 'static, as the embedded one is.
        let mut words = vec![0u64; bytes.len() / 8];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words).copy_from_slice(&bytes);
        let words: &'static [u64] = Vec::leak(words);
        let read = WordModel::from_archive(bytemuck::cast_slice(words)).unwrap();
        assert_eq!(read.len(), model.len());
        for word in ["the", "asked", "zebra", "quagga", "unknown"] {
            assert_eq!(read.zipf(word), model.zipf(word), "{word}");
        }
        assert_eq!(read.trigram_count(b"ebr"), 1);
        assert!(WordModel::from_archive(&bytemuck::cast_slice(words)[..64]).is_err());
    }

    #[test]
    fn shipped_model_loads() {
        let english = crate::lang::en::words();
        assert!(english.len() > 100_000);
        assert!(english.zipf("which") > 600);
        assert!(english.trigram_count(b"ing") > 1000);
    }

    #[test]
    fn junk_does_not_panic() {
        assert!(WordModel::decode(b"not gzip").is_err());
        let model = WordModel::decode(&build_word_model("\u{0}\t\t\nx\tNaN\n\t5\n")).unwrap();
        assert!(model.is_empty());
    }
}

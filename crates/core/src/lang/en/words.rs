//! The English word model: how common each plain a–z word is (its zipf
//! value from wordfreq) and how often each letter trigram occurs inside words.
//!
//! Shipped as `data/models/words-en.tsv.gz`, built from wordfreq's `large_en` list by
//! [`build_word_model`]. File format (gzip of UTF-8 text): a `#` comment line, then one line
//! per frequency level, `ZIPF_TIMES_100 <TAB> word word word …`, levels in decreasing order,
//! words sorted within a level, so the same input always gives the same bytes.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::io::{Read, Write};
use std::sync::LazyLock;

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use foldhash::fast::FixedState;
use hashbrown::HashTable;

/// `data/models/words-en.tsv.gz`, decompressed by the build script.
static SHIPPED: &str = include_str!(concat!(env!("OUT_DIR"), "/words-en.tsv"));

/// The shipped model, indexed on first use.
pub static ENGLISH: LazyLock<WordModel> =
    LazyLock::new(|| WordModel::from_text(Cow::Borrowed(SHIPPED)));

/// Words rarer than this (zipf 2) are mostly typos and fragments; they would teach the
/// trigram table that any letter sequence occurs inside words.
const TRIGRAM_MIN_ZIPF: u16 = 200;

/// Longer "words" in the source are URL or hashtag debris; no glued token needs them.
const MAX_WORD_LEN: usize = 24;

const ALPHABET: usize = 28; // word start, a–z, word end

#[derive(Default)]
pub struct WordModel {
    /// The decoded file; the table points into it, so decoding allocates nothing per word
    /// (a `HashMap<Box<str>, _>` made decoding several times slower).
    text: Cow<'static, str>,
    /// Every known lower-case word. foldhash rather than SipHash: the stage looks up every
    /// long word of every article, and the model is trusted data.
    table: HashTable<Entry>,
    hasher: FixedState,
    /// How many common words contain each trigram (with `^`/`$` marking word edges).
    trigrams: Vec<u32>,
}

#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    len: u8,
    zipf: u16,
}

impl WordModel {
    pub fn decode(gz: &[u8]) -> std::io::Result<WordModel> {
        let mut text = String::new();
        GzDecoder::new(gz).read_to_string(&mut text)?;
        if u32::try_from(text.len()).is_err() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "word model over 4 GB",
            ));
        }
        Ok(WordModel::from_text(Cow::Owned(text)))
    }

    /// The model of a decompressed file (under 4 GB: offsets are u32).
    fn from_text(text: Cow<'static, str>) -> WordModel {
        let hasher = FixedState::default();
        let mut table: HashTable<Entry> = HashTable::with_capacity(300_000);
        let mut trigrams = vec![0u32; ALPHABET * ALPHABET * ALPHABET];
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((level, words)) = line.split_once('\t') else {
                continue;
            };
            let Ok(level) = level.parse::<u16>() else {
                continue;
            };
            for word in words.split(' ').filter(|w| is_model_word(w)) {
                let start = (word.as_ptr() as usize - text.as_ptr() as usize) as u32;
                let entry = Entry {
                    start,
                    len: word.len() as u8,
                    zipf: level,
                };
                let hash = hasher.hash_one(word);
                let word_at =
                    |e: &Entry| &text[e.start as usize..e.start as usize + e.len as usize];
                match table.find_mut(hash, |e| word_at(e) == word) {
                    Some(existing) => existing.zipf = existing.zipf.max(level),
                    None => {
                        table.insert_unique(hash, entry, |e| hasher.hash_one(word_at(e)));
                    }
                }
                if level >= TRIGRAM_MIN_ZIPF {
                    count_trigrams(word, &mut trigrams);
                }
            }
        }
        WordModel {
            text,
            table,
            hasher,
            trigrams,
        }
    }

    fn entry(&self, word: &str) -> Option<&Entry> {
        self.table.find(self.hasher.hash_one(word), |e| {
            self.text
                .get(e.start as usize..e.start as usize + e.len as usize)
                == Some(word)
        })
    }

    /// zipf × 100 of a lower-case word, 0 when unknown.
    pub fn zipf(&self, word: &str) -> u16 {
        self.entry(word).map_or(0, |e| e.zipf)
    }

    pub fn knows(&self, word: &str) -> bool {
        self.entry(word).is_some()
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
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
    fn shipped_model_loads() {
        assert!(ENGLISH.len() > 100_000);
        assert!(ENGLISH.zipf("which") > 600);
        assert!(ENGLISH.trigram_count(b"ing") > 1000);
    }

    #[test]
    fn junk_does_not_panic() {
        assert!(WordModel::decode(b"not gzip").is_err());
        let model = WordModel::decode(&build_word_model("\u{0}\t\t\nx\tNaN\n\t5\n")).unwrap();
        assert!(model.is_empty());
    }
}

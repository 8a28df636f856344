//! The shipped model (tagger and parser together) and its file format.
//!
//! File: gzip (no time or name in the header) of `MAGIC`, then little-endian u32s: tagger bits,
//! move bits, label bits, relation count; the relation names as one `\n`-joined text (u32
//! length first); the tag dictionary (u32 count, then u64 key + u8 tag each, keys ascending);
//! then the i16 weights of the tagger (2^bits × 17), the moves (2^bits × 3) and the relations
//! (2^bits × count).

use std::collections::HashMap;
use std::io::{Read, Write};

use anyhow::{Context, Result, bail, ensure};

use super::linear::Linear;
use super::parser::{ACTIONS, MAX_LABELS, Parser};
use super::tagger::{NUM_UPOS, Tagger};

const MAGIC: &[u8] = b"sitrep-syntax-1\n";

pub struct SyntaxModel {
    pub(crate) tagger: Tagger,
    pub(crate) parser: Parser,
}

struct Reader<'a> {
    raw: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let s = self
            .raw
            .get(self.pos..self.pos + n)
            .context("model file truncated")?;
        self.pos += n;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into()?))
    }

    fn linear(&mut self, bits: u32, classes: usize) -> Result<Linear> {
        if !(1..=26).contains(&bits) {
            bail!("bad bucket bits {bits}");
        }
        let n = (1usize << bits) * classes;
        let weights = self
            .take(n * 2)?
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Linear {
            bits,
            classes,
            weights,
        })
    }
}

impl SyntaxModel {
    pub fn from_bytes(bytes: &[u8]) -> Result<SyntaxModel> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .context("model is not gzip")?;
        ensure!(raw.starts_with(MAGIC), "not a sitrep syntax model");
        let mut r = Reader {
            raw: &raw,
            pos: MAGIC.len(),
        };
        let (tag_bits, move_bits, label_bits) = (r.u32()?, r.u32()?, r.u32()?);
        let count = r.u32()? as usize;
        ensure!(
            (1..=MAX_LABELS).contains(&count),
            "bad relation count {count}"
        );
        let len = r.u32()? as usize;
        let names = std::str::from_utf8(r.take(len)?).context("relation names not UTF-8")?;
        // Relation names live as long as the program (a model is loaded once), so each word
        // of a parse can point at its name instead of carrying a copy.
        let label_names: Vec<&'static str> = names
            .split('\n')
            .map(|n| &*Box::leak(n.to_string().into_boxed_str()))
            .collect();
        ensure!(
            label_names.len() == count,
            "relation names do not match their count"
        );
        let root = label_names
            .iter()
            .position(|&n| n == "root")
            .context("no root relation")? as u8;
        let entries = r.u32()? as usize;
        let mut dictionary = HashMap::with_capacity(entries);
        for _ in 0..entries {
            let key = u64::from_le_bytes(r.take(8)?.try_into()?);
            let tag = r.take(1)?[0];
            ensure!((tag as usize) < NUM_UPOS, "bad tag {tag}");
            dictionary.insert(key, tag);
        }
        let tagger = Tagger {
            weights: r.linear(tag_bits, NUM_UPOS)?,
            dictionary,
        };
        let moves = r.linear(move_bits, ACTIONS)?;
        let labels = r.linear(label_bits, count)?;
        ensure!(r.pos == raw.len(), "trailing bytes after the model");
        Ok(SyntaxModel {
            tagger,
            parser: Parser {
                moves,
                labels,
                label_names,
                root,
            },
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let p = &self.parser;
        let names = p.label_names.join("\n");
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        for v in [
            self.tagger.weights.bits,
            p.moves.bits,
            p.labels.bits,
            p.label_names.len() as u32,
            names.len() as u32,
        ] {
            raw.extend_from_slice(&v.to_le_bytes());
        }
        raw.extend_from_slice(names.as_bytes());
        let mut entries: Vec<(u64, u8)> = self
            .tagger
            .dictionary
            .iter()
            .map(|(&k, &t)| (k, t))
            .collect();
        entries.sort_unstable();
        raw.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, t) in entries {
            raw.extend_from_slice(&k.to_le_bytes());
            raw.push(t);
        }
        for table in [&self.tagger.weights, &p.moves, &p.labels] {
            for w in &table.weights {
                raw.extend_from_slice(&w.to_le_bytes());
            }
        }
        // GzBuilder writes no time or file name, so equal models give equal bytes.
        let mut enc = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
        enc.write_all(&raw).expect("writing to a Vec");
        enc.finish().expect("writing to a Vec")
    }
}

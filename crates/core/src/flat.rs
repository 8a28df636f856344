//! Flat archives: tables laid out as arrays of plain numbers, written by the crate's build
//! script and embedded in the binary, then read in place, so start-up neither parses, hashes,
//! sorts nor allocates them. The gazetteer and the word model are stored so.
//!
//! An archive is a 16-byte magic, then sections, each starting on an 8-byte boundary; what the
//! sections are is the reader's business. Numbers are in the build machine's byte order, which the
//! build script checks is the target's. The build script includes this file, so it uses only `bytemuck` and
//! `xxhash-rust`.

use bytemuck::Pod;

/// Embeds a file the build script wrote into OUT_DIR, aligned for [`Reader`]
/// (`include_bytes!` alone guarantees no alignment).
macro_rules! embed {
    ($file:literal) => {{
        #[repr(C, align(8))]
        struct Aligned<B: ?Sized>(B);
        static ALIGNED: &Aligned<[u8]> =
            &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/", $file)));
        &ALIGNED.0
    }};
}
pub(crate) use embed;

/// What went wrong reading an archive (a build bug: archives are written by the build script).
#[derive(Debug)]
pub struct Malformed(pub &'static str);

/// Reads an archive's sections in order.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader after `magic`, or an error if the bytes do not start with it.
    pub fn open(bytes: &'a [u8], magic: &[u8; 16]) -> Result<Reader<'a>, Malformed> {
        if !bytes.starts_with(magic) {
            return Err(Malformed("not an archive of this kind"));
        }
        Ok(Reader { bytes, at: 16 })
    }

    /// The next `n` items of type `T`.
    pub fn take<T: Pod>(&mut self, n: usize) -> Result<&'a [T], Malformed> {
        let len = n
            .checked_mul(size_of::<T>())
            .ok_or(Malformed("section too large"))?;
        let section = self
            .at
            .checked_add(len)
            .and_then(|end| self.bytes.get(self.at..end))
            .ok_or(Malformed("archive truncated"))?;
        self.at += len.next_multiple_of(8);
        bytemuck::try_cast_slice(section).map_err(|_| Malformed("section misaligned"))
    }

    /// The next `n` counts, as written by [`Writer::counts`].
    pub fn counts(&mut self, n: usize) -> Result<Vec<usize>, Malformed> {
        self.take::<u64>(n)?
            .iter()
            .map(|&c| usize::try_from(c).map_err(|_| Malformed("count too large")))
            .collect()
    }
}

/// Writes an archive's sections in order.
pub struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    pub fn new(magic: &[u8; 16]) -> Writer {
        Writer {
            bytes: magic.to_vec(),
        }
    }

    pub fn section<T: Pod>(&mut self, items: &[T]) {
        self.bytes.extend_from_slice(bytemuck::cast_slice(items));
        self.bytes.resize(self.bytes.len().next_multiple_of(8), 0);
    }

    pub fn counts(&mut self, counts: &[usize]) {
        let counts: Vec<u64> = counts.iter().map(|&c| c as u64).collect();
        self.section(&counts);
    }

    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// A fixed seed, so the build script and the library hash keys alike on every platform.
const SEED: u64 = 0x5175_7265_7067;

/// The hash keys are stored and looked up by: 64 bits, so a million keys do not collide in
/// practice and the tables hold no strings.
pub fn key_hash(key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(key.as_bytes(), SEED)
}

/// Sorted hashes are bucketed on their top bits: a look-up is then a search among a few
/// neighbours instead of twenty cache misses across the whole table, which bounded how many
/// names a core resolves per second.
pub const BUCKET_BITS: u32 = 16;
pub const BUCKETS: usize = 1 << BUCKET_BITS;

/// Where each bucket starts in `sorted` hashes, and their count at the end (`BUCKETS + 1`).
pub fn bucket_starts(sorted: impl ExactSizeIterator<Item = u64>) -> Vec<u32> {
    let len = sorted.len();
    let mut starts = Vec::with_capacity(BUCKETS + 1);
    for (i, h) in sorted.enumerate() {
        let bucket = (h >> (64 - BUCKET_BITS)) as usize;
        while starts.len() <= bucket {
            starts.push(i as u32);
        }
    }
    starts.resize(BUCKETS + 1, len as u32);
    starts
}

/// Whether bucket starts fit hashes of this many entries.
pub fn starts_fit(starts: &[u32], len: usize) -> bool {
    starts.len() == BUCKETS + 1
        && starts.windows(2).all(|w| w[0] <= w[1])
        && starts.last() == Some(&(len as u32))
}

/// The positions of `h` in sorted `hashes`, found through its bucket.
pub fn positions(hashes: &[u64], starts: &[u32], h: u64) -> std::ops::Range<usize> {
    let b = (h >> (64 - BUCKET_BITS)) as usize;
    let (lo, hi) = match (starts.get(b), starts.get(b + 1)) {
        (Some(&lo), Some(&hi)) => (lo as usize, hi as usize),
        _ => return 0..0,
    };
    let bucket = hashes.get(lo..hi).unwrap_or_default();
    let first = bucket.partition_point(|&k| k < h);
    let end = first + bucket[first..].partition_point(|&k| k == h);
    lo + first..lo + end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_find_every_copy_of_a_hash() {
        let hashes = [1u64, 5, 5, 1 << 63, u64::MAX];
        let starts = bucket_starts(hashes.iter().copied());
        assert!(starts_fit(&starts, hashes.len()));
        assert_eq!(positions(&hashes, &starts, 5), 1..3);
        assert_eq!(positions(&hashes, &starts, u64::MAX), 4..5);
        assert_eq!(positions(&hashes, &starts, 1 << 63), 3..4);
        assert_eq!(positions(&hashes, &starts, 2), 1..1);
        assert!(positions(&hashes, &starts, 7).is_empty());
    }

    #[test]
    fn sections_read_back_as_written() {
        let mut w = Writer::new(b"test-archive-v1\0");
        w.counts(&[3, 2]);
        w.section(&[1u16, 2, 3]);
        w.section(&[7u64, 8]);
        let bytes = w.finish();
        let mut words = vec![0u64; bytes.len() / 8];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words).copy_from_slice(&bytes);
        let mut r = Reader::open(bytemuck::cast_slice(&words), b"test-archive-v1\0").unwrap();
        assert_eq!(r.counts(2).unwrap(), [3, 2]);
        assert_eq!(r.take::<u16>(3).unwrap(), [1, 2, 3]);
        assert_eq!(r.take::<u64>(2).unwrap(), [7, 8]);
        assert!(r.take::<u64>(1).is_err(), "nothing left");
        assert!(Reader::open(bytemuck::cast_slice(&words), b"other-archive-v1").is_err());
    }
}

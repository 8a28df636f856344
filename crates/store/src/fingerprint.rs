//! What makes two articles the same: an exact content hash, and a SimHash for near-duplicates
//! (one wire story republished by many sites with a different headline, byline or footer).

use sitrep_core::text::{fold, words};

/// Words per shingle: three keeps word order in the fingerprint without making every small
/// edit change most shingles.
const SHINGLE: usize = 3;
/// Fewer shingles than this and the text says too little to call two copies of one story.
const MIN_SHINGLES: usize = 24;
/// MinHash values per article, read as BANDS bands of ROWS values for the LSH index.
pub const HASHES: usize = 64;
const ROWS: usize = 4;
pub const BANDS: usize = HASHES / ROWS;
/// Estimated Jaccard similarity of shingle sets at or above which two articles are copies of
/// one story. A republished wire story with its own headline, byline and footer stays above
/// 0.8; two outlets' own write-ups of one event share few 3-word shingles (well below 0.3).
/// With 16 bands of 4, a pair at 0.6 becomes a candidate with probability 0.89, at 0.8 with
/// 0.9998, and the full signature then decides.
pub const MIN_JACCARD: f64 = 0.6;

/// A MinHash signature: for each of HASHES hash functions, the least hash over the shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

/// BLAKE3 of the title and cleaned text: the same article re-read from any input.
pub fn content_hash(title: Option<&str>, text: &str) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(title.unwrap_or("").as_bytes());
    hasher.update(&[0]);
    hasher.update(text.as_bytes());
    *hasher.finalize().as_bytes()
}

/// The hash functions: `(a·x + b) mod 2⁶⁴`, top 32 bits, with fixed odd multipliers (from
/// SplitMix64), so stored signatures stay comparable across runs and versions.
static FUNCTIONS: std::sync::LazyLock<[(u64, u64); HASHES]> = std::sync::LazyLock::new(|| {
    let mut state = 0x5172_6570_u64;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    std::array::from_fn(|_| (next() | 1, next()))
});

/// The MinHash of the folded text's word shingles, or `None` for texts too short to compare.
/// Written here because the MinHash crates hash characters or bring their own tokenizers; this
/// is the textbook construction over the words sitrep already splits.
pub fn minhash(text: &str) -> Option<Signature> {
    let folded = fold(text);
    let tokens: Vec<&str> = words(&folded).map(|(_, w)| w).collect();
    if tokens.len() < SHINGLE + MIN_SHINGLES {
        return None;
    }
    let functions = &*FUNCTIONS;
    let mut mins = [u32::MAX; HASHES];
    for shingle in tokens.windows(SHINGLE) {
        let mut hasher = blake3::Hasher::new();
        for word in shingle {
            hasher.update(word.as_bytes());
            hasher.update(b" ");
        }
        let bytes = hasher.finalize();
        let x = u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or([0; 8]));
        for (min, &(a, b)) in mins.iter_mut().zip(functions) {
            *min = (*min).min((a.wrapping_mul(x).wrapping_add(b) >> 32) as u32);
        }
    }
    Some(Signature(mins))
}

impl Signature {
    /// The estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count() as f64 / HASHES as f64
    }

    /// The LSH band keys to index: two signatures agreeing on all ROWS values of any band share
    /// that key.
    pub fn bands(&self) -> [(i64, i64); BANDS] {
        std::array::from_fn(|band| {
            let rows = &self.0[band * ROWS..(band + 1) * ROWS];
            let key = rows.iter().fold(0xCBF2_9CE4_8422_2325_u64, |h, &v| {
                (h ^ u64::from(v)).wrapping_mul(0x0100_0000_01B3)
            });
            (band as i64, key as i64)
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        Some(Signature(std::array::from_fn(|i| {
            u32::from_le_bytes(bytes[i * 4..i * 4 + 4].try_into().unwrap_or([0; 4]))
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Azerbaijani forces shelled several towns inside Armenia early on Tuesday, \
        the Armenian defence ministry said, killing at least 49 soldiers in the worst fighting \
        between the two neighbours since a war in 2020. Azerbaijan said it was responding to \
        provocations by Armenian forces and that it had lost 50 of its own troops. Russia, which \
        has peacekeepers in the region, said it had brokered a ceasefire that was not holding. \
        The clashes began shortly after midnight, when artillery and drones struck military \
        positions near the towns of Jermuk, Goris and Kapan, the ministry said in a statement.";

    #[test]
    fn a_republished_copy_is_similar_and_a_rewrite_is_not() {
        let a = minhash(STORY).unwrap();
        let copy = minhash(&format!(
            "Yerevan (Wire) - {STORY} Reporting by the Yerevan newsroom; editing by the desk."
        ))
        .unwrap();
        let rewrite = minhash(
            "Armenia said on Tuesday that 49 of its soldiers had been killed when Azerbaijani troops \
             attacked towns including Jermuk, Goris and Kapan with artillery and drones overnight. \
             Baku blamed Yerevan for provocations and reported 50 dead of its own, while Moscow \
             said a truce it had arranged had failed to hold by the morning.",
        )
        .unwrap();
        assert!(
            a.similarity(&copy) >= MIN_JACCARD,
            "copy: {}",
            a.similarity(&copy)
        );
        assert!(
            a.similarity(&rewrite) < 0.3,
            "rewrite: {}",
            a.similarity(&rewrite)
        );
        let shared = a
            .bands()
            .iter()
            .zip(copy.bands())
            .filter(|(x, y)| *x == y)
            .count();
        assert!(shared > 0, "the copy shares no band");
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a.clone()));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }

    #[test]
    fn short_texts_have_no_fingerprint() {
        assert_eq!(minhash("Breaking: fighting reported."), None);
        assert_eq!(minhash(""), None);
    }
}

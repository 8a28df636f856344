//! What makes two articles the same: an exact content hash, and a SimHash for near-duplicates
//! (one wire story republished by many sites with a different headline, byline or footer).

use sitrep_core::text::{fold, words};

/// Words per shingle: three keeps word order in the fingerprint without making every small
/// edit change most shingles.
const SHINGLE: usize = 3;
/// Fewer shingles than this and the fingerprint says too little to call two texts copies.
const MIN_SHINGLES: usize = 24;
/// Bits that may differ between copies of one story (of 64).
pub const MAX_DISTANCE: u32 = 3;

/// BLAKE3 of the title and cleaned text: the same article re-read from any input.
pub fn content_hash(title: Option<&str>, text: &str) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(title.unwrap_or("").as_bytes());
    hasher.update(&[0]);
    hasher.update(text.as_bytes());
    *hasher.finalize().as_bytes()
}

/// Charikar's SimHash over word shingles of the folded text, or `None` for texts too short to
/// compare. Written here because the crates that offer it hash characters, not words, and
/// bring their own tokenizers; the weighting is the plain one (every shingle counts once).
pub fn simhash(text: &str) -> Option<u64> {
    let folded = fold(text);
    let tokens: Vec<&str> = words(&folded).map(|(_, w)| w).collect();
    if tokens.len() < SHINGLE + MIN_SHINGLES {
        return None;
    }
    let mut weights = [0i32; 64];
    for shingle in tokens.windows(SHINGLE) {
        let mut hasher = blake3::Hasher::new();
        for word in shingle {
            hasher.update(word.as_bytes());
            hasher.update(b" ");
        }
        let bytes = hasher.finalize();
        let hash = u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or([0; 8]));
        for (bit, weight) in weights.iter_mut().enumerate() {
            *weight += if hash >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    Some(weights.iter().enumerate().fold(0u64, |acc, (bit, &w)| if w > 0 { acc | 1 << bit } else { acc }))
}

/// The four 16-bit bands of a fingerprint, as (band, value) pairs to index.
pub fn bands(hash: u64) -> [(i64, i64); 4] {
    std::array::from_fn(|band| (band as i64, (hash >> (16 * band) & 0xFFFF) as i64))
}

pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Azerbaijani forces shelled several towns inside Armenia early on Tuesday, \
        the Armenian defence ministry said, killing at least 49 soldiers in the worst fighting \
        between the two neighbours since a war in 2020. Azerbaijan said it was responding to \
        provocations by Armenian forces and that it had lost 50 of its own troops. Russia, which \
        has peacekeepers in the region, said it had brokered a ceasefire that was not holding.";

    #[test]
    fn a_republished_copy_is_near_and_another_story_is_far() {
        let a = simhash(STORY).unwrap();
        let copy = simhash(&format!("{STORY} Reporting by the Yerevan newsroom.")).unwrap();
        let other = simhash(
            "The Philippine Department of Agriculture started slaughtering roughly 6,500 hogs at a \
             farm in Pandi, Bulacan on Sunday after three farm workers became infected with Reston \
             ebolavirus, as a precaution against the spread of the virus to other farms nearby and \
             to the people who work on them every day of the week.",
        )
        .unwrap();
        assert!(distance(a, copy) <= MAX_DISTANCE, "copy differs by {}", distance(a, copy));
        assert!(distance(a, other) > 10, "other differs by {}", distance(a, other));
    }

    #[test]
    fn short_texts_have_no_fingerprint() {
        assert_eq!(simhash("Breaking: fighting reported."), None);
        assert_eq!(simhash(""), None);
    }
}

//! Feature hashing shared by the statistical models (NER, tagger, parser): every feature is a
//! 64-bit hash of (template, value), and a model keeps one weight row per hash bucket, so there
//! is no feature dictionary to store or look up.
//!
//! Written here (FNV-1a and a splitmix64 finish) rather than taken from a crate because the
//! shipped weights depend on it bit for bit: it must never change with a crate upgrade.

pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
pub fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(FNV_PRIME)
}

#[inline]
pub fn fnv_char(mut h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h = fnv_byte(h, b);
    }
    h
}

/// Combines two hashes (or a template number and a hash) into one well-mixed hash.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b.rotate_left(23);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The weight row of a feature hash in a table of `2^bits` rows.
#[inline]
pub fn bucket(hash: u64, bits: u32) -> usize {
    (hash >> (64 - bits)) as usize
}

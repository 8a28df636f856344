//! Reading a number at a word: digits ("49", "6,500", "2.5 million") or words ("three",
//! "twenty-five", "a dozen", "hundreds").

/// A number read from words `[first, last]` of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: u64,
    /// Vague plurals ("dozens", "hundreds") are estimates: their qualifier is `about`.
    pub vague: bool,
    pub last: usize,
}

fn unit(word: &str) -> Option<u64> {
    Some(match word {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens(word: &str) -> Option<u64> {
    Some(match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn multiplier(word: &str) -> Option<u64> {
    Some(match word {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        _ => return None,
    })
}

/// The value chosen for a vague plural: the smallest round reading of it ("dozens" are at
/// least two dozen), always with qualifier `about`.
fn vague(word: &str) -> Option<u64> {
    Some(match word {
        "dozens" => 24,
        "scores" => 40,
        "hundreds" => 200,
        "thousands" => 2_000,
        "millions" => 2_000_000,
        _ => return None,
    })
}

/// "6,500" → 6500, "2.5" → 2.5; None for anything else ("2-1", "1.2.3").
fn digits(word: &str) -> Option<f64> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) || word.len() > 15 {
        return None;
    }
    let mut int = String::new();
    let mut parts = word.split('.');
    let whole = parts.next()?;
    let groups: Vec<&str> = whole.split(',').collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    for g in &groups {
        if !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        int.push_str(g);
    }
    let frac = parts.next();
    if parts.next().is_some() {
        return None;
    }
    match frac {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{int}.{f}").parse().ok()
        }
        Some(_) => None,
        None => int.parse().ok(),
    }
}

/// Whether `word` is written with digits.
pub fn is_digits(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
}

/// The number starting at word `i` of `words` (lower-cased words; `hyphen(k)` tells whether
/// words `k` and `k + 1` are joined by a hyphen). "tens of thousands" reads as 20,000.
pub fn read(words: &[String], i: usize, hyphen: impl Fn(usize) -> bool) -> Option<Number> {
    let w = words[i].as_str();
    let next = |k: usize| words.get(k).map(String::as_str);
    if let Some(v) = vague(w) {
        // "hundreds of thousands".
        if next(i + 1) == Some("of")
            && let Some(m) = next(i + 2).and_then(|n| multiplier(n.strip_suffix('s')?))
        {
            return Some(Number {
                value: v * m,
                vague: true,
                last: i + 2,
            });
        }
        return Some(Number {
            value: v,
            vague: true,
            last: i,
        });
    }
    if w == "tens"
        && next(i + 1) == Some("of")
        && let Some(m) = next(i + 2).and_then(|n| multiplier(n.strip_suffix('s')?))
    {
        return Some(Number {
            value: m * 20,
            vague: true,
            last: i + 2,
        });
    }
    let (mut value, mut last) = if let Some(d) = digits(w) {
        (d, i)
    } else if w == "dozen" || (w == "a" && next(i + 1) == Some("dozen")) {
        let last = if w == "a" { i + 1 } else { i };
        return Some(Number {
            value: 12,
            vague: false,
            last,
        });
    } else if w == "a" && next(i + 1).and_then(multiplier).is_some_and(|m| m <= 1000) {
        (1.0, i)
    } else if let Some(t) = tens(w) {
        match next(i + 1).and_then(unit) {
            Some(u) if u < 10 && hyphen(i) => (t as f64 + u as f64, i + 1),
            _ => (t as f64, i),
        }
    } else if let Some(u) = unit(w) {
        (u as f64, i)
    } else {
        return None;
    };
    // "2.5 million", "three hundred", "two thousand five hundred" (one level is enough).
    while let Some(m) = next(last + 1).and_then(multiplier) {
        value *= m as f64;
        last += 1;
    }
    if !(0.0..1e15).contains(&value) || value.fract() != 0.0 {
        return None;
    }
    Some(Number {
        value: value as u64,
        vague: false,
        last,
    })
}

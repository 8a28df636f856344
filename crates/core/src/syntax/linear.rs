//! A linear classifier over hashed features: one row of class weights per hash bucket. The
//! shipped form holds i16 weights; training keeps i32 weights and their running sum for the
//! averaged perceptron (Collins 2002; the averaging trick of Daumé 2006).

use crate::text::hash::bucket;

/// Shipped weights: `2^bits` rows of `classes` i16.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Linear {
    pub bits: u32,
    pub classes: usize,
    pub weights: Vec<i16>,
}

impl Linear {
    /// Adds the rows of `features` into `scores` (one score per class).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        scores.fill(0);
        for &f in features {
            let row = bucket(f, self.bits) * self.classes;
            for (s, &w) in scores
                .iter_mut()
                .zip(&self.weights[row..row + self.classes])
            {
                *s += w as i32;
            }
        }
    }
}

/// Weights being learnt.
pub(crate) struct Averaged {
    bits: u32,
    classes: usize,
    w: Vec<i32>,
    /// Sum of step × update: the average is w − u / steps.
    u: Vec<i64>,
    step: i64,
}

impl Averaged {
    pub fn new(bits: u32, classes: usize) -> Averaged {
        let n = (1usize << bits) * classes;
        Averaged {
            bits,
            classes,
            w: vec![0; n],
            u: vec![0; n],
            step: 1,
        }
    }

    pub fn row(&self, feature: u64) -> usize {
        bucket(feature, self.bits) * self.classes
    }

    /// Scores with the current (not averaged) weights; `rows` from [`Averaged::row`].
    pub fn score(&self, rows: &[usize], scores: &mut [i32]) {
        scores.fill(0);
        for &row in rows {
            for (s, &w) in scores.iter_mut().zip(&self.w[row..row + self.classes]) {
                *s += w;
            }
        }
    }

    /// Moves the weights toward `good` and away from `bad`.
    pub fn update(&mut self, rows: &[usize], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        for &row in rows {
            self.w[row + good] += 1;
            self.u[row + good] += self.step;
            self.w[row + bad] -= 1;
            self.u[row + bad] -= self.step;
        }
    }

    /// One more example seen (whether or not it caused an update).
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// The averaged weights, quantised to i16 with one scale for the whole table.
    pub fn averaged(&self) -> Linear {
        let c = self.step as f64;
        let avg = |(&w, &u): (&i32, &i64)| w as f64 - u as f64 / c;
        let max = self
            .w
            .iter()
            .zip(&self.u)
            .map(|p| avg(p).abs())
            .fold(1e-9, f64::max);
        let scale = 32767.0 / max;
        Linear {
            bits: self.bits,
            classes: self.classes,
            weights: self
                .w
                .iter()
                .zip(&self.u)
                .map(|p| (avg(p) * scale).round() as i16)
                .collect(),
        }
    }
}

/// The highest-scoring class among those `allowed`, lowest index on ties.
#[inline]
pub(crate) fn best(scores: &[i32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut out: Option<usize> = None;
    for (k, &s) in scores.iter().enumerate() {
        if allowed(k) && out.is_none_or(|b| s > scores[b]) {
            out = Some(k);
        }
    }
    out
}

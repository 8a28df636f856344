//! Events: who did what to whom, coded in CAMEO and PLOVER.

pub mod cameo;

//! Rebuilds shipped models from their public sources, deterministically: the same source
//! gives the same bytes.

use anyhow::Context;
use std::path::Path;

/// Writes the English word model for glued-word repair from wordfreq's list.
pub fn word_model(from: &Path, output: &Path) -> anyhow::Result<String> {
    let source = from.join("wordfreq_large_en.tsv");
    let tsv = std::fs::read_to_string(&source).with_context(|| {
        format!(
            "reading {} (is the word-frequencies folder there?)",
            source.display()
        )
    })?;
    let model = sitrep_core::lang::en::build_word_model(&tsv);
    std::fs::write(output, &model).with_context(|| format!("writing {}", output.display()))?;
    Ok(format!(
        "wrote {} ({} bytes, blake3 {})",
        output.display(),
        model.len(),
        &blake3::hash(&model).to_hex()[..16]
    ))
}

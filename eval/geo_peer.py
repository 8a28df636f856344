"""Peer for `eval geo`: geotext 0.4.0 (PyPI; finds city and country names with GeoNames'
cities15000 list) on the same corpora, written as predictions for the Rust scorer.

geotext gives names, not spans or points: each name is placed at its next occurrence in the
text, cities get the point of the most populous same-named town in geotext's own cities15000
file, countries the point of sitrep's gazetteer (geotext has no country coordinates).

    python3 -m venv eval/.venv && eval/.venv/bin/pip install geotext==0.4.0
    eval/.venv/bin/python eval/geo_peer.py ../shared/data/geoparsing > /tmp/geotext.tsv
    (then score with --predictions /tmp/geotext.tsv)
"""
import gzip
import os
import sys
import xml.etree.ElementTree as ET

import geotext
from geotext import GeoText

CORPORA = [("LGL", "lgl.xml"), ("TR-News", "TR-News.xml"), ("GeoVirus", "GeoVirus.xml")]
HERE = os.path.dirname(os.path.abspath(__file__))


def city_points():
    path = os.path.join(os.path.dirname(geotext.__file__), "data", "cities15000.txt")
    best = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 15:
                continue
            pop = int(c[14] or 0)
            for name in (c[1], c[2]):
                k = name.lower()
                if k not in best or best[k][0] < pop:
                    best[k] = (pop, float(c[4]), float(c[5]))
    return {k: (v[1], v[2]) for k, v in best.items()}


def country_points():
    path = os.path.join(HERE, "..", "data", "gazetteer", "places.tsv.gz")
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 11 or c[1] != "country":
                continue
            for k in c[10].split("|") + [c[8].lower()]:
                out.setdefault(k, (float(c[5]), float(c[6])))
    return out


def main(data_dir):
    cities, countries = city_points(), country_points()
    print("# corpus\tarticle\tstart\tend\tlat\tlon  (geotext 0.4.0)")
    for corpus, file in CORPORA:
        root = ET.parse(os.path.join(data_dir, "Corpora", file)).getroot()
        for i, article in enumerate(root.iter("article")):
            text = article.findtext("text") or ""
            found = GeoText(text)
            cursor = {}
            names = [(n, cities.get(n.lower())) for n in found.cities]
            names += [(n, countries.get(n.lower())) for n in found.countries]
            for name, point in names:
                at = text.find(name, cursor.get(name, 0))
                if at < 0:
                    continue
                cursor[name] = at + len(name)
                lat, lon = point if point else ("", "")
                print(f"{corpus}\t{i}\t{at}\t{at + len(name)}\t{lat}\t{lon}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geoparsing")

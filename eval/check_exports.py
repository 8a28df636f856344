#!/usr/bin/env python3
"""Loads sitrep's exports with the readers their users use (pandas, pyarrow) and checks what
the README promises of each: GDELT events under GDELT's official 61 column names, the GKG's
V2Tone, ACLED's 31 columns in ACLED's order, Parquet's typed columns.

Usage: check_exports.py DIR, where DIR holds events.export.CSV, articles.gkg.csv, acled.csv
and events.parquet (as `.ci/run` writes them). Prints one line per check and exits 1 if any
fails. Run in a venv with pandas and pyarrow (never a run-time dependency of sitrep).
"""

import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
         "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_EVENT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in ACTOR] + [f"Actor2{c}" for c in ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in GEO] + [f"Actor2Geo_{c}" for c in GEO] + [f"ActionGeo_{c}" for c in GEO]
    + ["DATEADDED", "SOURCEURL"]
)
GKG_COLUMNS = ["GKGRECORDID", "DATE", "SourceCollectionIdentifier", "SourceCommonName",
               "DocumentIdentifier", "Counts", "V2Counts", "Themes", "V2Themes", "Locations",
               "V2Locations", "Persons", "V2Persons", "Organizations", "V2Organizations", "V2Tone",
               "Dates", "GCAM", "SharingImage", "RelatedImages", "SocialImageEmbeds",
               "SocialVideoEmbeds", "Quotations", "AllNames", "Amounts", "TranslationInfo", "Extras"]
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                 "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
                 "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
                 "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
                 "timestamp"]

failures = 0


def check(ok, what, detail=""):
    global failures
    print(f"{'ok  ' if ok else 'FAIL'} {what}{': ' + str(detail) if detail != '' else ''}")
    if not ok:
        failures += 1


def empty(series):
    return series.isna() | (series.astype(str).str.strip() == "")


def gdelt_events(path):
    df = pd.read_csv(path, sep="\t", header=None, names=GDELT_EVENT_COLUMNS, dtype=str,
                     keep_default_na=False, quoting=3)
    check(len(df.columns) == 61 and len(df) > 0, "GDELT events load with the official 61 names",
          f"{len(df)} rows")
    dated = ~empty(df["Year"])
    check((~empty(df.loc[dated, "SQLDATE"])).all(), "every dated event has its SQLDATE",
          f"{dated.sum()} dated")
    check(pd.to_datetime(df.loc[dated, "SQLDATE"], format="%Y%m%d", errors="coerce").notna().all(),
          "SQLDATE parses as YYYYMMDD")
    # Cities and first-level regions from GeoNames (a numeric FeatureID); informal regions
    # sitrep's own list adds ("Nagorno-Karabakh") lie in no one division.
    regional = df["ActionGeo_Type"].isin(["2", "3", "4", "5"]) & df["ActionGeo_FeatureID"].str.fullmatch(r"\d+")
    missing = regional & empty(df["ActionGeo_ADM1Code"])
    check(not missing.any(), "ActionGeo_ADM1Code set for every event placed in a region or city",
          f"{regional.sum()} placed, {missing.sum()} without: "
          f"{df.loc[missing, 'ActionGeo_FullName'].head(5).tolist()}")
    for n in ("1", "2"):
        with_country = ~empty(df[f"Actor{n}CountryCode"])
        no_geo = with_country & df[f"Actor{n}Geo_Type"].isin(["", "0"])
        check(not no_geo.any(), f"Actor{n} geography set for every actor with a country",
              f"{with_country.sum()} with a country, {no_geo.sum()} without geography: "
              f"{df.loc[no_geo, f'Actor{n}CountryCode'].head(5).tolist()}")
    tone = pd.to_numeric(df["AvgTone"], errors="coerce")
    check(tone.notna().all(), "AvgTone set", f"mean {tone.mean():.3f}")
    check(df["IsRootEvent"].isin(["0", "1"]).all(), "IsRootEvent is 0 or 1",
          f"{(df['IsRootEvent'] == '1').sum()} root events")
    check(not df["Actor1Code"].str.startswith("---").any() and not df["Actor2Code"].str.startswith("---").any(),
          "no role-only code written with GDELT's '---' placeholder")
    for column in ("QuadClass", "NumMentions", "NumSources", "NumArticles"):
        check(pd.to_numeric(df[column], errors="coerce").notna().all(), f"{column} numeric")


def gkg(path):
    df = pd.read_csv(path, sep="\t", header=None, names=GKG_COLUMNS, dtype=str,
                     keep_default_na=False, quoting=3)
    check(len(df.columns) == 27 and len(df) > 0, "GKG loads with 27 columns", f"{len(df)} rows")
    check(df["GKGRECORDID"].str.fullmatch(r"\d{14}-\d+").all(), "GKGRECORDID in YYYYMMDDHHMMSS-N form")
    check(df["GKGRECORDID"].is_unique, "GKGRECORDID unique")
    with_text = ~empty(df["V2Tone"])
    values = df.loc[with_text, "V2Tone"].str.split(",")
    seven = values.map(lambda v: len(v) == 7 and all(x.strip() != "" for x in v))
    check(with_text.any() and seven.all(), "V2Tone has its 7 values",
          f"{with_text.sum()} articles with text")
    numeric = values.map(lambda v: all(pd.notna(pd.to_numeric(x, errors="coerce")) for x in v))
    check(numeric.all(), "V2Tone values are numbers")


def acled(path):
    df = pd.read_csv(path, keep_default_na=False, dtype={"event_id_cnty": str})
    check(list(df.columns) == ACLED_COLUMNS, "ACLED's 31 column names in ACLED's order",
          f"{len(df.columns)} columns, {len(df)} rows")
    if len(df) == 0:
        return
    check(pd.api.types.is_integer_dtype(df["fatalities"]), "fatalities are integers (0 when none)",
          df["fatalities"].dtype)
    check(pd.to_datetime(df["event_date"], format="%Y-%m-%d", errors="coerce").notna().all(),
          "event_date parses")
    check(pd.api.types.is_integer_dtype(df["inter1"]) and pd.api.types.is_integer_dtype(df["interaction"]),
          "inter1 and interaction are integer codes")
    coded = df["actor1"].astype(str).str.fullmatch(r"[A-Z-]{3,}")
    check(not coded.any(), "actor names, not CAMEO codes", df.loc[coded, "actor1"].head(5).tolist())
    known = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
             "Strategic developments"}
    check(set(df["event_type"]) <= known, "only ACLED's event types", sorted(set(df["event_type"]) - known))


def parquet(path):
    table = pq.read_table(path)
    schema = table.schema
    check(pa.types.is_date(schema.field("date").type), "Parquet date column is a date type",
          schema.field("date").type)
    check(pa.types.is_integer(schema.field("fatalities").type), "fatalities is an integer type",
          schema.field("fatalities").type)
    check(pa.types.is_list(schema.field("articles").type), "articles is a list")
    frame = pd.read_parquet(path)
    check(len(frame) > 0, "Parquet loads in pandas", f"{len(frame)} rows")
    check(pd.api.types.is_integer_dtype(frame["fatalities"]), "pandas reads fatalities as integers",
          frame["fatalities"].dtype)
    precisions = set(frame["date_precision"].dropna())
    check(precisions <= {"day", "month", "year"}, "date_precision is day, month or year", sorted(precisions))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    gdelt_events(folder / "events.export.CSV")
    gkg(folder / "articles.gkg.csv")
    acled(folder / "acled.csv")
    parquet(folder / "events.parquet")
    print(f"{failures} check(s) failed" if failures else "all export checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

//! Builds `officeholders.tsv.gz`: people who held public office, with the CAMEO code of each
//! term, from Wikidata's officeholder extracts and REIGN's leader list (see
//! `data/actors/README.md`).
//!
//! A term's code is the post's country (or international body) with the role its title names
//! ("Prime Minister of Armenia" → `ARMGOV`, "Minister of Defence" → `GOVMIL`, a judge → `JUD`);
//! every post in the table is a public office, so a title the agents table does not know is
//! `GOV`. REIGN names leaders by surname and countries by Correlates of War abbreviations, so
//! its terms only extend people the officeholder table already knows by full name, in countries
//! whose abbreviation its own rows tie to an ISO code (see [`reign_countries`]).

use super::codes::{DatedCode, name_key};
use std::collections::{BTreeMap, BTreeSet};

/// One person's row of the shipped table: the display name and every term's dated code.
pub struct Holder {
    pub label: String,
    pub codes: Vec<DatedCode>,
}

/// What the build kept and left out, for its summary line.
#[derive(Default)]
pub struct HolderCounts {
    pub terms: usize,
    pub terms_without_code: usize,
    pub shared_names: usize,
    pub reign_countries: usize,
    pub reign_terms: usize,
    pub reign_attached: usize,
}

/// Reads `officeholders.tsv` and `reign-leaderlist.csv`; `code_of_post(iso3, position)` gives
/// a term's code. Returns the people by name key; a key two different people share is left out
/// (counted), since a name alone cannot tell them apart.
pub fn read_holders(
    officeholders: &str,
    reign: &str,
    code_of_post: impl Fn(&str, &str) -> Option<String>,
) -> (BTreeMap<String, Holder>, HolderCounts) {
    let mut counts = HolderCounts::default();
    // By Wikidata item: one person, however many terms.
    let mut people: BTreeMap<&str, Holder> = BTreeMap::new();
    let mut starts: Vec<Start> = Vec::new();
    for line in officeholders.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let [iso3, position, _, person, qid, start, end, ..] = f[..] else {
            continue;
        };
        if person.trim().is_empty() {
            continue;
        }
        counts.terms += 1;
        let Some(code) = code_of_post(iso3, position) else {
            counts.terms_without_code += 1;
            continue;
        };
        let from = bound(start, false);
        if let Some(day) = from.filter(|_| start.len() == 10) {
            starts.push(Start {
                surname: surname(person),
                day,
                iso3: code[..3].to_string(),
            });
        }
        let holder = people.entry(qid).or_insert_with(|| Holder {
            label: person.trim().to_string(),
            codes: Vec::new(),
        });
        holder.codes.push(DatedCode {
            code: code.into(),
            from,
            until: bound(end, true),
            dated: true,
        });
    }

    let countries = reign_countries(reign, &starts);
    counts.reign_countries = countries.len();
    let mut by_surname: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (qid, holder) in &people {
        by_surname
            .entry(surname(&holder.label))
            .or_default()
            .push(qid);
    }
    for row in reign_rows(reign) {
        counts.reign_terms += 1;
        let Some(iso3) = countries.get(row.state) else {
            continue;
        };
        let same: Vec<&str> = by_surname
            .get(&row.surname)
            .into_iter()
            .flatten()
            .copied()
            .filter(|qid| {
                people[qid]
                    .codes
                    .iter()
                    .any(|c| c.code.starts_with(iso3.as_str()))
            })
            .collect();
        if let [qid] = same[..] {
            let holder = people.get_mut(qid).expect("indexed above");
            holder.codes.push(DatedCode {
                code: format!("{iso3}GOV").into(),
                from: Some(row.from),
                until: row.until,
                dated: true,
            });
            counts.reign_attached += 1;
        }
    }

    let mut by_key: BTreeMap<String, Vec<Holder>> = BTreeMap::new();
    for mut holder in people.into_values() {
        holder
            .codes
            .sort_by(|a, b| (a.from, a.until, &a.code).cmp(&(b.from, b.until, &b.code)));
        holder.codes.dedup();
        by_key
            .entry(name_key(&holder.label))
            .or_default()
            .push(holder);
    }
    let holders = by_key
        .into_iter()
        .filter_map(|(key, mut same)| match same.len() {
            1 => same.pop().map(|h| (key, h)),
            _ => {
                counts.shared_names += 1;
                None
            }
        })
        .collect();
    (holders, counts)
}

/// A term's bound as YYYYMMDD from `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: a partial date starts on
/// its first day and ends on its last (a month's last day is taken as 31: bounds are only
/// compared, never printed as dates).
fn bound(date: &str, end: bool) -> Option<u32> {
    let mut parts = date.trim().split('-').map(|p| p.parse::<u32>().ok());
    let year = parts.next()??;
    let (month, day) = match (parts.next().flatten(), parts.next().flatten()) {
        (Some(m), Some(d)) => (m, d),
        (Some(m), None) => (m, if end { 31 } else { 1 }),
        _ => (if end { 12 } else { 1 }, if end { 31 } else { 1 }),
    };
    Some(year * 10_000 + month * 100 + day)
}

/// The last word of a name's key: what REIGN records of a leader.
fn surname(name: &str) -> String {
    name_key(name)
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// An officeholder term's exact start, for tying REIGN's country abbreviations to ISO codes.
struct Start {
    surname: String,
    day: u32,
    iso3: String,
}

struct ReignRow<'r> {
    state: &'r str,
    surname: String,
    from: u32,
    until: Option<u32>,
}

/// REIGN's rows with a full start date; the end has a month and year only.
fn reign_rows(csv: &str) -> impl Iterator<Item = ReignRow<'_>> {
    csv.lines().skip(1).filter_map(|line| {
        let f: Vec<&str> = line.split(',').collect();
        let num = |i: usize| f.get(i).and_then(|v| v.trim().parse::<u32>().ok());
        let (day, month, year) = (num(4)?, num(5)?, num(6)?);
        Some(ReignRow {
            state: f[0],
            surname: surname(f.get(3)?),
            from: year * 10_000 + month * 100 + day,
            until: num(8).map(|y| y * 10_000 + num(7).unwrap_or(12) * 100 + 31),
        })
    })
}

/// REIGN's Correlates of War abbreviations (`UKG`, `GMY`, `AUL`) tied to ISO codes by the
/// officeholder table itself: a REIGN term and an officeholder term of the same surname that
/// began within a month of each other vote for that pairing. An abbreviation is kept when two
/// or more votes agree and no other country gets half as many; a single coincidence is not
/// evidence. (No abbreviation table is among the sources, and guessing from the letters fails:
/// `AUS` is Austria in COW and Australia in ISO.)
fn reign_countries(reign: &str, starts: &[Start]) -> BTreeMap<String, String> {
    let mut by_surname: BTreeMap<&str, Vec<&Start>> = BTreeMap::new();
    for s in starts {
        by_surname.entry(&s.surname).or_default().push(s);
    }
    let mut votes: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for row in reign_rows(reign) {
        let mut seen = BTreeSet::new();
        for s in by_surname.get(row.surname.as_str()).into_iter().flatten() {
            if approximate_days(s.day).abs_diff(approximate_days(row.from)) <= 31
                && seen.insert(&s.iso3)
            {
                *votes
                    .entry(row.state)
                    .or_default()
                    .entry(&s.iso3)
                    .or_default() += 1;
            }
        }
    }
    votes
        .into_iter()
        .filter_map(|(state, by_iso)| {
            let mut ranked: Vec<(usize, &str)> = by_iso.into_iter().map(|(i, n)| (n, i)).collect();
            ranked.sort_unstable_by(|a, b| b.cmp(a));
            let (best, iso3) = ranked[0];
            let runner_up = ranked.get(1).map_or(0, |r| r.0);
            (best >= 2 && runner_up * 2 < best).then(|| (state.to_string(), iso3.to_string()))
        })
        .collect()
}

/// Days since year 0 with every month 31 days long: monotone, and within three days of the
/// true difference over a month, which is all the vote needs.
fn approximate_days(yyyymmdd: u32) -> u32 {
    let (y, m, d) = (yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    y * 372 + m * 31 + d
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOLDERS: &str =
        "country_iso3\tposition\tposition_qid\tperson\tperson_qid\tstart\tend\tsource_repo
ARM\tPrime Minister\tQ1\tNikol Pashinyan\tQ10\t2018-05-08\t2021-04-25\tx
ARM\tPrime Minister\tQ1\tNikol Pashinyan\tQ10\t2021-06-20\t\tx
ARM\tPrime Minister\tQ1\tKaren Karapetyan\tQ11\t2016-09-13\t2018-04-17\tx
ARM\tPresident\tQ2\tSerzh Sargsyan\tQ12\t2008-04-09\t2018-04-09\tx
USA\tSecretary of State\tQ3\tJohn Smith\tQ20\t2001\t2002\tx
GBR\tMinister of Health\tQ4\tJohn Smith\tQ21\t2010-05\t\tx
";
    const REIGN: &str = "stateabb,ccode,leadid,leader,sdate,smonth,syear,emonth,eyear
ARM,371,a,Pashinyan,8,5,2018,,
ARM,371,b,Sargsyan,9,4,2008,4,2018
ARM,371,c,Kocharian,4,3,1998,4,2008
";

    fn post(iso3: &str, position: &str) -> Option<String> {
        let role = if position.contains("Health") {
            "GOVHLH"
        } else {
            "GOV"
        };
        Some(format!("{iso3}{role}"))
    }

    #[test]
    fn terms_become_dated_codes_and_shared_names_are_left_out() {
        let (holders, counts) = read_holders(HOLDERS, REIGN, post);
        let pashinyan = &holders["nikol pashinyan"];
        assert_eq!(pashinyan.label, "Nikol Pashinyan");
        let encoded: Vec<String> = pashinyan.codes.iter().map(DatedCode::encode).collect();
        // The REIGN term (same start as the first Wikidata term) joins him.
        assert_eq!(
            encoded,
            [
                "ARMGOV/20180508/",
                "ARMGOV/20180508/20210425",
                "ARMGOV/20210620/"
            ]
        );
        assert!(!holders.contains_key("john smith"), "two people, one name");
        assert_eq!(counts.shared_names, 1);
        assert_eq!(counts.reign_countries, 1, "ARM tied by two starts");
        assert_eq!(
            counts.reign_attached, 2,
            "Kocharian is unknown by full name"
        );
    }

    #[test]
    fn partial_dates_span_their_period() {
        assert_eq!(bound("2010-05", false), Some(20100501));
        assert_eq!(bound("2010-05", true), Some(20100531));
        assert_eq!(bound("2001", true), Some(20011231));
        assert_eq!(bound("", true), None);
    }
}

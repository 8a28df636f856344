//! Readers for the PETRARCH actor and agent dictionaries (Phoenix set, openeventdata, MIT).
//!
//! Hand-written: no crate reads this format. Actor files are blocks: a root name, `+` synonyms,
//! then codes (`[AZEGOV 030804-031104]`, `[USAGOV >090120]`, `[USRARM <900823]`, `[AZEELI]`)
//! inline or on indented lines; `#` starts a comment. Names join words with `_`.

use super::codes::{DatedCode, is_code, name_key};

/// One actor block: every name it answers to (as keys) and its codes.
#[derive(Debug, Default)]
pub struct ActorBlock {
    pub names: Vec<String>,
    pub codes: Vec<DatedCode>,
}

pub fn read_actors(text: &str) -> Vec<ActorBlock> {
    let mut blocks = Vec::new();
    let mut current = ActorBlock::default();
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("");
        if line.trim().is_empty() || line.starts_with('<') {
            continue;
        }
        let (name_part, codes_part) = match line.find('[') {
            Some(i) => (&line[..i], &line[i..]),
            None => (line, ""),
        };
        let indented = line.starts_with(char::is_whitespace) || line.starts_with('[');
        if !indented {
            let synonym = name_part.starts_with('+');
            // A root line after codes opens a new block; a root without codes of its own
            // (`U.N._` before a blank line) joins the next block, as PETRARCH reads it.
            if !synonym && !current.codes.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            let key = name_key(name_part.trim_start_matches('+'));
            if !key.is_empty() {
                current.names.push(key);
            }
        }
        current.codes.extend(read_codes(codes_part));
    }
    if !current.codes.is_empty() {
        blocks.push(current);
    }
    blocks.retain(|b| !b.names.is_empty());
    blocks
}

fn read_codes(s: &str) -> impl Iterator<Item = DatedCode> + '_ {
    s.split('[')
        .filter_map(|part| part.split(']').next())
        .filter_map(read_code)
}

fn read_code(inner: &str) -> Option<DatedCode> {
    let inner = inner.trim();
    let (code, dates) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    if !is_code(code) {
        return None;
    }
    let dates: String = dates.chars().filter(|c| !c.is_whitespace()).collect();
    let code = code.to_string();
    if dates.is_empty() {
        return Some(DatedCode {
            code: code.into(),
            from: None,
            until: None,
            dated: false,
        });
    }
    let (from, until) = if let Some(d) = dates.strip_prefix('>') {
        (Some(read_date(d)?), None)
    } else if let Some(d) = dates.strip_prefix('<') {
        (None, Some(read_date(d)?))
    } else if let Some((a, b)) = dates.split_once('-') {
        (Some(read_date(a)?), Some(read_date(b)?))
    } else {
        (Some(read_date(&dates)?), None)
    };
    Some(DatedCode {
        code: code.into(),
        from,
        until,
        dated: true,
    })
}

/// `YYMMDD` (years 00–29 are 20xx: the files end in 2014 and start before 1930 only in
/// 8-digit form) or `YYYYMMDD`. Malformed dates (7 or 10 digits, typos) drop the code.
fn read_date(d: &str) -> Option<u32> {
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = d.parse().ok()?;
    let full = match d.len() {
        6 if n / 10_000 < 30 => 20_000_000 + n,
        6 => 19_000_000 + n,
        8 => n,
        _ => return None,
    };
    let (month, day) = (full / 100 % 100, full % 100);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(full)
}

/// Agent (role) entries: every phrase form with its role code (`minister of defense` → `GOVMIL`).
/// Macros (`!MINIST! = MINISTER, MINISTRY, …`) are expanded, `{…}` lists plurals (`{}`: none),
/// otherwise a regular plural is added; codes must be of the `[~ROLE]` kind (those placing the
/// agent before the country, `[IGO~]`, are left out).
pub fn read_agents(text: &str) -> Vec<(String, String)> {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!')
            && let Some((name, values)) = line.split_once('=')
            && !line.contains('[')
        {
            let values = values
                .split(',')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            macros.push((name.trim().to_string(), values));
            continue;
        }
        let Some(open) = line.find('[') else { continue };
        let Some(role) = line[open + 1..]
            .split(']')
            .next()
            .and_then(|c| c.trim().strip_prefix('~'))
        else {
            continue;
        };
        if !is_code(role) {
            continue;
        }
        let head = &line[..open];
        let (phrase, plurals) = match head.find('{') {
            Some(i) => (
                &head[..i],
                Some(head[i + 1..].split('}').next().unwrap_or("")),
            ),
            None => (head, None),
        };
        let mut forms = expand(phrase.trim(), &macros);
        let expanded = forms.len() > 1;
        match plurals {
            Some(list) => forms.extend(
                list.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(String::from),
            ),
            None if !expanded => {
                let plural = forms.first().map(|f| plural_of(f.trim_end_matches('_')));
                forms.extend(plural);
            }
            None => {}
        }
        for form in forms {
            let key = name_key(&form);
            if !key.is_empty() {
                out.push((key, role.to_string()));
            }
        }
    }
    out
}

/// Expands the first macro in `phrase` (recursively for any further ones), and the TABARI stem
/// `MINIST` (minister/ministry) that survives in a few entries.
fn expand(phrase: &str, macros: &[(String, Vec<String>)]) -> Vec<String> {
    for (name, values) in macros {
        if let Some(i) = phrase.find(name.as_str()) {
            let (before, after) = (&phrase[..i], &phrase[i + name.len()..]);
            return values
                .iter()
                .flat_map(|v| expand(&format!("{before}{v}{after}"), macros))
                .collect();
        }
    }
    let stem_end = phrase.trim_end_matches('_');
    if stem_end.ends_with("MINIST") {
        return ["ER", "ERS", "RY", "RIES"]
            .iter()
            .map(|s| format!("{stem_end}{s}"))
            .collect();
    }
    vec![phrase.to_string()]
}

fn plural_of(phrase: &str) -> String {
    let lower = phrase.to_ascii_lowercase();
    if lower.ends_with(['s', 'x', 'z']) || lower.ends_with("ch") || lower.ends_with("sh") {
        format!("{phrase}ES")
    } else if lower.ends_with('y')
        && !lower.ends_with("ay")
        && !lower.ends_with("ey")
        && !lower.ends_with("oy")
    {
        format!("{}IES", &phrase[..phrase.len() - 1])
    } else {
        format!("{phrase}S")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "# header\nARMENIA_\n+ARMENIAN_ \n+YEREVAN_\n\t[USRARM <900823]\n\t[ARM >911221]\n\
        ILHAM_ALIYEV_  # CountryInfo.txt\n\t[AZEELI 780101-030804]\n\t[AZEGOV >031031]\n\t[AZEELI]\n\
        UN_ [IGOUNO]\nU.N._\n\nUN_SECRETARY_GENERAL\n+UNSG\n\t[IGOUNO]\nBAD_DATES_ [XYZGOV 9008223-911221]\n";

    #[test]
    fn actor_blocks_keep_synonyms_and_dates() {
        let blocks = read_actors(ACTORS);
        assert_eq!(blocks[0].names, ["armenia", "armenian", "yerevan"]);
        assert_eq!(blocks[0].codes[0].until, Some(19900823));
        assert_eq!(blocks[0].codes[1].from, Some(19911221));
        assert_eq!(blocks[1].names, ["ilham aliyev"]);
        assert_eq!(blocks[1].codes.len(), 3);
        assert_eq!(blocks[1].codes[0].from, Some(19780101));
        assert_eq!(blocks[1].codes[0].until, Some(20030804));
        assert_eq!(blocks[2].names, ["un"]);
        assert_eq!(blocks[3].names, ["u.n.", "un secretary general", "unsg"]);
        assert_eq!(
            blocks.len(),
            4,
            "a block whose only code is malformed is dropped"
        );
    }

    #[test]
    fn agents_expand_macros_and_plurals() {
        let agents = read_agents(
            "!MINIST! = MINISTER, MINISTRY\n!PERSON! = MAN, MEN\nSOLDIER [~MIL]\nPOLICE {} [~COP]\n\
             !MINIST! OF_DEFENSE [~GOVMIL]\nSPOKES!PERSON!  [~MED]\nDEFENSE_MINIST [~GOVMIL]\nPEACEKEEPERS [IGO~]\n",
        );
        let has = |k: &str, v: &str| agents.iter().any(|(a, b)| a == k && b == v);
        assert!(has("soldier", "MIL") && has("soldiers", "MIL"));
        assert!(has("police", "COP") && !agents.iter().any(|(a, _)| a == "polices"));
        assert!(has("minister of defense", "GOVMIL") && has("ministry of defense", "GOVMIL"));
        assert!(has("spokesmen", "MED"));
        assert!(has("defense ministry", "GOVMIL") && has("defense ministries", "GOVMIL"));
        assert!(!agents.iter().any(|(a, _)| a.starts_with("peacekeeper")));
    }
}

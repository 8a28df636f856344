//! ACLED's view of an actor: its name in ACLED's style and its "inter" code.
//!
//! ACLED names state actors generically ("Military Forces of Azerbaijan", "Police Forces of
//! India", "Government of Chad") and unnamed people by their country ("Civilians (Armenia)",
//! "Protesters (Japan)"); named organizations and persons keep their names. Its inter codes
//! (ACLED codebook): 1 state forces, 2 rebel groups, 3 political militias, 4 identity
//! militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces; 0 when there is no
//! second actor.

use crate::model::Actor;

/// ACLED inter codes.
pub const STATE_FORCES: u8 = 1;
pub const REBELS: u8 = 2;
pub const POLITICAL_MILITIA: u8 = 3;
pub const RIOTERS: u8 = 5;
pub const PROTESTERS: u8 = 6;
pub const CIVILIANS: u8 = 7;
pub const EXTERNAL: u8 = 8;

/// The CAMEO role of an actor code: the three letters after the country ("AZEMIL" → "MIL"),
/// the code's start for international codes ("IGOUNO" → "IGO").
fn roles(code: &str) -> Vec<&str> {
    (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..i + 3))
        .collect()
}

fn country_name(code: Option<&str>, actor: &Actor) -> Option<&'static str> {
    let iso3 = code
        .and_then(|c| c.get(..3))
        .filter(|c| *c != "---")
        .or(actor.country.as_deref())?;
    sitrep_core::actors::country_by_iso3(iso3).map(|c| c.name)
}

/// What an actor is to ACLED, given the kind of event (`event_type`) it takes part in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcledActor {
    pub name: String,
    pub inter: u8,
}

pub fn acled_actor(actor: &Actor, event_type: &str) -> AcledActor {
    let code = actor.code.as_deref();
    let roles = code.map(roles).unwrap_or_default();
    let has = |r: &str| roles.iter().skip(1).any(|x| *x == r) || roles.first() == Some(&r);
    let country = country_name(code, actor);
    let of = |what: &str| country.map(|c| format!("{what} of {c}"));
    let among = |what: &str| {
        Some(match country {
            Some(c) => format!("{what} ({c})"),
            None => what.to_string(),
        })
    };
    let is_state = code
        .is_some_and(|c| sitrep_core::actors::country_by_iso3(c.get(..3).unwrap_or("")).is_some());
    let named = || actor.name.trim().to_string();
    let (name, inter) = if has("REB") || has("INS") || has("SEP") {
        (Some(named()), REBELS)
    } else if has("UAF") {
        (among("Unidentified Armed Group"), POLITICAL_MILITIA)
    } else if has("IGO") || has("NGO") || has("MNC") {
        (Some(named()), EXTERNAL)
    } else if event_type == "Protests"
        && (has("CVL") || has("OPP") || has("LAB") || has("EDU") || roles.len() <= 1)
    {
        (among("Protesters"), PROTESTERS)
    } else if event_type == "Riots" && (has("CVL") || has("OPP") || roles.len() <= 1) {
        (among("Rioters"), RIOTERS)
    } else if has("CVL")
        || has("REF")
        || has("JRN")
        || has("MED")
        || has("HLH")
        || has("EDU")
        || has("BUS")
        || has("LAB")
    {
        (among("Civilians"), CIVILIANS)
    } else if has("COP") {
        (of("Police Forces"), STATE_FORCES)
    } else if has("GOV") || has("JUD") || has("LEG") {
        (of("Government"), STATE_FORCES)
    } else if has("MIL") || has("SPY") || (is_state && roles.len() == 1) {
        (of("Military Forces"), STATE_FORCES)
    } else if actor.kind.as_deref() == Some("person")
        || actor.kind.as_deref() == Some("organization")
    {
        (
            Some(named()),
            if is_state { STATE_FORCES } else { EXTERNAL },
        )
    } else {
        (Some(named()), EXTERNAL)
    };
    // A name is never a bare code: ACLED readers read names.
    let name = name
        .filter(|n| !n.is_empty() && Some(n.as_str()) != code)
        .or_else(|| country.map(str::to_string));
    AcledActor {
        name: name.unwrap_or_else(|| "Unidentified Actor".to_string()),
        inter,
    }
}

/// The perpetrator of an attack no report names.
pub fn unidentified_armed_group() -> AcledActor {
    AcledActor {
        name: "Unidentified Armed Group".to_string(),
        inter: POLITICAL_MILITIA,
    }
}

/// ACLED's interaction: the two inter codes as one two-digit number, lower first; one actor
/// alone is its code times ten.
pub fn interaction(inter1: u8, inter2: u8) -> u8 {
    match (inter1, inter2) {
        (a, 0) | (0, a) => a * 10,
        (a, b) => a.min(b) * 10 + a.max(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, code: &str, kind: &str) -> Actor {
        Actor {
            name: name.into(),
            code: Some(code.into()),
            country: None,
            kind: Some(kind.into()),
            place: None,
        }
    }

    #[test]
    fn names_and_inter_codes_as_acled_writes_them() {
        let v = "Explosions/Remote violence";
        let named = |a: Actor, t: &str| {
            let x = acled_actor(&a, t);
            (x.name, x.inter)
        };
        assert_eq!(
            named(actor("AZE", "AZE", "location"), v),
            ("Military Forces of Azerbaijan".into(), 1)
        );
        assert_eq!(
            named(actor("Azerbaijani troops", "AZEMIL", "group"), v),
            ("Military Forces of Azerbaijan".into(), 1)
        );
        assert_eq!(
            named(actor("INDCOP", "INDCOP", "organization"), v),
            ("Police Forces of India".into(), 1)
        );
        assert_eq!(
            named(actor("Armenian civilians", "ARMCVL", "group"), v),
            ("Civilians (Armenia)".into(), 7)
        );
        assert_eq!(
            named(actor("Taliban", "AFGINS", "organization"), "Battles"),
            ("Taliban".into(), 2)
        );
        assert_eq!(
            named(actor("Protesters", "JPNCVL", "group"), "Protests"),
            ("Protesters (Japan)".into(), 6)
        );
        assert_eq!(
            named(actor("United Nations", "IGOUNO", "organization"), v),
            ("United Nations".into(), 8)
        );
        let unknown = Actor {
            name: "---MIL".into(),
            code: Some("---MIL".into()),
            country: Some("ARM".into()),
            kind: None,
            place: None,
        };
        assert_eq!(named(unknown, v), ("Military Forces of Armenia".into(), 1));
        assert_eq!(interaction(1, 7), 17);
        assert_eq!(interaction(2, 1), 12);
        assert_eq!(interaction(6, 0), 60);
    }
}

//! Wire agencies under canonical names.

pub fn find(_text: &str) -> Vec<&'static str> {
    Vec::new()
}

pub fn canonical_order(found: Vec<&'static str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in found {
        if !out.iter().any(|o| o == a) {
            out.push(a.to_string());
        }
    }
    out
}

//! Language identification of the article body.

use crate::document::Document;
use crate::stage::Stage;

/// Sets `record.language` (ISO 639-1 where one exists, else 639-3).
pub struct Language;

impl Stage for Language {
    fn name(&self) -> &'static str {
        "language"
    }
    fn run(&self, doc: &mut Document) {
        doc.record.language = detect_language(&doc.record.text);
    }
}

/// Enough text for a trigram model to be sure; more only costs time.
const SAMPLE_BYTES: usize = 4096;

/// Uncapitalised words enough for the model to read them alone.
const MIN_RUNNING_WORDS: usize = 20;

/// The language of `text`, or `None` when there is too little text to tell.
pub fn detect_language(text: &str) -> Option<String> {
    let sample = &text[..text.floor_char_boundary(SAMPLE_BYTES)];
    sample.split_whitespace().nth(2)?;
    // whatlang is unreliable on a sentence or two; a high share of English function words is
    // then the better witness, and English is what most of our input is.
    if english_function_word_share(sample) >= 0.2 {
        return Some("en".to_string());
    }
    // Names are no evidence of the language they appear in (a results table of athletes read as
    // Indonesian): the model reads the words that are not capitalised, and a table or list with
    // too few of them to tell is left unknown.
    let words = uncapitalised_words(sample);
    let (running, all) = (
        words.split_whitespace().count(),
        sample.split_whitespace().count(),
    );
    if running * 4 < all {
        return None;
    }
    let sample = if running >= MIN_RUNNING_WORDS {
        &words
    } else {
        sample
    };
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && sample.len() < 200 {
        return None;
    }
    Some(iso639_1(info.lang()).map_or_else(|| info.lang().code().to_string(), str::to_string))
}

/// The words of `sample` that start with a letter other than a capital (lower case, or a script
/// without case), one space apart.
fn uncapitalised_words(sample: &str) -> String {
    let mut out = String::with_capacity(sample.len());
    for word in sample.split_whitespace().filter(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_uppercase())
    }) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn english_function_word_share(sample: &str) -> f64 {
    let mut total = 0usize;
    let mut hits = 0usize;
    for word in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        total += 1;
        if crate::lang::en::function_words()
            .iter()
            .any(|f| f.eq_ignore_ascii_case(word))
        {
            hits += 1;
        }
    }
    if total < 8 {
        0.0
    } else {
        hits as f64 / total as f64
    }
}

fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Fra => "fr",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Deu => "de",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Tur => "tr",
        Ara => "ar",
        Pes => "fa",
        Heb => "he",
        Hin => "hi",
        Urd => "ur",
        Ben => "bn",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Ces => "cs",
        Slk => "sk",
        Ron => "ro",
        Hun => "hu",
        Ell => "el",
        Bul => "bg",
        Srp => "sr",
        Hrv => "hr",
        Slv => "sl",
        Kat => "ka",
        Aze => "az",
        Cat => "ca",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Bel => "be",
        Afr => "af",
        Epo => "eo",
        Mkd => "mk",
        Lat => "la",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_and_others() {
        let en = "The UN Secretary-General asked for maximum containment after the latest clashes on the border between the two countries.";
        assert_eq!(detect_language(en).as_deref(), Some("en"));
        let es = "El secretario general de la ONU pidió este martes máxima contención a Armenia y Azerbaiyán tras los últimos choques armados en la frontera entre los dos países.";
        assert_eq!(detect_language(es).as_deref(), Some("es"));
        let pt = "O secretário-geral da ONU pediu nesta terça-feira contenção máxima à Armênia e ao Azerbaijão após os últimos confrontos armados na fronteira entre os dois países.";
        assert_eq!(detect_language(pt).as_deref(), Some("pt"));
    }

    #[test]
    fn names_do_not_decide_the_language() {
        let results = "Women 's 1,500 metres\n1. Svetlana Masterkova ( Russia ) four minutes 6.87 \
            seconds\n2. Patricia Djate-Taillard ( France ) 4:08.22\n3. Carla Sacramento ( Portugal ) \
            4:08.96\n4. Yekaterina Podkopayeva ( Russia ) 4:09.25\n5. Leah Pells ( Canada ) 4:09.95\n\
            6. Carmen Wuestenhagen ( Germany ) 4:10.00\nMen 's 110 metres hurdles\n1. Allen Johnson \
            ( U.S. ) 12.92 seconds\n2. Colin Jackson ( Britain ) 13.10\n3. Emilio Valle ( Cuba ) 13.52";
        // Too little running text to tell (the stages that need a language then try English).
        assert_eq!(detect_language(results), None);
        let prose = format!(
            "{results}\nThe meeting was held in the rain and most of the runners \
            said after the races that the track had been too slow for fast times this year."
        );
        assert_eq!(detect_language(&prose).as_deref(), Some("en"));
    }

    #[test]
    fn too_little_text_is_unknown() {
        assert_eq!(detect_language(""), None);
        assert_eq!(detect_language("Hello there"), None);
    }
}

use super::read;
use crate::analyze::category::Category;
use crate::analyze::matcher::Lexicon;
use crate::analyze::speech::Voice;
use crate::analyze::words::Words;

#[test]
fn reading_finds_neutral_words_and_rule_hits() {
    let lexicon = Lexicon::builtin();
    let text = "You're not an idiot. I will hurt you. Dick Cheney visited Scunthorpe.";
    let words = Words::of(text);
    let found = lexicon.find(text);
    let r = read(text, &words, &found, &lexicon);
    let idiot = text.find("idiot").unwrap();
    assert_eq!(r.voice_of(&(idiot..idiot + 5)), Some(Voice::Negated));
    let scun = text.find("Scunthorpe").unwrap();
    assert_eq!(r.voice_of(&(scun..scun + 10)), Some(Voice::Allowed));
    assert!(r
        .hits
        .iter()
        .any(|m| m.category == Category::THREAT && text[m.range()].contains("hurt you")));
}

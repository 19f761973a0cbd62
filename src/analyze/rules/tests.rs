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

thread_local! {
    /// Index look-ups made by `Reading::voice_of` (issue 27: work is
    /// counted, never timed).
    static LOOK_UPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

pub(super) fn count_look_up() {
    LOOK_UPS.with(|c| c.set(c.get() + 1));
}

#[test]
fn r27_voice_of_is_linear_in_the_text() {
    use crate::analyze::speech::Neutral;
    // A long comment: one range around all of it, one around each half,
    // and a short negated range every 40 bytes (the voice that ranks
    // first, so the long ones are tried only when it fails), with a
    // match inside each short range and one between each two.  Walking
    // back over the ranges that start before a match (the fix before this
    // one) still read every range under the long ones for each match.
    for n in [500usize, 4_000] {
        let len = 40 * n;
        let mut neutral = vec![
            Neutral {
                range: 0..len,
                voice: Voice::Literal,
            },
            Neutral {
                range: 0..len / 2,
                voice: Voice::Allowed,
            },
            Neutral {
                range: len / 2..len,
                voice: Voice::Allowed,
            },
        ];
        neutral.extend((0..n).map(|i| Neutral {
            range: 40 * i..40 * i + 20,
            voice: Voice::Negated,
        }));
        let reading = super::Reading {
            neutral: neutral.clone(),
            ..super::Reading::default()
        }
        .index();
        let matches: Vec<std::ops::Range<usize>> = (0..n)
            .flat_map(|i| [40 * i + 5..40 * i + 10, 40 * i + 25..40 * i + 30])
            .chain(std::iter::once(len / 2 - 2..len / 2 + 2))
            .collect();
        LOOK_UPS.with(|c| c.set(0));
        let got: Vec<Option<Voice>> = matches.iter().map(|m| reading.voice_of(m)).collect();
        let look_ups = LOOK_UPS.with(std::cell::Cell::get);
        // At most one look-up per voice per match, whatever the ranges.
        assert!(look_ups <= 3 * matches.len(), "{n}: {look_ups}");
        // The answers of trying every range.
        let plain = super::Reading {
            neutral,
            ..super::Reading::default()
        };
        let want: Vec<Option<Voice>> = matches.iter().map(|m| plain.voice_of(m)).collect();
        assert_eq!(got, want);
        assert_eq!(got[0], Some(Voice::Negated));
        assert_eq!(got[1], Some(Voice::Allowed));
        assert_eq!(got[2 * n], Some(Voice::Literal), "across the halves");
    }
}

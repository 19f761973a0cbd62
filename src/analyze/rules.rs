//! The rule layer (issue 14): what the word lists cannot see alone.
//!
//! [`read`] runs the rule modules over one text, after the word lists and
//! before the score, and returns two things:
//! - **neutral ranges**, words that are not the writer's own attack and so
//!   neither count nor reach the learned layer: quoted and reported speech
//!   and self-talk (`speech.rs`), negated insults (`negation.rs`), violence
//!   done to things (`threat.rs`), animals called pests (`literal.rs`) and
//!   allow-listed names (`allow.txt`) and listed words in a harmless
//!   sense (`senses.rs`);
//! - **rule hits**, attacks found by their frame, as matches of a category
//!   with the tags that say at whom: threats (`threat.rs`), hate and
//!   dehumanisation (`hate.rs`), denied qualities (`negation.rs`) and
//!   ironic praise (`sarcasm.rs`).
//!
//! Each hit's `term` names the rule that fired, so `explain` shows it.

use std::ops::Range;

use super::category::Category;
use super::matcher::{Lexicon, Match, Tag, Tags};
use super::misspelt::misspelt;
use super::negation::{negated_at, negated_positives, Denied};
use super::rule_words::{Marks, RuleWords, Trigger};
use super::speech::{self, Neutral, Voice};
use super::threat::{hyperbole, threats, veiled, Victim};
use super::words::Words;
use super::{civil_use, hate, literal, sarcasm, senses};

/// What the rules read in one text.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// Ranges that are not the writer's own attack.
    pub neutral: Vec<Neutral>,
    /// Attacks found by their frame.
    pub hits: Vec<Match>,
    /// Where the rule lists occur in the text (kept for `reason.rs`, so
    /// the text is scanned once).
    pub marks: Marks,
    /// For each voice found, in order: the starts of its ranges, sorted,
    /// and the furthest end reached by the first i of them.  A range of
    /// that voice holds a match exactly when the ranges starting at or
    /// before the match reach past its end, so `voice_of` makes one binary
    /// search a voice, whatever the ranges and however they nest (issue
    /// 27: a walk over the ranges around each match was quadratic in a
    /// long comment).  Every range is tried instead when `neutral` is not
    /// the `indexed` ranges `read` built it for.
    by_voice: Vec<VoiceIndex>,
    indexed: usize,
}

/// The ranges of one voice, by start (see `Reading::by_voice`).
#[derive(Debug, Clone)]
struct VoiceIndex {
    voice: Voice,
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Reading {
    /// Why `range` is not the writer's own, if it lies in a neutral range.
    pub fn voice_of(&self, range: &Range<usize>) -> Option<Voice> {
        if self.indexed != self.neutral.len() || self.by_voice.is_empty() {
            return self
                .neutral
                .iter()
                .filter(|n| n.range.start <= range.start && range.end <= n.range.end)
                .map(|n| n.voice)
                .min();
        }
        self.by_voice.iter().find_map(|v| {
            #[cfg(test)]
            tests::count_look_up();
            let upto = v.starts.partition_point(|&s| s <= range.start);
            (upto > 0 && v.reach[upto - 1] >= range.end).then_some(v.voice)
        })
    }

    /// Builds the index `voice_of` reads.
    fn index(mut self) -> Self {
        let mut ranges: Vec<(Voice, usize, usize)> = self
            .neutral
            .iter()
            .map(|n| (n.voice, n.range.start, n.range.end))
            .collect();
        ranges.sort_unstable();
        self.by_voice = Vec::new();
        for (voice, start, end) in ranges {
            let v = match self.by_voice.last_mut() {
                Some(v) if v.voice == voice => v,
                _ => {
                    self.by_voice.push(VoiceIndex {
                        voice,
                        starts: Vec::new(),
                        reach: Vec::new(),
                    });
                    self.by_voice.last_mut().expect("just pushed")
                }
            };
            let furthest = v.reach.last().map_or(end, |&r| r.max(end));
            v.starts.push(start);
            v.reach.push(furthest);
        }
        self.indexed = self.neutral.len();
        self
    }
}

/// The `term` of every rule hit starts with this.
pub const RULE: &str = "rule: ";

/// The `term` of a spelling variant's hit starts with this (the word it
/// spells follows).
pub const MISSPELT: &str = "rule: misspelt ";

/// True when `m` is a rule hit, not a word-list match.
pub fn is_rule(m: &Match) -> bool {
    m.term.starts_with(RULE)
}

/// Reads `text` (split into `words`) given the word-list matches `found`
/// of `lexicon` (whose allow-list and strong insults it uses).
pub fn read(text: &str, words: &Words, found: &[Match], lexicon: &Lexicon) -> Reading {
    let marks = RuleWords::builtin().marks(words);
    let rules = &marks;
    let mut neutral = speech::neutral(text, words, rules);
    for range in lexicon.allow_ranges(words, rules) {
        neutral.push(Neutral {
            range,
            voice: Voice::Allowed,
        });
    }
    // Listed words in a harmless sense: names, titles, handles, the
    // writer about themselves, verb senses, ideas criticised (issue 24).
    neutral.extend(senses::neutral(text, words));
    let threat_phrases: Vec<Range<usize>> = found
        .iter()
        .filter(|m| m.category == Category::THREAT)
        .map(Match::range)
        .collect();
    for range in literal::animals(words, rules) {
        neutral.push(Neutral {
            range,
            voice: Voice::Literal,
        });
    }
    // Issue 25: reclaimed slurs, ordinary senses, counter-speech.
    let civil = [
        (civil_use::reclaimed(words, found), Voice::Reclaimed),
        (civil_use::senses(words, found), Voice::Sense),
        (
            civil_use::counter(text, words, rules, found),
            Voice::Counter,
        ),
    ];
    for (ranges, voice) in civil {
        neutral.extend(ranges.into_iter().map(|range| Neutral { range, voice }));
    }
    for range in hyperbole(words, rules, &threat_phrases) {
        neutral.push(Neutral {
            range,
            voice: Voice::Hyperbole,
        });
    }
    for m in found {
        if m.category.def().negatable && negated_at(words, words.index_at(m.start)) {
            neutral.push(Neutral {
                range: m.range(),
                voice: Voice::Negated,
            });
        }
    }
    // "[group] are not terrorists": attributes the word lists do not
    // flag but the learned layer weighs.
    let attributes = !(rules.negative.is_empty() && rules.dehumanising.is_empty());
    for k in (0..words.len()).filter(|_| attributes) {
        let attribute = rules.negative.has(k) || rules.dehumanising.has(k);
        if attribute && negated_at(words, k) {
            neutral.push(Neutral {
                range: words.span(k, k),
                voice: Voice::Negated,
            });
        }
    }

    let mut hits = Vec::new();
    let mut hit = |category: Category, range: Range<usize>, rule: &str, tag: Option<Tag>| {
        let mut tags = Tags::EMPTY;
        if let Some(t) = tag {
            tags.insert(t);
        }
        hits.push(Match {
            category,
            term: format!("{RULE}{rule}"),
            start: range.start,
            end: range.end,
            weight: 1.0,
            tags,
            obfuscated: false,
        });
    };
    let mut found_threats = threats(words, rules);
    if rules.any(Trigger::VEILED) {
        found_threats.extend(veiled(words));
    }
    for t in found_threats {
        let tag = match t.victim {
            Victim::You => Tag::Addressee,
            Victim::Person => Tag::Person,
            Victim::Group => Tag::Group,
            Victim::Office => Tag::PublicFigure,
        };
        hit(Category::THREAT, t.range, "threat", Some(tag));
    }
    let attack_words: Vec<Range<usize>> = found
        .iter()
        .filter(|m| m.category.def().aims && m.category != Category::THREAT)
        .map(Match::range)
        .collect();
    for range in hate::attacks(words, rules, &attack_words) {
        hit(
            Category::IDENTITY_ATTACK,
            range,
            "group attacked",
            Some(Tag::Group),
        );
    }
    for range in hate::eradication(words, rules) {
        hit(
            Category::THREAT,
            range,
            "group wished gone",
            Some(Tag::Group),
        );
    }
    for (range, who) in negated_positives(words, rules) {
        match who {
            Denied::You => hit(
                Category::ASPERSION,
                range,
                "denied quality",
                Some(Tag::Addressee),
            ),
            Denied::Group => hit(
                Category::IDENTITY_ATTACK,
                range,
                "denied quality",
                Some(Tag::Group),
            ),
        }
    }
    for range in sarcasm::ironic_praise(words, rules) {
        hit(
            Category::MOCKERY,
            range,
            "ironic praise",
            Some(Tag::Addressee),
        );
    }
    let (names, kinds) = lexicon.strong_words();
    if !names.is_empty() {
        // Word-list matches by start, with the furthest end reached so far:
        // whether one covers a variant is a binary search, not a scan of
        // every match per variant (issue 25: a long comment of variants
        // was quadratic).
        let mut spans: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
        spans.sort_unstable();
        let mut furthest = 0;
        let reach: Vec<usize> = spans
            .iter()
            .map(|&(_, e)| {
                furthest = furthest.max(e);
                furthest
            })
            .collect();
        for m in misspelt(text, words, rules, lexicon.variant_index()) {
            let upto = spans.partition_point(|&(s, _)| s <= m.range.start);
            let covered = upto > 0 && reach[upto - 1] >= m.range.end;
            if !covered {
                let (term, (category, tags)) = (&names[m.term], &kinds[m.term]);
                hits.push(Match {
                    category: *category,
                    term: format!("{MISSPELT}{term}"),
                    start: m.range.start,
                    end: m.range.end,
                    weight: 1.0,
                    tags: *tags,
                    obfuscated: true,
                });
            }
        }
    }
    Reading {
        neutral,
        hits,
        marks,
        ..Reading::default()
    }
    .index()
}

#[cfg(test)]
mod tests;

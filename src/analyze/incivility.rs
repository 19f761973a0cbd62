//! Per-text incivility: category flags, a score in [0, 1] and evidence.
//!
//! Three sources are combined, each explainable:
//! - lexicon matches (`matcher`), one list per category;
//! - shouting (`shouting`), from capitals;
//! - the learned linear layer (`model`), whose top words are evidence too.
//!
//! The score is a noisy-OR: each flagged category is an independent
//! chance that the text is uncivil, with a strength per category, and the
//! model's probability is one more such chance:
//! `incivility = 1 - (1 - p) * prod_c (1 - strength_c * weight_c)`,
//! where `weight_c` is the largest lexicon weight matched in category `c`.
//! `p` is the model's probability of the whole text, itself OR-ed with
//! `SENTENCE_WEIGHT` times its best single sentence (one insult in a long
//! civil comment is otherwise diluted by length normalisation), with the
//! logit then shifted by `MODEL_SHIFT`.  The shift damps the model's topic
//! bias (it learned that news-comment vocabulary such as "Trump" or
//! "criminals" leans uncivil), so that the model alone needs strong
//! evidence to make a text uncivil.
//!
//! The strengths (`category.rs`), `SENTENCE_WEIGHT`, `MODEL_SHIFT` and `UNCIVIL_THRESHOLD`
//! were chosen by a grid search on train rows the learned layer never saw,
//! never on dev: the weights fitted on four fifths of the training corpora
//! (`cargo run --release --example train -- --holdout`) scored the held-out
//! fifth of reddit_incivility and wiki_talk_context_toxicity plus all of
//! the ucc_unhealthy_comments (antagonize) and olid_offenseval2019
//! (offensive, target_individual) `train.csv`; the grid (shift -1.5 to 0,
//! sentence weight 0.3 to 1, strengths scaled 0.8 to 1.2) is flat near the
//! chosen point, which had the best mean ROC AUC.  See docs/ACCURACY.md.
//!
//! A site model (`threadwatch train`, issue 15) may carry its own
//! combination instead (`super::stack::Stack`): a logistic regression
//! over this noisy-OR and the numbers it is made of ([`Parts`]), so a site
//! can weigh a word list or the rule layer differently.  The learned
//! layer's words, the flags and the evidence stay the same either way.
//!
//! Two fixed steps follow (issue 24).  A text with no category flag scores
//! at most `UNREASONED`: the learned layer moves a score but never makes a
//! verdict alone, since a moderator needs a reason.  An uncivil text's
//! score is then moved into its severity's band (`by_severity`): threats
//! and identity attacks above every other uncivil text, order kept within
//! a band.  The learned layer never reads allow-listed words, listed words
//! read as names, nor identity terms (`identity.rs`).
//!
//! A word inside quoted text (`masked`) is evidence of quotation, not of
//! incivility.

use std::fmt::Write;
use std::ops::Range;

use super::category::{Category, COUNT};
use super::identity;
use super::matcher::{Lexicon, Match, Tag};
use super::model::{Model, Scoring};
use super::reason::readable;
use super::rules::{is_rule, read, Reading, MISSPELT};
use super::shouting::shouting;
use super::site::{Signals, SiteExplained};
use super::speech::Voice;
use super::stack::Parts;
use super::target::{Context, Cues, Hit, Target};
use super::words::Words;

pub use super::category::FLAG_COLUMNS;

/// A text is `uncivil` when its incivility is at least this.
pub const UNCIVIL_THRESHOLD: f64 = 0.5;

/// What an attack found by its frame adds (`rules.rs`: a threat, a group
/// attacked, a quality denied, ironic praise, a disguised insult): such a
/// hit names its target, so on its own it makes a text uncivil (issue 14).
const RULE_STRENGTH: f64 = 0.5;

/// The highest score a text gets when no category is flagged: the learned
/// layer alone never makes a verdict (issues 14, 24).
const UNREASONED: f64 = UNCIVIL_THRESHOLD - 0.001;

/// Added to the model's logit before combining (see the module header).
const MODEL_SHIFT: f64 = -0.5;

/// How much the model's best single sentence adds to its whole-text
/// probability (noisy-OR; see the module header).
const SENTENCE_WEIGHT: f64 = 0.5;

/// Model words listed as evidence.
const LEARNED_WORDS: usize = 3;

/// Smallest learned weight (logit) listed as a reason: a word that moves
/// the odds by less than about 1.6x ("Every" +0.28, "town" +0.20 beside
/// "bullshit" +2.8) explains nothing a moderator can act on.
const LEARNED_MIN: f64 = 0.5;

/// Smallest contribution to a site layer's margin shown as evidence.
const SITE_MIN: f64 = 0.05;

/// A flagged word.
#[derive(Debug, Clone, PartialEq)]
pub struct Flagged {
    /// The category, whose index is the column in `FLAG_COLUMNS`.
    pub flag: Category,
    /// Byte range in the scored text.
    pub range: Range<usize>,
    /// The lexicon term (or the shouted words).
    pub term: String,
    /// Lexicon weight (1 for shouting).
    pub weight: f32,
    /// The word lies inside quoted text.
    pub quoted: bool,
    /// The lexicon match behind it (or the rule hit), if any.
    pub lexicon: Option<Match>,
    /// Why a `quoted` word is not the author's own, when the rule layer
    /// found it (reported speech, self-talk, negation, ...); `None` for
    /// quotations of an earlier comment.
    pub voice: Option<Voice>,
}

/// The scores of one text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextScore {
    /// 0/1 per column of `FLAG_COLUMNS`.
    pub flags: [bool; COUNT],
    /// Combined score in [0, 1].
    pub incivility: f64,
    /// `incivility >= UNCIVIL_THRESHOLD`.
    pub uncivil: bool,
    /// The learned layer's probability alone.
    pub model: f64,
    /// The component scores behind `incivility` (a site model's stack
    /// reads them; `train` fits the stack on them).
    pub parts: Parts,
    /// Flagged words in text order (quoted ones included, marked).
    pub flagged: Vec<Flagged>,
    /// The model's top words with their contributions.
    pub learned: Vec<(String, f64)>,
    /// A site model's words (and `[category at target]` weights) that
    /// moved the verdict, with their contribution to its margin (issue 26).
    pub site: Vec<(String, f64)>,
}

/// Scores texts with a lexicon and a model, shared across threads.
#[derive(Debug, Clone, Copy)]
pub struct Scorer<'a> {
    /// The word lists.
    pub lexicon: &'a Lexicon,
    /// The learned layer.
    pub model: &'a Model,
}

impl Scorer<'_> {
    /// Scores `text`.  Bytes in `masked` (quotations, a signature) are not
    /// the author's words: matches there are kept as `quoted` evidence but
    /// do not count, and the model does not see them.  `ctx` says who could
    /// be addressed, for words that need a target cue.
    pub fn score(&self, text: &str, masked: &[Range<usize>], ctx: &Context<'_>) -> TextScore {
        let a = self.assess(text, masked, ctx);
        let or = noisy_or(&a.parts);
        let mut site_words: Vec<(String, f64)> = Vec::new();
        let combined = match self.model.site() {
            Some(site) => {
                let signals = site_signals(text, &a.flagged, &a.parts, or, ctx);
                let skip = |w: &str| self.skip_word(w);
                let p = site.to_score(site.margin(&signals, &super::site::grams(&a.own, &skip).1));
                if p >= UNCIVIL_THRESHOLD || or >= UNCIVIL_THRESHOLD {
                    let expl = site.explain(&signals, &a.own, &skip);
                    site_words = site_evidence(&expl, p >= UNCIVIL_THRESHOLD, |w| {
                        readable(w, &a.words, &a.reading.marks)
                    });
                    // Issue 24: a site model may make a text uncivil on its
                    // learned words only when the evidence names them.
                    let by_words = or < UNCIVIL_THRESHOLD && !a.flags.iter().any(|&f| f);
                    if p >= UNCIVIL_THRESHOLD && by_words && site_words.is_empty() {
                        return self.finish(a, UNREASONED.min(p), site_words);
                    }
                }
                p
            }
            None => or,
        };
        self.finish(a, combined, site_words)
    }

    /// The site layer's inputs for `text` (issue 26): the built-in
    /// scorer's signals and the author's own words, as [`Scorer::score`]
    /// reads them.  `train` fits a site layer on these.
    pub fn site_inputs(
        &self,
        text: &str,
        masked: &[Range<usize>],
        ctx: &Context<'_>,
    ) -> (Signals, String) {
        let a = self.assess(text, masked, ctx);
        let or = noisy_or(&a.parts);
        (site_signals(text, &a.flagged, &a.parts, or, ctx), a.own)
    }

    /// Whether a word (normal form) gives a site layer no feature: the
    /// allow-list's single words.
    pub fn skip_word(&self, w: &str) -> bool {
        self.lexicon.allow().has_word(w)
    }

    /// Everything the combination reads.
    fn assess(&self, text: &str, masked: &[Range<usize>], ctx: &Context<'_>) -> Assessed {
        let inside = |r: &Range<usize>| masked.iter().any(|m| m.start <= r.start && r.end <= m.end);
        let words = Words::of(text);
        let (found, names) = self.lexicon.find_with_names(text);
        let reading = read(text, &words, &found, self.lexicon);
        let silenced = silenced(&words, names);
        let mut candidates: Vec<(Match, Option<Voice>, bool)> = Vec::new();
        for m in found.into_iter().chain(reading.hits.iter().cloned()) {
            if negated(text, m.start) {
                continue;
            }
            let quoted = inside(&m.range());
            let voice = if quoted {
                None
            } else {
                voice_for(&m, &reading)
            };
            if voice == Some(Voice::Allowed) {
                continue;
            }
            candidates.push((m, voice, quoted || voice.is_some()));
        }
        let own = own_text(text, masked, &reading, &candidates, &silenced);
        let mut flagged: Vec<Flagged> = Vec::new();
        let cues = Cues::new(&own, ctx);
        for (m, voice, quoted) in candidates {
            if !quoted && m.tags.contains(Tag::Contextual) && !cues.has_cue(&hit(&m)) {
                continue;
            }
            flagged.push(Flagged {
                flag: m.category,
                range: m.range(),
                term: m.term.clone(),
                weight: m.weight,
                quoted,
                lexicon: Some(m),
                voice,
            });
        }
        for r in shouting(&own) {
            flagged.push(Flagged {
                flag: Category::SHOUTING,
                term: own[r.clone()].to_owned(),
                range: r,
                weight: 1.0,
                quoted: false,
                lexicon: None,
                voice: None,
            });
        }
        flagged.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(a.flag.cmp(&b.flag)));

        let mut flags = [false; COUNT];
        let mut strongest = [0f32; COUNT];
        for f in flagged.iter().filter(|f| !f.quoted) {
            let col = f.flag.index();
            flags[col] = true;
            strongest[col] = strongest[col].max(f.weight);
        }
        let scoring = self.model.scoring(&own);
        let parts = Parts {
            model: scoring.whole,
            sentence: scoring.sentence,
            strongest,
            by_rule: flagged
                .iter()
                .any(|f| !f.quoted && f.lexicon.as_ref().is_some_and(is_rule)),
        };
        Assessed {
            words,
            reading,
            own,
            flagged,
            flags,
            parts,
            scoring,
        }
    }

    /// The score of an assessed text whose combination gave `combined`.
    fn finish(&self, a: Assessed, combined: f64, site: Vec<(String, f64)>) -> TextScore {
        let mut incivility = round3(combined);
        let site_says = site.iter().any(|(_, w)| *w > 0.0);
        if !a.flags.iter().any(|&f| f) && !site_says {
            // A verdict needs a reason a moderator can read: the learned
            // layer moves the score but never makes a text uncivil alone
            // (issue 24); a site model may, when its evidence names its
            // words (issue 26).
            incivility = incivility.min(UNREASONED);
        } else if self.model.site().is_none() && incivility >= UNCIVIL_THRESHOLD {
            incivility = round3(by_severity(incivility, severity(&a.flagged)));
        }
        let mut learned = if incivility >= UNCIVIL_THRESHOLD {
            self.model
                .explain_scoring(&a.own, &a.scoring, LEARNED_WORDS)
        } else {
            Vec::new()
        };
        // Only words a moderator can read, and that weigh, are reasons.
        learned.retain(|(w, x)| *x >= LEARNED_MIN && readable(w, &a.words, &a.reading.marks));
        TextScore {
            flags: a.flags,
            incivility,
            uncivil: incivility >= UNCIVIL_THRESHOLD,
            model: a.parts.model,
            parts: a.parts,
            flagged: a.flagged,
            learned,
            site,
        }
    }
}

/// What [`Scorer::assess`] found in one text.
struct Assessed {
    words: Words,
    reading: Reading,
    own: String,
    flagged: Vec<Flagged>,
    flags: [bool; COUNT],
    parts: Parts,
    scoring: Scoring,
}

/// Site words and signals shown as evidence: when `uncivil`, the readable
/// words that raised the margin most, else those that lowered it most,
/// then the site's category weights that touched the text.
fn site_evidence(
    expl: &SiteExplained,
    uncivil: bool,
    readable: impl Fn(&str) -> bool,
) -> Vec<(String, f64)> {
    let towards = |w: f64| {
        if uncivil {
            w >= SITE_MIN
        } else {
            w <= -SITE_MIN
        }
    };
    let mut out: Vec<(String, f64)> = expl
        .words
        .iter()
        .filter(|(w, c)| towards(*c) && readable(w))
        .take(LEARNED_WORDS)
        .cloned()
        .collect();
    out.extend(
        expl.signals
            .iter()
            .filter(|(_, c)| towards(*c))
            .take(2)
            .map(|(n, c)| (format!("[{n}]"), *c)),
    );
    out
}

/// The inputs of a site layer from an assessed text: each flagged
/// category of the author's own words with the target its words are
/// aimed at (a word that aims by itself is resolved alone, the rest take
/// the text's target).
fn site_signals(
    text: &str,
    flagged: &[Flagged],
    parts: &Parts,
    or: f64,
    ctx: &Context<'_>,
) -> Signals {
    let own: Vec<&Flagged> = flagged.iter().filter(|f| !f.quoted).collect();
    let aims = |f: &Flagged| {
        f.lexicon
            .as_ref()
            .filter(|m| m.category.def().aims)
            .map(hit)
    };
    let hits: Vec<Hit> = own.iter().filter_map(|f| aims(f)).collect();
    // One `Cues` per text: the sentence is read once for all its hits (issue 27).
    let cues = Cues::new(text, ctx);
    let whole = cues.resolve(&hits).target;
    let aimed: Vec<(usize, Target, f32)> = own
        .iter()
        .map(|f| {
            let t = aims(f).map_or(whole, |h| cues.resolve_hit(&h).target);
            (f.flag.index(), t, f.weight)
        })
        .collect();
    Signals::new(parts, or, &aimed)
}

impl TextScore {
    /// The flags as 0/1 report cells, in `FLAG_COLUMNS` order: the one
    /// place where a flag's position becomes a column, for every report
    /// that destructures it into its named fields.
    pub fn flag_cells(&self) -> [u8; COUNT] {
        self.flags.map(u8::from)
    }

    /// Re-decides `uncivil` at another threshold (`analyze
    /// --uncivil-threshold`): a comment that becomes uncivil gets the
    /// learned layer's top words too, as it would at the default.
    pub fn rethreshold(
        &mut self,
        threshold: f64,
        scorer: &Scorer<'_>,
        text: &str,
        masked: &[Range<usize>],
    ) {
        self.uncivil = self.incivility >= threshold;
        if self.uncivil && self.learned.is_empty() {
            let (own, words, reading) = scorer.learned_reading(text, masked);
            self.learned = scorer.model.explain(&own, LEARNED_WORDS);
            // The same reasons as `Scorer::score` lists.
            self.learned
                .retain(|(w, x)| *x >= LEARNED_MIN && readable(w, &words, &reading.marks));
        } else if !self.uncivil {
            self.learned.clear();
        }
    }
}

impl Scorer<'_> {
    /// The text the learned layer reads for `text` (see `own_text`), for
    /// `explain`: allow-listed words, names and identity terms are blank.
    pub fn learned_text(&self, text: &str, masked: &[Range<usize>]) -> String {
        self.learned_reading(text, masked).0
    }

    /// The learned layer's text for `text`, with the words and the rule
    /// layer's reading it was made from (to judge which words are reasons).
    fn learned_reading(&self, text: &str, masked: &[Range<usize>]) -> (String, Words, Reading) {
        let words = Words::of(text);
        let (found, names) = self.lexicon.find_with_names(text);
        let reading = read(text, &words, &found, self.lexicon);
        let set_aside: Vec<(Match, Option<Voice>, bool)> = found
            .into_iter()
            .filter_map(|m| {
                let v = voice_for(&m, &reading)?;
                Some((m, Some(v), true))
            })
            .collect();
        let own = own_text(text, masked, &reading, &set_aside, &silenced(&words, names));
        (own, words, reading)
    }
}

/// How severe an uncivil text's reasons are, for its place in the ranking
/// (issue 24): a moderator reads threats and attacks on groups first, and
/// casual profanity aimed at no one last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Only vulgarity or capitals, aimed at no one ("holy shit").
    Untargeted,
    /// An insult, an accusation, mockery (of anyone, officials included).
    Insult,
    /// A threat or an identity attack, by a rule or a strong listed phrase.
    Grave,
}

/// The severity of the author's own flagged words.
pub fn severity(flagged: &[Flagged]) -> Severity {
    let own = || flagged.iter().filter(|f| !f.quoted);
    // A sure threat or attack: a rule's frame or a strong listed phrase.
    // Weaker entries ("poof", "kill you") are often another sense, so they
    // do not jump the queue.
    let grave = |f: &Flagged| {
        matches!(f.flag, Category::THREAT | Category::IDENTITY_ATTACK) && f.weight >= GRAVE_WEIGHT
    };
    if own().any(grave) {
        return Severity::Grave;
    }
    let aimed = |f: &Flagged| {
        f.lexicon.as_ref().is_some_and(|m| {
            m.tags.contains(Tag::Addressee)
                || m.tags.contains(Tag::Person)
                || m.tags.contains(Tag::Group)
                || m.tags.contains(Tag::PublicFigure)
        })
    };
    if own().all(|f| matches!(f.flag, Category::VULGARITY | Category::SHOUTING) && !aimed(f)) {
        Severity::Untargeted
    } else {
        Severity::Insult
    }
}

/// Where each severity's uncivil scores lie: `[lower, upper)` bands of
/// `[UNCIVIL_THRESHOLD, 1]`, so every grave text outranks every other
/// uncivil one, while within a band the combined score keeps its order.
/// Untargeted profanity shares the insults' band: putting it below every
/// insult cost 0.012 ROC AUC on reddit_incivility dev, whose raters call
/// casual profanity uncivil (issue 24, docs/ACCURACY.md).
const BANDS: [(f64, f64); 3] = [
    (UNCIVIL_THRESHOLD, GRAVE_FLOOR),
    (UNCIVIL_THRESHOLD, GRAVE_FLOOR),
    (GRAVE_FLOOR, 1.0),
];

/// The lowest list weight of a threat or an identity attack ranked grave.
const GRAVE_WEIGHT: f32 = 0.8;

/// The lowest score of a threat or an identity attack.
const GRAVE_FLOOR: f64 = 0.9;

/// `score` (uncivil) moved into its severity's band, order kept.
fn by_severity(score: f64, severity: Severity) -> f64 {
    let (lo, hi) = BANDS[severity as usize];
    let u = ((score - UNCIVIL_THRESHOLD) / (1.0 - UNCIVIL_THRESHOLD)).clamp(0.0, 1.0);
    // The top of a lower band is exclusive, so that rounding never lifts
    // a text into the grave band.
    let top = if severity == Severity::Grave {
        hi
    } else {
        hi - 0.001
    };
    lo + (top - lo) * u
}

/// Words the learned layer never reads (issue 24): listed words read as
/// names (`names`, from the matcher) and identity terms.
fn silenced(words: &Words, mut names: Vec<Range<usize>>) -> Vec<Range<usize>> {
    names.extend(identity::ranges(words));
    names
}

/// The target-resolution view of a lexicon match.
pub fn hit(m: &Match) -> Hit {
    Hit {
        range: m.range(),
        personal: m.category.def().personal || m.tags.contains(Tag::Person),
        group: m.tags.contains(Tag::Group),
        public_figure: m.tags.contains(Tag::PublicFigure),
        addressee: m.tags.contains(Tag::Addressee),
        unaimed: false,
    }
}

/// The hits a comment's target is read from: its own words aimed at
/// someone; in an uncivil comment with none of those, its other flagged
/// words, which aim only by a cue of their own ("What the fuck are you
/// on about?": the commenter; "holy shit": nobody) (issue 24).
pub fn target_hits(score: &TextScore) -> Vec<Hit> {
    let own = || {
        score
            .flagged
            .iter()
            .filter(|f| !f.quoted)
            .filter_map(|f| f.lexicon.as_ref())
    };
    let aimed: Vec<Hit> = own().filter(|m| m.category.def().aims).map(hit).collect();
    if !aimed.is_empty() || !score.uncivil {
        return aimed;
    }
    own()
        .map(|m| Hit {
            personal: false,
            unaimed: true,
            ..hit(m)
        })
        .collect()
}

/// Why the rule layer sets match `m` aside, if it does.  Crude words and
/// capitals have no addressee, so quoting, reporting, self-talk or a
/// negator does not make them civil ("I'm so fucking tired", "he yelled
/// "get out of the damn way"" are still crude; raters of every dev corpus
/// agree); only the allow-list does.
fn voice_for(m: &Match, reading: &Reading) -> Option<Voice> {
    let v = reading.voice_of(&m.range())?;
    // A slur (a one-word identity attack) is a slur in any voice: raters
    // of davidson_hate_offensive mark it quoted, reported or said of
    // oneself, and moderators remove it there too.
    let slur = m.category == Category::IDENTITY_ATTACK && !m.term.contains(' ') && !is_rule(m);
    // Issue 25: a reclaimed slur, a slur's ordinary sense and counter-speech
    // are not the writer's attack in any category.
    let civil = matches!(v, Voice::Reclaimed | Voice::Sense | Voice::Counter);
    ((m.category.def().aims && !slur) || v == Voice::Allowed || civil).then_some(v)
}

/// What the learned layer reads: `text` without the `masked` bytes, the
/// words set aside (`set_aside`: matches with a voice) and the single
/// words the rules neutralised (negated, hyperbole, allowed), and the
/// `silenced` words (names, identity terms; issue 24).  The rest of
/// a quotation or a report stays: the learned layer reads the writer's
/// framing of it, only the insult is hidden (hiding whole quotations,
/// `>` lines included, cost 0.02 ROC AUC on the UCC dev split).
fn own_text(
    text: &str,
    masked: &[Range<usize>],
    reading: &Reading,
    set_aside: &[(Match, Option<Voice>, bool)],
    silenced: &[Range<usize>],
) -> String {
    let mut all: Vec<Range<usize>> = masked.to_vec();
    all.extend_from_slice(silenced);
    for n in &reading.neutral {
        if matches!(
            n.voice,
            Voice::Negated | Voice::Hyperbole | Voice::Allowed | Voice::Counter
        ) {
            all.push(n.range.clone());
        }
    }
    all.extend(
        set_aside
            .iter()
            .filter(|(_, v, _)| v.is_some())
            .map(|(m, _, _)| m.range()),
    );
    if all.len() == masked.len() {
        return blank(text, masked);
    }
    blank(text, &merge(all))
}

/// Sorted, non-overlapping ranges covering the same bytes.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// `text` with the `masked` bytes turned into spaces, so offsets stay put.
pub fn blank(text: &str, masked: &[Range<usize>]) -> String {
    if masked.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut ranges = masked.to_vec();
    ranges.sort_by_key(|r| r.start);
    for r in ranges {
        if r.start < at {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.extend(std::iter::repeat_n(' ', r.end - r.start));
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// "anti-Nazi", "non-idiot": a prefix that negates the label.
fn negated(text: &str, start: usize) -> bool {
    // Only the last five characters can end in one of the prefixes, and
    // each lower-cases to at least one byte, so lower-casing them alone
    // decides it; lower-casing the whole text before every match was
    // quadratic in long comments (issue 6).
    let head = &text[..start];
    let from = head.char_indices().rev().nth(4).map_or(0, |(i, _)| i);
    let before = head[from..].to_lowercase();
    before.ends_with("anti-") || before.ends_with("anti ") || before.ends_with("non-")
}

/// `p` with its logit moved by `by`.
fn shift(p: f64, by: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    let logit = (p / (1.0 - p)).ln() + by;
    1.0 / (1.0 + (-logit).exp())
}

/// The built-in combination of the component scores (see the module
/// header): a noisy-OR of the shifted learned layer, each flagged
/// category's strength times its strongest weight, and the rule layer.
pub fn noisy_or(parts: &Parts) -> f64 {
    let p = 1.0 - (1.0 - parts.model) * (1.0 - SENTENCE_WEIGHT * parts.sentence);
    let mut keep = 1.0 - shift(p, MODEL_SHIFT);
    for (def, w) in super::category::CATEGORIES.iter().zip(parts.strongest) {
        keep *= 1.0 - def.strength * f64::from(w);
    }
    if parts.by_rule {
        keep *= 1.0 - RULE_STRENGTH;
    }
    1.0 - keep
}

/// Rounds to the three decimals the reports show, so what is compared with
/// the threshold is what a moderator reads.
fn round3(x: f64) -> f64 {
    (x.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// Evidence as one cell: `name_calling: Einstein -> gypsyken | shouting:
/// ELECTORAL COLLEGE | quoted from 3.1.1: under-educated | learned: ...`.
/// `text` is the scored text; `target_of` names the target of a flagged
/// word when one is known; `quoted_from` is the dotted id quotes came from.
pub fn evidence(
    text: &str,
    score: &TextScore,
    target_of: impl Fn(&Flagged) -> Option<String>,
    quoted_from: Option<&str>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in Category::all() {
        let mut words: Vec<String> = Vec::new();
        for f in score.flagged.iter().filter(|f| f.flag == c && !f.quoted) {
            let mut w = one_line(&text[f.range.clone()]);
            if let Some(t) = target_of(f) {
                let _ = write!(w, " -> {t}");
            }
            if !words.contains(&w) {
                words.push(w);
            }
        }
        if !words.is_empty() {
            parts.push(format!("{}: {}", c.as_str(), words.join(", ")));
        }
    }
    // Issue 25: a disguised word names what it spells ("1d10t ~ idiot").
    let mut variants: Vec<String> = Vec::new();
    for f in score.flagged.iter().filter(|f| !f.quoted) {
        let Some(m) = f.lexicon.as_ref().filter(|m| m.obfuscated) else {
            continue;
        };
        let term = m.term.strip_prefix(MISSPELT).unwrap_or(&m.term);
        let seen = one_line(&text[f.range.clone()]);
        let v = format!("{seen} ~ {term}");
        if seen.to_lowercase() != term && !variants.contains(&v) {
            variants.push(v);
        }
    }
    if !variants.is_empty() {
        parts.push(format!("variant: {}", variants.join(", ")));
    }
    // Words that are not the author's own, under why: quotations of an
    // earlier comment first, then the rule layer's labels (issue 14).
    let mut quoted: Vec<(Option<Voice>, Vec<String>)> = Vec::new();
    for f in score.flagged.iter().filter(|f| f.quoted) {
        let w = one_line(&text[f.range.clone()]);
        match quoted.iter_mut().find(|(v, _)| *v == f.voice) {
            Some((_, ws)) if ws.contains(&w) => {}
            Some((_, ws)) => ws.push(w),
            None => quoted.push((f.voice, vec![w])),
        }
    }
    quoted.sort_by_key(|(v, _)| *v);
    for (voice, ws) in quoted {
        let label = match voice {
            None => {
                let from = quoted_from.map_or_else(String::new, |q| format!(" from {q}"));
                format!("quoted{from}")
            }
            Some(v) => v.label().to_owned(),
        };
        parts.push(format!("{label}: {}", ws.join(", ")));
    }
    if !score.learned.is_empty() {
        let words: Vec<String> = score.learned.iter().map(|(w, _)| one_line(w)).collect();
        parts.push(format!("learned: {}", words.join(", ")));
    }
    if !score.site.is_empty() {
        let words: Vec<String> = score
            .site
            .iter()
            .map(|(w, c)| format!("{}({c:+.2})", one_line(w)))
            .collect();
        parts.push(format!("site: {}", words.join(", ")));
    }
    parts.join(" | ")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;

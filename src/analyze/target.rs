//! Targets: at whom an uncivil word is aimed (issues 3 and 24).
//!
//! Each flagged word is read in its sentence, and the first cue that fits
//! decides, in this order:
//! 1. a thread participant named there (`Participants`) is the target;
//! 2. plural address ("you people", "all of you", "the dummies who
//!    down-voted") and an `@handle` next to the word aim it at the
//!    commenters (issue 24; "you people" was a group before);
//! 3. a singular person named by a noun or a pointing word next to the
//!    word ("my neighbour", "your husband", "that guy", "this little
//!    creep") is a `person`: an individual who is neither in the thread
//!    nor a public figure (issue 24);
//! 4. second person ("you", "your") or a vocative ("Hey, Einstein", a
//!    sentence that is only the insult: "Liar.") aims it at the author of
//!    the comment being answered (`reply_to`);
//! 5. a public figure named there (a name the article gives a title, such
//!    as "President Donald Trump", a title word itself, an office named by
//!    its title, "the senator", a full name of someone outside the
//!    thread, "Boris Johnson", or a surname from
//!    `data/lexicons/rules/figures.txt`, "Trump is a liar", at the start
//!    of a sentence too) makes it `public_figure`;
//! 6. "he" or "she", or a single unlisted name said to be one ("Okafor is
//!    a liar"), is a `person`, unless the text named a public figure just
//!    before ("Trump can't debate. He is a clown.": `public_figure`);
//! 7. a plural insult, a term tagged as aimed at groups, a group word
//!    ("those", "these", "people") or an identity group ("Muslims") makes
//!    it `group`; only group terms do: "this woman is a X" is a person;
//! 8. otherwise, in a reply, a word aimed at persons goes to the answered
//!    commenter; elsewhere the target stays empty.
//!
//! Rules 3 and 6 say at whom, never whether: they are not cues that make
//! a contextual word ("Einstein") count ([`has_cue`]).
//!
//! A comment's target is the most serious one among its words: commenter,
//! then person, then public figure, then group, since attacks on fellow
//! commenters are what moderators act on first, and a private person has
//! no platform to answer from.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::mention::Participants;
use super::model::is_second_person;
use super::rule_words::RuleWords;
use super::words::Words;
use crate::error::{LexiconError, LexiconErrorKind};
use crate::parse::lexicon::lexicon as parse_lexicon;

/// Whom a comment's incivility is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Target {
    /// Another commenter in the thread.
    Commenter,
    /// An individual outside the thread who is not a public figure
    /// ("he", "that guy", "my neighbour"; issue 24).
    Person,
    /// A public figure (a politician, an official).
    PublicFigure,
    /// A group of people.
    Group,
    /// No target could be told.
    #[default]
    None,
}

impl Target {
    /// The value written in the `target` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Commenter => "commenter",
            Target::Person => "person",
            Target::PublicFigure => "public_figure",
            Target::Group => "group",
            Target::None => "",
        }
    }
}

/// One flagged word to resolve.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Byte range of the word in the text.
    pub range: Range<usize>,
    /// The word insults a person (name-calling, lying accusations).
    pub personal: bool,
    /// The lexicon tags the term as aimed at groups.
    pub group: bool,
    /// The lexicon tags the term as an epithet for a public figure.
    pub public_figure: bool,
    /// The term itself addresses the reader ("you idiot").
    pub addressee: bool,
    /// The word has no addressee of its own (vulgarity, issue 24): only
    /// a participant, a handle or second person aims it.
    pub unaimed: bool,
}

/// A resolved target for one hit or one comment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resolved {
    /// The kind of target.
    pub target: Target,
    /// The commenter, when `target` is `Commenter` and known.
    pub author: Option<String>,
}

/// What is known about the comment being read.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The thread's participants.
    pub participants: &'a Participants,
    /// Public figures of the article.
    pub figures: &'a PublicFigures,
    /// Surnames that name a public figure wherever they stand, lower-cased
    /// and sorted: the built-in list (`data/lexicons/rules/figures.txt`)
    /// and a site's `figures.txt` ([`Lexicon::surnames`]).
    ///
    /// [`Lexicon::surnames`]: super::matcher::Lexicon::surnames
    pub surnames: &'a [String],
    /// The comment's own author.
    pub me: Option<&'a str>,
    /// Author of the comment being answered (`None` if top-level or
    /// anonymous).
    pub answered: Option<&'a str>,
    /// The comment answers another comment.
    pub is_reply: bool,
}

/// Nobody in the thread, no public figure: the people a text alone knows of.
static NOBODY: Participants = Participants::NOBODY;
static NO_FIGURES: PublicFigures = PublicFigures {
    names: BTreeSet::new(),
};

impl<'a> Context<'a> {
    /// A reply with no thread around it (no participants, no article):
    /// how `score` and `explain` read a text alone, answering `answered`
    /// when given.
    pub fn alone(answered: Option<&'a str>) -> Self {
        Context {
            participants: &NOBODY,
            figures: &NO_FIGURES,
            surnames: builtin_surnames(),
            me: None,
            answered,
            is_reply: true,
        }
    }
}

/// Resolves one hit in `text`.  For several hits of one text, use
/// [`Cues::resolve_hit`], which reads each sentence once.
pub fn resolve_hit(text: &str, hit: &Hit, ctx: &Context<'_>) -> Resolved {
    Cues::new(text, ctx).resolve_hit(hit)
}

/// True when the sentence around `hit` says at whom it is aimed (rules 1
/// to 4): words that are neutral in most uses ("Einstein", "Nazis") only
/// count as incivility with such a cue.
///
/// A listed surname (`figure_named`) is no such cue: "Assad is the greater
/// evil" and "Poilievre is scribbling propaganda" are political comment as
/// often as attacks (they made the UCC and SFU dev splits worse); the list
/// says whom an attack is aimed at, not whether a word is one.
pub fn has_cue(text: &str, hit: &Hit, ctx: &Context<'_>) -> bool {
    Cues::new(text, ctx).has_cue(hit)
}

/// The target cues of one text, for its hits one after another: what a
/// sentence says is read once for all the hits in it (issue 27: a comment
/// of 5,000 insults and no full stop read its one sentence 5,000 times,
/// which took 36 s for 64 KB).  Hits are best given in text order; any
/// order gives the same answers.
pub struct Cues<'t, 'c> {
    text: &'t str,
    ctx: &'t Context<'c>,
    /// The sentence read last and what it says.
    last: RefCell<Option<Sentence>>,
}

impl<'t, 'c> Cues<'t, 'c> {
    /// The cues of `text` read in `ctx`.
    pub fn new(text: &'t str, ctx: &'t Context<'c>) -> Self {
        Self {
            text,
            ctx,
            last: RefCell::new(None),
        }
    }

    /// Resolves one hit (see [`resolve_hit`]).
    pub fn resolve_hit(&self, hit: &Hit) -> Resolved {
        let ctx = self.ctx;
        self.cue(hit, true).unwrap_or_else(|| {
            if ctx.is_reply && hit.personal {
                commenter(ctx.answered)
            } else {
                Resolved::default()
            }
        })
    }

    /// Whether the sentence around `hit` aims it (see [`has_cue`]).
    pub fn has_cue(&self, hit: &Hit) -> bool {
        self.cue(hit, false).is_some()
    }

    /// The comment-level target of `hits` (see [`resolve`]).
    pub fn resolve(&self, hits: &[Hit]) -> Resolved {
        hits.iter()
            .map(|h| self.resolve_hit(h))
            .min_by_key(|r| r.target)
            .unwrap_or_default()
    }

    fn cue(&self, hit: &Hit, resolving: bool) -> Option<Resolved> {
        let mut last = self.last.borrow_mut();
        let reuse = last.as_ref().is_some_and(|s| s.holds(&hit.range));
        if !reuse {
            let (range, whole) = sentence_around(self.text, &hit.range);
            *last = Some(Sentence::new(range, whole));
        }
        let sentence = last.as_mut()?;
        cue(self.text, hit, self.ctx, resolving, sentence)
    }
}

/// A sentence and, as they are asked for, what it says.  Each fact is
/// read at most once, however many hits the sentence holds.
struct Sentence {
    range: Range<usize>,
    /// No sentence break inside `range`, and `range` is one whole sentence
    /// or one piece of a long one: every hit inside it has this sentence.
    whole: bool,
    mentioned: Option<Option<String>>,
    you_group: Option<bool>,
    second_person: Option<bool>,
    figure: Option<bool>,
    surname: Option<bool>,
    group: Option<bool>,
    /// "my neighbour", "your husband", "that guy" (rule 3).
    person_noun: Option<bool>,
    /// "he", "she", "Okafor is a liar" (rule 6).
    third_person: Option<bool>,
    /// A public figure named in the text just before the sentence.
    figure_before: Option<bool>,
}

impl Sentence {
    fn new(range: Range<usize>, whole: bool) -> Self {
        Self {
            range,
            whole,
            mentioned: None,
            you_group: None,
            second_person: None,
            figure: None,
            surname: None,
            group: None,
            person_noun: None,
            third_person: None,
            figure_before: None,
        }
    }

    fn holds(&self, r: &Range<usize>) -> bool {
        self.whole && self.range.start <= r.start && r.end <= self.range.end
    }
}

/// `slot`'s value, reading it with `f` the first time.
fn once<T: Clone>(slot: &mut Option<T>, f: impl FnOnce() -> T) -> T {
    slot.get_or_insert_with(|| {
        #[cfg(test)]
        tests::count(|w| w.facts += 1);
        f()
    })
    .clone()
}

fn commenter(author: Option<&str>) -> Resolved {
    Resolved {
        target: Target::Commenter,
        author: author.map(str::to_owned),
    }
}

/// The first cue that fits (rules 1 to 7); `resolving`: whether the cues
/// that only say at whom (a listed surname, rules 3 and 6) count.
fn cue(
    text: &str,
    hit: &Hit,
    ctx: &Context<'_>,
    resolving: bool,
    facts: &mut Sentence,
) -> Option<Resolved> {
    let sentence = facts.range.clone();
    let s = &text[sentence.clone()];
    let who = once(&mut facts.mentioned, || {
        let m = ctx.participants.mentioned(s, ctx.me);
        m.first().map(|(_, who)| (*who).to_owned())
    });
    if let Some(who) = who {
        return Some(commenter(Some(&who)));
    }
    let local = hit.range.start - sentence.start..hit.range.end - sentence.start;
    let kind = |target| Resolved {
        target,
        author: None,
    };
    // An attack the hate rules tie to a group they name ("Keep your kids
    // away from [group]") is aimed at it, whoever is addressed (issue 25).
    if hit.group && names_group(&text[hit.range.clone()]) {
        return Some(kind(Target::Group));
    }
    let word = &text[hit.range.clone()];
    let plural = is_plural(word);
    // "You people are idiots", "the dummies who down-voted": the readers
    // of the thread, addressed together (issue 24; a group in issue 14).
    if once(&mut facts.you_group, || you_group(s))
        || (plural && audience_after(&s[local.end..]))
        || handle_beside(s, &local)
    {
        return Some(commenter(ctx.answered));
    }
    if hit.unaimed {
        let you = ctx.is_reply && once(&mut facts.second_person, || second_person(s));
        return you.then(|| commenter(ctx.answered));
    }
    if resolving && !plural && !hit.addressee && once(&mut facts.person_noun, || person_noun(s)) {
        return Some(kind(Target::Person));
    }
    if ctx.is_reply
        && (hit.addressee
            || once(&mut facts.second_person, || second_person(s))
            || vocative(s, &local))
    {
        return Some(commenter(ctx.answered));
    }
    if hit.public_figure
        || once(&mut facts.figure, || {
            ctx.figures.named_in(s) || office(s) || outside_name(s)
        })
        || (resolving && once(&mut facts.surname, || figure_named(s, ctx.surnames)))
    {
        return Some(kind(Target::PublicFigure));
    }
    // "Exactly what respect is this little creep due?" (after second
    // person and public figures: "you are a threat with that stupidity"
    // is the reader's, "the violence that Il Duce Trump may cause" the
    // figure's).
    if resolving && !plural && pointed_at(&s[..local.start]) {
        return Some(kind(Target::Person));
    }
    if resolving && !plural && once(&mut facts.third_person, || third_person(s)) {
        // "Trump can't debate. He is a clown.": the figure just named.
        let before = &text
            [floor_boundary(text, sentence.start.saturating_sub(PRONOUN_REACH))..sentence.start];
        let figure = once(&mut facts.figure_before, || {
            ctx.figures.named_in(before) || office(before) || figure_named(before, ctx.surnames)
        });
        return Some(kind(if figure {
            Target::PublicFigure
        } else {
            Target::Person
        }));
    }
    if hit.group || plural || once(&mut facts.group, || group_words(s) || names_group(s)) {
        return Some(kind(Target::Group));
    }
    None
}

/// How far back, in bytes, a pronoun looks for the public figure it
/// may stand for: the sentence or two before it.
const PRONOUN_REACH: usize = 400;

/// Nouns for one person ("my neighbour", "that guy").
const PERSON_NOUNS: &[&str] = &[
    "guy",
    "man",
    "woman",
    "dude",
    "girl",
    "boy",
    "lady",
    "gal",
    "bloke",
    "chap",
    "fellow",
    "kid",
    "neighbour",
    "neighbor",
    "friend",
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "ex",
    "boss",
    "owner",
    "landlord",
    "writer",
    "author",
    "columnist",
    "reporter",
    "journalist",
    "editor",
    "teacher",
    "cop",
    "officer",
    "driver",
    "person",
    "individual",
    "mother",
    "father",
    "mom",
    "mum",
    "dad",
    "brother",
    "sister",
    "son",
    "daughter",
    "uncle",
    "aunt",
    "cousin",
    "coworker",
    "co-worker",
    "roommate",
    "stalker",
    "ref",
    "referee",
    "umpire",
    "ump",
    "player",
    "coach",
    "clerk",
    "guard",
    "neighbor's",
    "neighbour's",
];

/// Pointing and possessive words that single one person out.
const POINTERS: &[&str] = &["this", "that", "my", "your", "his", "her", "our", "the"];

/// "my neighbour", "your husband", "that guy", "the woman": one person
/// named by a noun (rule 3).
fn person_noun(s: &str) -> bool {
    let mut prev = "";
    for w in plain_words(s) {
        if POINTERS.iter().any(|p| prev.eq_ignore_ascii_case(p))
            && PERSON_NOUNS.iter().any(|n| w.eq_ignore_ascii_case(n))
        {
            return true;
        }
        prev = w;
    }
    false
}

/// "this little creep", "that lanky fuck": the insult itself is singled
/// out by "this" or "that", with at most two words between (rule 3).
fn pointed_at(before: &str) -> bool {
    // Only the last few words decide: a sentence of thousands of hits is
    // not read once a hit (issue 27).
    let tail = &before[floor_boundary(before, before.len().saturating_sub(80))..];
    let mut words: Vec<&str> = plain_words(tail).collect();
    words.reverse();
    words.truncate(4);
    let Some(i) = words
        .iter()
        .take(3)
        .position(|w| w.eq_ignore_ascii_case("this") || w.eq_ignore_ascii_case("that"))
    else {
        return false;
    };
    // "I think that idiots", "My view is that Jews should ...": "that"
    // after a verb opens a clause, and what follows it is no pointed-at
    // person; nor is a plural or a name between.
    let clause = words[i].eq_ignore_ascii_case("that")
        && words.get(i + 1).is_some_and(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "is" | "was"
                    | "think"
                    | "believe"
                    | "know"
                    | "say"
                    | "says"
                    | "said"
                    | "hope"
                    | "wish"
                    | "fact"
                    | "sure"
                    | "mean"
                    | "saying"
                    | "feel"
                    | "guess"
                    | "so"
            )
        });
    !clause
        && words[..i].iter().all(|w| {
            !is_plural(w)
                && !w.starts_with(char::is_uppercase)
                && !matches!(
                    w.to_ascii_lowercase().as_str(),
                    "is" | "are" | "was" | "a" | "an" | "the"
                )
        })
}

/// "he", "she" or a single unlisted name said to be something ("Okafor
/// is a liar", "Ramos sounds like a shitty ump"; rule 6).
fn third_person(s: &str) -> bool {
    let words: Vec<&str> = plain_words(s).collect();
    if words.iter().any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "he" | "she"
                | "him"
                | "his"
                | "her"
                | "he's"
                | "she's"
                | "he'll"
                | "she'll"
                | "he'd"
                | "she'd"
                | "himself"
                | "herself"
        )
    }) {
        return true;
    }
    words.windows(3).enumerate().any(|(i, w)| {
        let name = w[0];
        // "Every African is a ...": one standing for a group (issue 25).
        let every = i > 0
            && ["every", "each", "any", "no"]
                .iter()
                .any(|e| words[i - 1].eq_ignore_ascii_case(e));
        name.len() > 2
            && !every
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name[1..].bytes().all(|b| b.is_ascii_lowercase())
            && !NOT_NAMES.contains(&name.to_ascii_lowercase().as_str())
            && matches!(
                (w[1], w[2]),
                ("is" | "was", "a" | "an" | "such" | "lying") | ("sounds" | "looks", "like")
            )
            && !names_group(name)
    })
}

/// "the dummies who down-voted", "all the trolls here": a plural insult
/// followed by words that put it in this thread.
fn audience_after(after: &str) -> bool {
    after.split_whitespace().take(4).any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        matches!(
            w.as_str(),
            "here"
                | "downvoted"
                | "down-voted"
                | "downvote"
                | "downvoting"
                | "downvoters"
                | "down-vote"
                | "down-voting"
                | "thumbs"
                | "thumbs-down"
                | "commenting"
                | "posting"
        )
    })
}

/// "Said the idiot @name", "@name bitch": a handle right next to the
/// word names the commenter it is aimed at.
fn handle_beside(s: &str, hit: &Range<usize>) -> bool {
    let before = s[..hit.start].split_whitespace().rev().take(2);
    let after = s[hit.end..].split_whitespace().take(1);
    before
        .chain(after)
        .any(|w| w.starts_with('@') && w.len() > 1 && !w.eq_ignore_ascii_case("@user"))
}

/// "you people", "you guys", "all of you", "y'all".
fn you_group(s: &str) -> bool {
    let mut prev = "";
    for w in plain_words(s) {
        let is = |x: &str| w.eq_ignore_ascii_case(x);
        let you = prev.eq_ignore_ascii_case("you");
        if (you
            && ["people", "guys", "lot", "folks", "all"]
                .iter()
                .any(|x| is(x)))
            || (prev.eq_ignore_ascii_case("of") && is("you"))
            || is("y'all")
        {
            return true;
        }
        prev = w;
    }
    false
}

/// The words of `s` as slices of it (no folding: callers compare ASCII
/// case-insensitively, which is all the word lists here need).
fn plain_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

/// An office named by its title ("the senator", "our mayor"): the holder
/// is a public figure even when the article names nobody (issue 14).
fn office(s: &str) -> bool {
    const BEFORE: [&str; 10] = [
        "the", "our", "this", "that", "your", "their", "former", "a", "his", "her",
    ];
    let mut prev = "";
    for w in plain_words(s) {
        if BEFORE.iter().any(|b| prev.eq_ignore_ascii_case(b))
            && TITLES.iter().any(|t| w.eq_ignore_ascii_case(t))
        {
            return true;
        }
        prev = w;
    }
    false
}

/// A person's full name ("Boris Johnson"): two capitalised words in a row,
/// the first not a function word.  Participants are matched before this
/// rule, so a name here is someone outside the thread.
fn outside_name(s: &str) -> bool {
    let words: Vec<&str> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let name = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
    };
    // The name is what the sentence is about: followed by a verb of being
    // or having ("Boris Johnson is a liar"), not "Pokemon Switch game".
    words.windows(3).any(|w| {
        name(w[0])
            && name(w[1])
            && !NOT_NAMES.contains(&w[0].to_lowercase().as_str())
            // "Honestly, Jamaicans should ...", "Native Americans will ...":
            // a group, not a person (issue 25).
            && !names_group(&format!("{} {}", w[0], w[1]))
            && matches!(
                w[2],
                "is" | "was" | "has" | "had" | "should" | "will" | "can"
            )
    })
}

/// Surnames of public figures (`data/lexicons/rules/figures.txt`),
/// lower-cased and sorted.
pub(crate) fn builtin_surnames() -> &'static [String] {
    static FIGURES: OnceLock<Vec<String>> = OnceLock::new();
    FIGURES.get_or_init(|| {
        // Checked by the unit tests, so this cannot fail in a release.
        surnames("<builtin>/rules/figures.txt", FIGURES_TXT, Vec::new())
            .expect("built-in figures list is valid")
    })
}

/// `list` with the surnames of the figures list `text` (one capitalised
/// word an entry: a surname, as a sentence may open with it), lower-cased,
/// sorted and without duplicates.
pub(crate) fn surnames(
    path: &str,
    text: &str,
    mut list: Vec<String>,
) -> Result<Vec<String>, Box<LexiconError>> {
    for e in parse_lexicon(path, text)? {
        if e.term.contains(' ') || !e.term.starts_with(char::is_uppercase) {
            return Err(Box::new(LexiconError {
                path: path.to_owned(),
                line: e.line,
                column: e.column,
                kind: LexiconErrorKind::Syntax {
                    expected: "one surname starting with a capital letter, e.g. Okafor",
                    found: format!("'{}'", e.term),
                },
                source_line: text
                    .lines()
                    .nth(e.line as usize - 1)
                    .unwrap_or_default()
                    .to_owned(),
            }));
        }
        list.push(e.term.to_lowercase());
    }
    list.sort();
    list.dedup();
    Ok(list)
}

const FIGURES_TXT: &str = include_str!("../../data/lexicons/rules/figures.txt");

/// Words after a name that make it a group's label ("Trump supporters").
const FOLLOWERS: &[&str] = &[
    "supporters",
    "voters",
    "fans",
    "followers",
    "loyalists",
    "cultists",
    "people",
    "base",
    "crowd",
    "camp",
    "lovers",
    "haters",
    "apologists",
];

/// The sentence names a public figure by a listed surname ("Trump is a
/// liar", "I think Pelosi lied"), wherever it stands: capitalisation
/// alone cannot tell a name at the start of a sentence from any other
/// word there, so the list decides, and only for a capitalised word.
fn figure_named(s: &str, list: &[String]) -> bool {
    let mut words = plain_words(s).peekable();
    while let Some(w) = words.next() {
        // "Trump", "TRUMP", and the mocking "tRump"; not "trump card".
        if !w.chars().any(char::is_uppercase) {
            continue;
        }
        let name = w.strip_suffix("'s").unwrap_or(w).trim_end_matches('\'');
        let listed = if name.is_ascii() {
            list.binary_search_by(|f| cmp_ignore_ascii_case(f, name))
        } else {
            // A site's own names need not be ASCII ("Ó Ríordáin" is two
            // words, but "Łukaszewicz" is one).
            list.binary_search(&name.to_lowercase())
        };
        if listed.is_err() {
            continue;
        }
        let followers = words
            .peek()
            .is_some_and(|n| FOLLOWERS.iter().any(|f| n.eq_ignore_ascii_case(f)));
        if !followers {
            return true;
        }
    }
    false
}

/// Orders lower-case `a` against `b` as if `b` were lower-cased (ASCII).
fn cmp_ignore_ascii_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes().cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Capitalised words that start sentences, not names.
const NOT_NAMES: &[&str] = &[
    "the", "this", "that", "these", "those", "my", "our", "your", "his", "her", "their", "a", "an",
    "and", "but", "so", "if", "when", "why", "what", "how", "who", "hey", "hi", "hello", "dear",
    "thanks", "wow", "oh", "yes", "no", "well", "nice", "good", "great", "listen", "all", "every",
    "most", "some", "many", "any", "why", "never",
];

/// The sentence names an identity group ("Muslims", "gay people").
fn names_group(s: &str) -> bool {
    let words = Words::of(s);
    let marks = RuleWords::builtin().marks(&words);
    (0..words.len()).any(|i| marks.group_at(&words, i).is_some())
}

/// The comment-level target: the most serious of its hits'.
pub fn resolve(text: &str, hits: &[Hit], ctx: &Context<'_>) -> Resolved {
    Cues::new(text, ctx).resolve(hits)
}

/// Names the article gives a title ("President Donald Trump", "Secretary
/// of State Rex Tillerson"), lower-cased.
#[derive(Debug, Clone, Default)]
pub struct PublicFigures {
    names: BTreeSet<String>,
}

/// Words that name an office; a capitalised name after one is a public
/// figure, and the word itself points at one.
const TITLES: &[&str] = &[
    "president",
    "senator",
    "sen",
    "governor",
    "gov",
    "congressman",
    "congresswoman",
    "rep",
    "minister",
    "secretary",
    "mayor",
    "chancellor",
    "premier",
    "pm",
    "speaker",
    "judge",
    "justice",
    "ambassador",
    "commissioner",
    "whitehouse",
    "potus",
    "king",
    "queen",
    "prince",
    "pope",
];

/// Phrases that point at the office-holder without naming them.
const OFFICE_PHRASES: &[&str] = &["white house", "oval office", "prime minister"];

impl PublicFigures {
    /// Collects titled names from the article text.
    pub fn from_article(article: &str) -> Self {
        let words: Vec<&str> = article
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let mut names = BTreeSet::new();
        for (i, w) in words.iter().enumerate() {
            if !TITLES.contains(&w.to_lowercase().as_str()) || !starts_upper(w) {
                continue;
            }
            let mut j = i + 1;
            // "Secretary of State Rex Tillerson": skip "of <Office>".
            if words.get(j) == Some(&"of") {
                j += 2;
            }
            for name in words.iter().skip(j).take(4) {
                if !starts_upper(name) {
                    break;
                }
                names.insert(name.to_lowercase());
            }
        }
        Self { names }
    }

    /// True when `sentence` names a public figure or an office.
    pub fn named_in(&self, sentence: &str) -> bool {
        let lower = sentence.to_lowercase();
        if OFFICE_PHRASES.iter().any(|p| lower.contains(p)) {
            return true;
        }
        sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| starts_upper(w))
            .map(|w| {
                w.trim_end_matches("'s")
                    .trim_end_matches('\'')
                    .to_lowercase()
            })
            .any(|w| self.names.contains(&w) || TITLES.contains(&w.as_str()))
    }
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Longest sentence read whole, in bytes.  A longer one (a rant with no
/// full stop, or a hostile wall of insults) is read in pieces cut at every
/// multiple of this many bytes of the text, so what a hit's cues cost is
/// bounded (issue 27).  No sentence of the samples, seeds or corpora is
/// this long.
pub(crate) const SENTENCE_MAX: usize = 4096;

fn is_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\n' | '\u{2026}' | ';')
}

/// The sentence (or line) containing `range`, or, in a sentence longer
/// than [`SENTENCE_MAX`], the pieces of it that `range` touches; and
/// whether every range inside the result has the same sentence (no break
/// inside it, one piece).
fn sentence_around(text: &str, range: &Range<usize>) -> (Range<usize>, bool) {
    #[cfg(test)]
    tests::count(|w| w.sentences += 1);
    // Where a sentence of at most SENTENCE_MAX bytes around `range` would
    // lie; a break found further out means a longer sentence.
    // (A break is up to 3 bytes long, hence the slack.)
    let back = floor_boundary(text, range.end.saturating_sub(SENTENCE_MAX + 4));
    let ahead = ceil_boundary(text, range.start.saturating_add(SENTENCE_MAX + 1));
    let start = last_end_between(text, back.min(range.start), range.start);
    let end = first_end_between(text, range.end, ahead.max(range.end));
    // A range across a break (a clause a rule found) has a sentence of its
    // own; so has an empty one.
    let inside = range.is_empty() || text[range.clone()].chars().any(is_end);
    if let (Some(s), Some(e)) = (start, end) {
        if e - s <= SENTENCE_MAX {
            return (s..e, !inside);
        }
    }
    // A long sentence: the pieces between cuts that `range` touches.
    let piece = range.start / SENTENCE_MAX;
    let cut_before = cut(text, piece);
    let last = range.end.div_ceil(SENTENCE_MAX);
    let cut_after = if last > 0 && cut(text, last - 1) >= range.end {
        cut(text, last - 1)
    } else {
        cut(text, last)
    };
    let s = last_end_between(text, cut_before, range.start).unwrap_or(cut_before);
    let e = first_end_between(text, range.end, cut_after).unwrap_or(cut_after);
    let one_piece = cut_after <= cut(text, piece + 1);
    (s..e, !inside && one_piece)
}

/// The `i`-th cut of a long sentence: the first char boundary at or after
/// `i * SENTENCE_MAX`.
fn cut(text: &str, i: usize) -> usize {
    ceil_boundary(text, i.saturating_mul(SENTENCE_MAX))
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Just after the last sentence break in `text[from..to]`; the text's
/// start when `from` is 0 and there is none; `None` otherwise.
fn last_end_between(text: &str, from: usize, to: usize) -> Option<usize> {
    match text[from..to]
        .char_indices()
        .rev()
        .find(|(_, c)| is_end(*c))
    {
        Some((i, c)) => Some(from + i + c.len_utf8()),
        None => (from == 0).then_some(0),
    }
}

/// The first sentence break in `text[from..to]`; the text's end when `to`
/// is the end and there is none; `None` otherwise.
fn first_end_between(text: &str, from: usize, to: usize) -> Option<usize> {
    match text[from..to].char_indices().find(|(_, c)| is_end(*c)) {
        Some((i, _)) => Some(from + i),
        None => (to == text.len()).then_some(to),
    }
}

fn lower_words(s: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            // Most words are lower-case ASCII already: no copy.
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase().replace('\u{2019}', "'"))
            }
        })
}

fn second_person(s: &str) -> bool {
    // One list for the learned layer's feature and this cue.
    let mut words = lower_words(s);
    // "Don't be ridiculous.", "Stop lying.": an order is given to the
    // reader (issue 24).
    let order = words.next().is_some_and(|w| {
        matches!(&*w, "don't" | "dont" | "stop" | "quit" | "shut" | "grow") || is_second_person(&w)
    });
    order || words.any(|w| is_second_person(&w))
}

/// "Hey, Einstein", "Liar.", "Listen, genius": the insult is the whole
/// sentence apart from an interjection, or closes it after a comma ("Nice
/// job, genius.").
fn vocative(s: &str, hit: &Range<usize>) -> bool {
    // A label is a word or two; a whole clause found by a rule ("Refugees
    // are vermin") is not a form of address.
    if s[hit.clone()].split_whitespace().count() > 2 {
        return false;
    }
    let interjection = |w: &str| {
        matches!(
            w,
            "hey" | "hi" | "oh" | "listen" | "look" | "well" | "dear" | "yo" | "ok" | "okay"
        )
    };
    // Only as many words as decide are read: a sentence of thousands of
    // hits is read once, not once a hit (issue 27).
    let nothing_after = lower_words(&s[hit.end..]).next().is_none();
    let tail_is_vocative = nothing_after || s[hit.end..].trim_start().starts_with(',');
    // "Nice job, genius.", "Good luck with that, Einstein": a word set off
    // by a comma at the end of the sentence names the person spoken to.
    let closing = nothing_after && s[..hit.start].trim_end().ends_with(',');
    (tail_is_vocative && lower_words(&s[..hit.start]).all(|w| interjection(&w))) || closing
}

fn is_plural(word: &str) -> bool {
    let w = word.to_lowercase();
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")
}

fn group_words(s: &str) -> bool {
    lower_words(s).any(|w| {
        matches!(
            &*w,
            "those" | "these" | "people" | "they" | "them" | "everyone" | "folks" | "all"
        )
    })
}

#[cfg(test)]
mod tests;

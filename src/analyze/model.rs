//! The learned linear layer of issue 3, inference only: logistic
//! regression over hashed word and character n-grams, with its own
//! normaliser and feature extractor.
//!
//! Word lists catch the incivility a moderator can name; this layer
//! catches the rest (phrasing, misspelt or new insults) and still explains
//! itself, because a linear model's score is a sum over the words of the
//! comment: [`Model::explain`] returns the words that added most.
//!
//! Everything here is pure and deterministic.  The hash is FNV-1a (64
//! bit) followed by a Fibonacci multiply, written out below, never std's
//! randomly seeded hasher, so a feature lands in the same bucket on every
//! run and machine.  How weights are stored on disk lives in
//! `crate::model_file` and how they are learnt in `crate::train` (issue
//! 13: inference, format and training each have a module); this module
//! hands both the plain numbers ([`Weights`]) and, for the trainer, the
//! features of a text ([`features`]).  The shipped weights are compiled in
//! with `include_bytes!` and loaded by [`Model::builtin`].

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

use super::site::SiteLayer;
use crate::stable::{fnv_byte, fnv_bytes, FNV_OFFSET};
use std::sync::Arc;

/// Number of dense (non-hashed) features; see [`DENSE_NAMES`].
pub const N_DENSE: usize = 6;
/// Names of the dense features, in storage order.
///
/// `capitals` is the share of upper-case letters (0 below four letters),
/// `shouted_words` is `ln(1 + n)` for words of three or more letters
/// written all in capitals, `exclamations` and `questions` are `ln(1 + n)`
/// of `!` and `?`, `second_person` is `ln(1 + n)` of you, your, you're,
/// yourself and similar, and `length` is `ln(1 + words) / 5`.
pub const DENSE_NAMES: [&str; N_DENSE] = [
    "capitals",
    "shouted_words",
    "exclamations",
    "questions",
    "second_person",
    "length",
];

/// Longest word (in characters, after normalising) whose character
/// n-grams are taken; longer tokens are mostly URLs and keyboard mashing.
const MAX_GRAM_WORD: usize = 40;

/// Namespace bytes that start each FNV-1a hash, so a word, a bigram and a
/// character n-gram with the same bytes land in different buckets.
const NS_WORD: u8 = b'w';
const NS_BIGRAM: u8 = b'b';
const NS_CHAR: u8 = b'c';

/// 2^64 / golden ratio, for Fibonacci hashing of the FNV value.
const FIB: u64 = 0x9e37_79b9_7f4a_7c15;

/// What the feature extractor takes from a text; stored in the header of
/// the weights file, so a file always scores with the features it was
/// trained on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureConfig {
    /// log2 of the number of hash buckets (16 to 22).
    pub bucket_bits: u8,
    /// Shortest character n-gram, counting the word-boundary marks.
    pub char_min: u8,
    /// Longest character n-gram (at most 8).
    pub char_max: u8,
    /// Whether adjacent word pairs are features.
    pub word_bigrams: bool,
    /// Length normalisation in hundredths: each hashed feature of a family
    /// has value `n^(-norm_power_pct/100)`, where `n` is the number of
    /// features of that family in the text (50 = unit L2 norm, 0 = binary
    /// counts).
    pub norm_power_pct: u8,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            bucket_bits: 20,
            char_min: 2,
            char_max: 5,
            word_bigrams: true,
            norm_power_pct: 50,
        }
    }
}

impl FeatureConfig {
    /// Checks that the configuration is one the extractor supports.
    pub fn check(&self) -> Result<(), ModelError> {
        let ok = (16..=22).contains(&self.bucket_bits)
            && self.char_min >= 1
            && self.char_min <= self.char_max
            && self.char_max <= 8
            && self.norm_power_pct <= 100;
        if ok {
            Ok(())
        } else {
            Err(ModelError::BadConfig(format!("{self:?}")))
        }
    }

    #[inline]
    fn bucket(&self, h: u64) -> u32 {
        (h.wrapping_mul(FIB) >> (64 - u32::from(self.bucket_bits))) as u32
    }
}

/// Why a set of [`Weights`] cannot make a model.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelError {
    /// The feature configuration is outside the supported ranges.
    #[error("unsupported feature configuration: {0}")]
    BadConfig(String),
    /// The numbers do not fit together (count, precision, finiteness).
    #[error("inconsistent weights: {0}")]
    BadWeights(String),
}

/// The feature family a hashed feature belongs to; each family's values
/// are scaled so that its block of the feature vector has unit length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// Word unigrams and bigrams.
    Word,
    /// Character n-grams inside words.
    Char,
}

/// One word token as the extractor saw it.
struct Token<'t> {
    /// Byte offset of the token in the text.
    start: usize,
    /// The token as written.
    raw: &'t str,
    /// Letters, and upper-case letters, in the token.
    letters: u32,
    upper: u32,
    /// Counts towards `shouted_words` and `second_person`.
    shouted: bool,
    second: bool,
}

/// Receives what the extractor finds, in text order.
trait Sink {
    /// A word token, reported before its features.
    fn token(&mut self, _token: &Token<'_>) {}
    /// A hashed feature of token `index` (a bigram belongs to its second
    /// word).
    fn feature(&mut self, index: usize, family: Family, bucket: u32);
    /// A word bigram ending at token `index`; a word feature unless the
    /// sink needs to tell them apart.
    fn bigram(&mut self, index: usize, bucket: u32) {
        self.feature(index, Family::Word, bucket);
    }
}

/// Totals of one extraction: feature counts per family and the dense
/// feature values.
#[derive(Debug, Clone, Copy)]
struct Summary {
    n_word: u32,
    n_char: u32,
    dense: [f32; N_DENSE],
}

impl Summary {
    /// Value of one hashed feature of `family`: `count^-power`; with
    /// power 1/2 each family's block has unit L2 norm (before collisions).
    fn value(&self, family: Family, cfg: &FeatureConfig) -> f32 {
        let n = match family {
            Family::Word => self.n_word,
            Family::Char => self.n_char,
        };
        (n.max(1) as f32).powf(-f32::from(cfg.norm_power_pct) / 100.0)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '*'
}

/// Second-person words, which mark incivility aimed at a person: the
/// learned layer's `second_person` feature and the target cue of
/// `target.rs` read this one list.  `norm` is lower case with straight
/// apostrophes.
pub(crate) fn is_second_person(norm: &str) -> bool {
    matches!(
        norm,
        "you"
            | "your"
            | "you're"
            | "youre"
            | "yours"
            | "yourself"
            | "yourselves"
            | "ya"
            | "u"
            | "ur"
            | "you've"
            | "you'll"
            | "you'd"
    )
}

/// Appends the normal form of one word to `out`: NFKC, lower case, curly
/// apostrophes to `'`, and runs of three or more equal letters cut to two
/// ("stuuupid" becomes "stuupid").  ASCII words skip NFKC.
fn normalize_word(raw: &str, out: &mut String) {
    out.clear();
    let push = |c: char, out: &mut String| {
        let c = if is_apostrophe(c) { '\'' } else { c };
        if c.is_alphabetic() {
            let mut tail = out.chars().rev();
            if tail.next() == Some(c) && tail.next() == Some(c) {
                return;
            }
        }
        out.push(c);
    };
    if raw.is_ascii() {
        // The same rules on bytes: `out` stays ASCII, so its last two
        // bytes are its last two characters.
        for b in raw.bytes() {
            let b = match b.to_ascii_lowercase() {
                b'`' => b'\'',
                b => b,
            };
            let tail = out.as_bytes();
            if b.is_ascii_alphabetic() && tail.ends_with(&[b, b]) {
                continue;
            }
            out.push(char::from(b));
        }
    } else {
        for c in raw.nfkc() {
            for l in c.to_lowercase() {
                push(l, out);
            }
        }
    }
}

/// Splits `text` into word tokens and reports every feature to `sink`.
///
/// A token is a run of letters, digits and `*` (masking, as in "f**k"),
/// with apostrophes kept between word characters; tokens without a letter
/// or digit are skipped.
fn extract<S: Sink>(cfg: &FeatureConfig, text: &str, sink: &mut S) -> Summary {
    let mut norm = String::with_capacity(64);
    let mut bounds: Vec<usize> = Vec::with_capacity(MAX_GRAM_WORD + 1);
    let (mut letters, mut upper, mut shouted, mut second) = (0u32, 0u32, 0u32, 0u32);
    let mut n_word = 0u32;
    let mut n_char = 0u32;
    let mut index = 0usize;
    let mut prev_bigram: Option<u64> = None;

    let bytes = text.as_bytes();
    let exclamations = bytes.iter().filter(|&&b| b == b'!').count();
    let questions = bytes.iter().filter(|&&b| b == b'?').count();

    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_alphabetic() {
            letters += 1;
            upper += u32::from(c.is_uppercase());
        }
        if !is_word_char(c) {
            // Sentence punctuation breaks bigrams; spaces do not.
            if matches!(c, '.' | '!' | '?' | ';' | ':' | ',') {
                prev_bigram = None;
            }
            continue;
        }
        // Extend the token.
        let mut end = start + c.len_utf8();
        let (mut has_alnum, mut all_upper, mut n_letters) = (
            c.is_alphanumeric(),
            !c.is_lowercase(),
            u32::from(c.is_alphabetic()),
        );
        let mut token_upper = u32::from(c.is_alphabetic() && c.is_uppercase());
        while let Some(&(i, d)) = chars.peek() {
            if is_word_char(d) {
                chars.next();
                if d.is_alphabetic() {
                    letters += 1;
                    n_letters += 1;
                    let up = u32::from(d.is_uppercase());
                    upper += up;
                    token_upper += up;
                }
                has_alnum |= d.is_alphanumeric();
                all_upper &= !d.is_lowercase();
                end = i + d.len_utf8();
            } else if is_apostrophe(d) {
                // Keep it only when a word character follows.
                let mut ahead = text[i + d.len_utf8()..].chars();
                if ahead.next().is_some_and(|e| e.is_alphanumeric()) {
                    chars.next();
                    end = i + d.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if !has_alnum {
            continue;
        }
        let raw = &text[start..end];
        normalize_word(raw, &mut norm);
        let is_shouted = all_upper && n_letters >= 3;
        let is_second = is_second_person(&norm);
        sink.token(&Token {
            start,
            raw,
            letters: n_letters,
            upper: token_upper,
            shouted: is_shouted,
            second: is_second,
        });
        shouted += u32::from(is_shouted);
        second += u32::from(is_second);

        // Word unigram and bigram.
        let nb = norm.as_bytes();
        let h = fnv_bytes(fnv_byte(FNV_OFFSET, NS_WORD), nb);
        sink.feature(index, Family::Word, cfg.bucket(h));
        n_word += 1;
        if cfg.word_bigrams {
            if let Some(p) = prev_bigram {
                let hb = fnv_bytes(p, nb);
                sink.bigram(index, cfg.bucket(hb));
                n_word += 1;
            }
            let p = fnv_bytes(fnv_byte(FNV_OFFSET, NS_BIGRAM), nb);
            prev_bigram = Some(fnv_byte(p, b' '));
        }

        // Character n-grams of " word ", hashed incrementally per start.
        let (lo, hi) = (usize::from(cfg.char_min), usize::from(cfg.char_max));
        if nb.is_ascii() {
            // Most words: one byte per character, so the padded word is a
            // byte string and each unit one FNV step (issue 6; the hashes
            // are those of the general path below).
            let m = nb.len().min(MAX_GRAM_WORD);
            let mut padded = [b' '; MAX_GRAM_WORD + 2];
            padded[1..=m].copy_from_slice(&nb[..m]);
            let units = m + 2;
            for i in 0..units {
                let mut g = fnv_byte(FNV_OFFSET, NS_CHAR);
                for (len, &b) in padded[i..units.min(i + hi)].iter().enumerate() {
                    g = fnv_byte(g, b);
                    if len + 1 >= lo {
                        sink.feature(index, Family::Char, cfg.bucket(g));
                        n_char += 1;
                    }
                }
            }
            index += 1;
            continue;
        }
        // Units: 0 = leading space, 1..=m = characters, m + 1 = space.
        bounds.clear();
        bounds.extend(norm.char_indices().take(MAX_GRAM_WORD).map(|(i, _)| i));
        let m = bounds.len();
        bounds.push(
            norm.char_indices()
                .nth(MAX_GRAM_WORD)
                .map_or(nb.len(), |(i, _)| i),
        );
        let unit = |u: usize| -> &[u8] {
            if u == 0 || u == m + 1 {
                b" "
            } else {
                &nb[bounds[u - 1]..bounds[u]]
            }
        };
        let units = m + 2;
        for i in 0..units {
            let mut g = fnv_byte(FNV_OFFSET, NS_CHAR);
            for (len, u) in (i..units.min(i + hi)).enumerate() {
                g = fnv_bytes(g, unit(u));
                if len + 1 >= lo {
                    sink.feature(index, Family::Char, cfg.bucket(g));
                    n_char += 1;
                }
            }
        }
        index += 1;
    }

    Counts {
        letters,
        upper,
        shouted,
        second,
        exclamations: exclamations as u32,
        questions: questions as u32,
        tokens: index as u32,
        n_word,
        n_char,
    }
    .summary()
}

/// The integer totals behind a [`Summary`].
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    letters: u32,
    upper: u32,
    shouted: u32,
    second: u32,
    exclamations: u32,
    questions: u32,
    tokens: u32,
    n_word: u32,
    n_char: u32,
}

impl Counts {
    fn summary(&self) -> Summary {
        let capitals = if self.letters >= 4 {
            self.upper as f32 / self.letters as f32
        } else {
            0.0
        };
        let ln1p = |n: u32| (n as f32).ln_1p();
        Summary {
            n_word: self.n_word,
            n_char: self.n_char,
            dense: [
                capitals,
                ln1p(self.shouted),
                ln1p(self.exclamations),
                ln1p(self.questions),
                ln1p(self.second),
                ln1p(self.tokens) / 5.0,
            ],
        }
    }
}

/// What one token adds to the totals of the piece of text it is in.
#[derive(Debug, Clone, Copy, Default)]
struct TokenSums {
    start: usize,
    /// Length in bytes of the token as written.
    len: u32,
    letters: u32,
    upper: u32,
    shouted: bool,
    second: bool,
    /// Unigram weight.
    unigram: i64,
    /// Weight of the bigram ending here, if the token had one.
    bigram: Option<i64>,
    /// Character n-gram weights and their number.
    char: i64,
    n_char: u32,
}

/// Keeps per-token sums, so the score of every sentence can be had from
/// one extraction of the whole text (issue 6).
struct Recorder<'a, W> {
    weights: &'a [W],
    tokens: Vec<TokenSums>,
}

impl<W: Copy + Into<i64>> Sink for Recorder<'_, W> {
    #[inline]
    fn token(&mut self, t: &Token<'_>) {
        self.tokens.push(TokenSums {
            start: t.start,
            len: t.raw.len() as u32,
            letters: t.letters,
            upper: t.upper,
            shouted: t.shouted,
            second: t.second,
            ..TokenSums::default()
        });
    }

    #[inline]
    fn feature(&mut self, _index: usize, family: Family, bucket: u32) {
        let w: i64 = self.weights[bucket as usize].into();
        // Features always follow their token, so the last entry is theirs.
        if let Some(t) = self.tokens.last_mut() {
            match family {
                Family::Word => t.unigram += w,
                Family::Char => {
                    t.char += w;
                    t.n_char += 1;
                }
            }
        }
    }

    #[inline]
    fn bigram(&mut self, _index: usize, bucket: u32) {
        let w: i64 = self.weights[bucket as usize].into();
        if let Some(t) = self.tokens.last_mut() {
            t.bigram = Some(w);
        }
    }
}

/// One extraction of a text by [`Model::scoring`]: its scores, and the
/// per-token sums that [`Model::explain_scoring`] reads.
#[derive(Debug, Clone)]
pub struct Scoring {
    /// Probability of the whole text.
    pub whole: f64,
    /// Highest probability of one of its sentences (0 when none is long
    /// enough; see [`Model::score_with_sentences`]).
    pub sentence: f64,
    summary: Summary,
    tokens: Vec<TokenSums>,
}

/// A logistic-regression incivility scorer with quantised weights.
///
/// `logit = bias + scale * (v_word * sum q[word features] + v_char * sum
/// q[char features]) + dense . x`, where `v_family = 1/sqrt(number of
/// features of that family in the text)`, and the score is
/// `1 / (1 + exp(-logit))`.
#[derive(Clone, PartialEq)]
pub struct Model {
    config: FeatureConfig,
    quant_bits: u8,
    scale: f32,
    bias: f32,
    threshold: f32,
    dense: [f32; N_DENSE],
    weights: Vec<i16>,
    /// `weights` as bytes when they all fit (8-bit files): half the cache
    /// footprint for the random lookups that dominate scoring (issue 6).
    narrow: Vec<i8>,
    /// A site's own layer over the scorer (`site.rs`, issue 26); `None`
    /// for the built-in scorer.
    site: Option<Arc<SiteLayer>>,
}

/// The weights as `i8` when every one fits, else empty.
fn narrow(weights: &[i16]) -> Vec<i8> {
    weights
        .iter()
        .map(|&w| i8::try_from(w).ok())
        .collect::<Option<Vec<i8>>>()
        .unwrap_or_default()
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("config", &self.config)
            .field("quant_bits", &self.quant_bits)
            .field("scale", &self.scale)
            .field("bias", &self.bias)
            .field("threshold", &self.threshold)
            .field("dense", &self.dense)
            .field(
                "site_features",
                &self.site.as_ref().map(|s| s.features.len()),
            )
            .field(
                "nonzero_weights",
                &self.weights.iter().filter(|&&w| w != 0).count(),
            )
            .finish()
    }
}

/// The shipped weights (see `data/models/README.md`).
static BUILTIN_BYTES: &[u8] = include_bytes!("../../data/models/incivility.bin");

/// Adds up quantised weights per family.
struct Summer<'a> {
    weights: &'a [i16],
    word: i64,
    char: i64,
}

impl Sink for Summer<'_> {
    #[inline]
    fn feature(&mut self, _index: usize, family: Family, bucket: u32) {
        let w = i64::from(self.weights[bucket as usize]);
        match family {
            Family::Word => self.word += w,
            Family::Char => self.char += w,
        }
    }
}

/// The numbers a [`Model`] is made of: what a weights file stores and
/// what the trainer produces.
///
/// `logit = bias + scale * (v_word * sum buckets[word features] + v_char *
/// sum buckets[char features]) + dense . x` (see [`Model`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// The features the weights were trained on.
    pub config: FeatureConfig,
    /// Storage precision of `buckets`: 8 or 16 bits.
    pub quant_bits: u8,
    /// A stored bucket weight times `scale` is its weight.
    pub scale: f32,
    /// The intercept.
    pub bias: f32,
    /// Decision threshold of the layer alone (probability).
    pub threshold: f32,
    /// Weights of the dense features, in [`DENSE_NAMES`] order.
    pub dense: [f32; N_DENSE],
    /// One quantised weight per hash bucket (`2^bucket_bits` of them).
    pub buckets: Vec<i16>,
}

impl Model {
    /// The model shipped in `data/models/incivility.bin`, parsed once.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            crate::model_file::decode_weights(BUILTIN_BYTES)
                .expect("data/models/incivility.bin is a valid model")
        })
    }

    /// The bytes of the shipped weights file, as compiled in.
    pub fn builtin_bytes() -> &'static [u8] {
        BUILTIN_BYTES
    }

    /// A model from its numbers, checked: a supported configuration, one
    /// weight per bucket within the stated precision, finite floats.
    pub fn new(w: Weights) -> Result<Model, ModelError> {
        w.config.check()?;
        let qmax: i16 = match w.quant_bits {
            8 => 127,
            16 => i16::MAX,
            q => return Err(ModelError::BadWeights(format!("{q}-bit weights"))),
        };
        let n = 1usize << w.config.bucket_bits;
        if w.buckets.len() != n {
            return Err(ModelError::BadWeights(format!(
                "{} bucket weights for {n} buckets",
                w.buckets.len()
            )));
        }
        if let Some(b) = w
            .buckets
            .iter()
            .position(|&q| q.abs() > qmax || q == i16::MIN)
        {
            return Err(ModelError::BadWeights(format!(
                "bucket {b} holds {} in a {}-bit file",
                w.buckets[b], w.quant_bits
            )));
        }
        let floats = [w.scale, w.bias, w.threshold].into_iter().chain(w.dense);
        if floats.clone().any(|f| !f.is_finite()) || w.scale <= 0.0 {
            return Err(ModelError::BadWeights(format!(
                "scale, bias, threshold or a dense weight is not a finite number (scale {}, bias {}, threshold {}, dense {:?})",
                w.scale, w.bias, w.threshold, w.dense
            )));
        }
        Ok(Model {
            narrow: narrow(&w.buckets),
            config: w.config,
            quant_bits: w.quant_bits,
            scale: w.scale,
            bias: w.bias,
            threshold: w.threshold,
            dense: w.dense,
            weights: w.buckets,
            site: None,
        })
    }

    /// Returns the model with `site` as a site's own layer over the scorer
    /// (issue 26), or the built-in scorer alone with `None`.
    pub fn with_site(mut self, site: Option<SiteLayer>) -> Model {
        self.site = site.map(Arc::new);
        self
    }

    /// The site's own layer, if any.
    pub fn site(&self) -> Option<&SiteLayer> {
        self.site.as_deref()
    }

    /// The model's numbers (a copy), for writing it out or training from
    /// it; the site layer, if any, is apart ([`Model::site`]).
    pub fn to_weights(&self) -> Weights {
        Weights {
            config: self.config,
            quant_bits: self.quant_bits,
            scale: self.scale,
            bias: self.bias,
            threshold: self.threshold,
            dense: self.dense,
            buckets: self.weights.clone(),
        }
    }

    /// First 16 hex digits of the SHA-256 of the weights (as a bare
    /// weights file), as run.json and the `--incremental` state name them.
    pub fn version(&self) -> String {
        let mut bytes = crate::model_file::encode_weights(self);
        // A site layer changes the scores, so it changes the version;
        // without one the version is that of the bare weights, as it always
        // was.
        if let Some(s) = &self.site {
            bytes.extend(crate::model_file::encode_site_layer(s));
        }
        crate::model_file::hex(&crate::model_file::sha256(&bytes)[..8])
    }

    /// What `word` adds to the logit of a text made of it alone: its
    /// unigram and character n-gram weights, length-normalised as in
    /// scoring, without the bias and the dense features.  Comparing two
    /// models' figures shows which words a retraining moved (`threadwatch
    /// train`).
    pub fn word_weight(&self, word: &str) -> f64 {
        let mut sum = Summer {
            weights: &self.weights,
            word: 0,
            char: 0,
        };
        let s = extract(&self.config, word, &mut sum);
        let scale = f64::from(self.scale);
        scale * f64::from(s.value(Family::Word, &self.config)) * sum.word as f64
            + scale * f64::from(s.value(Family::Char, &self.config)) * sum.char as f64
    }

    /// The feature configuration the weights were trained with.
    pub fn config(&self) -> FeatureConfig {
        self.config
    }

    /// The documented decision threshold: a text is uncivil when
    /// `score >= threshold()`.
    pub fn threshold(&self) -> f64 {
        f64::from(self.threshold)
    }

    /// Returns the model with another decision threshold.
    pub fn with_threshold(mut self, threshold: f64) -> Model {
        self.threshold = threshold as f32;
        self
    }

    fn logit(&self, text: &str) -> f64 {
        let mut sum = Summer {
            weights: &self.weights,
            word: 0,
            char: 0,
        };
        let s = extract(&self.config, text, &mut sum);
        self.combine(&s, sum.word, sum.char)
    }

    /// The logit of a text whose features sum to `word` and `char`.
    fn combine(&self, s: &Summary, word: i64, char: i64) -> f64 {
        let mut z = f64::from(self.bias);
        let scale = f64::from(self.scale);
        z += scale * f64::from(s.value(Family::Word, &self.config)) * word as f64;
        z += scale * f64::from(s.value(Family::Char, &self.config)) * char as f64;
        for (w, x) in self.dense.iter().zip(s.dense) {
            z += f64::from(*w) * f64::from(x);
        }
        z
    }

    /// Probability in [0, 1] that `text` is uncivil.
    pub fn score(&self, text: &str) -> f64 {
        sigmoid(self.logit(text))
    }

    /// The score of the whole text and the highest score of one of its
    /// sentences, so that one insult in a long civil comment is not
    /// diluted by the length normalisation.
    ///
    /// A sentence ends after each `.`, `!`, `?` or line break; sentences
    /// of fewer than two whitespace-separated tokens are not scored alone
    /// (0 when none is left).  When at most one piece holds any token,
    /// that piece has the features of the whole text, so the whole score
    /// is reused and short comments cost one pass.
    ///
    /// The text is extracted once (issue 6: extracting every sentence again
    /// cost as much as the whole text).  A sentence's tokens, unigrams and
    /// character n-grams are the whole text's tokens inside it, because
    /// every sentence end is a token break; only a bigram reaching back
    /// across a line break belongs to the whole text and not to the
    /// sentence, and is left out.  The integer sums are exact, so scores
    /// equal those of scoring each sentence on its own.
    pub fn score_with_sentences(&self, text: &str) -> (f64, f64) {
        let scoring = self.scoring(text);
        (scoring.whole, scoring.sentence)
    }

    /// [`Model::score_with_sentences`], keeping the per-token sums so that
    /// [`Model::explain_scoring`] needs no second extraction (issue 6:
    /// explaining every uncivil comment again cost 5% of a run).
    pub fn scoring(&self, text: &str) -> Scoring {
        let (s, tokens) = if self.narrow.is_empty() {
            self.record(text, &self.weights)
        } else {
            self.record(text, &self.narrow)
        };
        let (word, char) = tokens.iter().fold((0i64, 0i64), |(w, c), t| {
            (w + t.unigram + t.bigram.unwrap_or(0), c + t.char)
        });
        let whole = sigmoid(self.combine(&s, word, char));

        let pieces: Vec<(usize, &str)> = text
            .split_inclusive(['.', '!', '?', '\n'])
            .scan(0, |at, p| {
                let start = *at;
                *at += p.len();
                Some((start, p))
            })
            .filter(|(_, p)| p.split_whitespace().next().is_some())
            .collect();
        if pieces.len() <= 1 {
            let long = pieces
                .first()
                .is_some_and(|(_, p)| p.split_whitespace().nth(1).is_some());
            let sentence = if long { whole } else { 0.0 };
            return Scoring {
                whole,
                sentence,
                summary: s,
                tokens,
            };
        }
        let mut best = 0.0;
        let mut next = 0;
        for (start, p) in pieces {
            let end = start + p.len();
            while next < tokens.len() && tokens[next].start < start {
                next += 1;
            }
            let first = next;
            while next < tokens.len() && tokens[next].start < end {
                next += 1;
            }
            if p.split_whitespace().nth(1).is_none() {
                continue;
            }
            let score = sigmoid(self.piece_logit(p, &tokens[first..next]));
            best = f64::max(best, score);
        }
        Scoring {
            whole,
            sentence: best,
            summary: s,
            tokens,
        }
    }

    /// Extracts `text` once, keeping the sums of every token.
    fn record<W: Copy + Into<i64>>(&self, text: &str, weights: &[W]) -> (Summary, Vec<TokenSums>) {
        let mut rec = Recorder {
            weights,
            tokens: Vec::with_capacity(text.len() / 4),
        };
        let s = extract(&self.config, text, &mut rec);
        (s, rec.tokens)
    }

    /// The logit of piece `p` of a text, from the sums of its tokens.
    fn piece_logit(&self, p: &str, tokens: &[TokenSums]) -> f64 {
        let mut c = Counts {
            exclamations: p.bytes().filter(|&b| b == b'!').count() as u32,
            questions: p.bytes().filter(|&b| b == b'?').count() as u32,
            tokens: tokens.len() as u32,
            ..Counts::default()
        };
        let (mut word, mut char) = (0i64, 0i64);
        for (k, t) in tokens.iter().enumerate() {
            c.letters += t.letters;
            c.upper += t.upper;
            c.shouted += u32::from(t.shouted);
            c.second += u32::from(t.second);
            c.n_char += t.n_char;
            c.n_word += 1;
            word += t.unigram;
            char += t.char;
            // A piece starts with no previous word.
            if let (Some(b), true) = (t.bigram, k > 0) {
                word += b;
                c.n_word += 1;
            }
        }
        self.combine(&c.summary(), word, char)
    }

    /// The `k` words that raised the score most, as they appear in `text`
    /// (the first spelling when a word repeats), with their contribution
    /// to the logit, largest first.
    ///
    /// A word's contribution is its unigram and character n-gram weights
    /// plus half of each bigram it is part of, plus its share of the
    /// `second_person` and `shouted_words` dense features when it is such
    /// a word.  `!`, `?` and `[capitals]` appear as pseudo-words for their
    /// dense features; the bias and the length feature are not shown.
    /// Only positive contributions are returned, so a civil text may get
    /// an empty list.
    pub fn explain(&self, text: &str, k: usize) -> Vec<(String, f64)> {
        self.explain_scoring(text, &self.scoring(text), k)
    }

    /// [`Model::explain`] from the sums [`Model::scoring`] kept for `text`.
    pub fn explain_scoring(&self, text: &str, scoring: &Scoring, k: usize) -> Vec<(String, f64)> {
        let (s, tokens) = (&scoring.summary, &scoring.tokens);
        let scale = f64::from(self.scale);
        let vw = scale * f64::from(s.value(Family::Word, &self.config));
        let vc = scale * f64::from(s.value(Family::Char, &self.config));

        // Normal forms again, one buffer for all: only explained texts
        // pay for them.
        let n = tokens.len();
        let raw = |i: usize| &text[tokens[i].start..tokens[i].start + tokens[i].len as usize];
        let mut norms = String::new();
        let mut bounds: Vec<std::ops::Range<usize>> = Vec::with_capacity(n);
        let mut word = String::new();
        for i in 0..n {
            normalize_word(raw(i), &mut word);
            let at = norms.len();
            norms.push_str(&word);
            bounds.push(at..norms.len());
        }
        let norm = |i: usize| &norms[bounds[i].clone()];

        // Half of each bigram's weight goes to its first word.
        let mut contrib: Vec<f64> = vec![0.0; n];
        for (i, t) in tokens.iter().enumerate() {
            let (uni, bigram) = (t.unigram, t.bigram.unwrap_or(0));
            contrib[i] += vw * uni as f64 + vc * t.char as f64;
            if bigram != 0 && i > 0 {
                contrib[i] += vw * bigram as f64 / 2.0;
                contrib[i - 1] += vw * bigram as f64 / 2.0;
            } else {
                contrib[i] += vw * bigram as f64;
            }
        }
        let second: Vec<usize> = (0..n).filter(|&i| tokens[i].second).collect();
        let shouted: Vec<usize> = (0..n).filter(|&i| tokens[i].shouted).collect();
        for (idxs, d) in [(&second, 4usize), (&shouted, 1usize)] {
            if !idxs.is_empty() {
                let c = f64::from(self.dense[d]) * f64::from(s.dense[d]) / idxs.len() as f64;
                for &i in idxs {
                    contrib[i] += c;
                }
            }
        }

        // One entry per normal form, first spelling, summed contribution,
        // in order of first appearance.  The map only finds an entry (a
        // linear search made long comments quadratic, issue 6); its order
        // never reaches the output.
        let mut out: Vec<(&str, f64)> = Vec::new();
        let mut slot: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, &c) in contrib.iter().enumerate() {
            match slot.get(norm(i)) {
                Some(&k) => out[k].1 += c,
                None => {
                    slot.insert(norm(i), out.len());
                    out.push((raw(i), c));
                }
            }
        }
        for (name, d) in [("!", 2usize), ("?", 3), ("[capitals]", 0)] {
            out.push((name, f64::from(self.dense[d]) * f64::from(s.dense[d])));
        }
        out.retain(|e| e.1 > 0.0);
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        out.truncate(k);
        out.into_iter().map(|(w, c)| (w.to_owned(), c)).collect()
    }
}

/// Set in a [`Features::buckets`] entry for a character n-gram.
pub const CHAR_FEATURE: u32 = 1 << 31;

/// The features of one text, as a trainer reads them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Hashed features in extraction order: the bucket, with
    /// [`CHAR_FEATURE`] set for character n-grams (word unigrams and
    /// bigrams have it clear).  A bucket may repeat.
    pub buckets: Vec<u32>,
    /// Value of each word feature.
    pub word_value: f32,
    /// Value of each character n-gram feature.
    pub char_value: f32,
    /// The dense features, in [`DENSE_NAMES`] order.
    pub dense: [f32; N_DENSE],
}

impl Features {
    /// The bucket and value of entry `e` of [`Features::buckets`].
    #[inline]
    pub fn entry(&self, e: u32) -> (usize, f32) {
        if e & CHAR_FEATURE == 0 {
            (e as usize, self.word_value)
        } else {
            ((e & !CHAR_FEATURE) as usize, self.char_value)
        }
    }
}

/// Collects the buckets of one text for [`features`].
struct Collector<'a>(&'a mut Vec<u32>);

impl Sink for Collector<'_> {
    #[inline]
    fn feature(&mut self, _index: usize, family: Family, bucket: u32) {
        self.0.push(match family {
            Family::Word => bucket,
            Family::Char => bucket | CHAR_FEATURE,
        });
    }
}

/// Extracts the features of `text` under `cfg` into `out`, reusing its
/// buffer (the trainer extracts every text once and keeps the result).
pub fn features_into(cfg: &FeatureConfig, text: &str, out: &mut Features) {
    out.buckets.clear();
    let s = extract(cfg, text, &mut Collector(&mut out.buckets));
    out.word_value = s.value(Family::Word, cfg);
    out.char_value = s.value(Family::Char, cfg);
    out.dense = s.dense;
}

/// The features of `text` under `cfg`.
pub fn features(cfg: &FeatureConfig, text: &str) -> Features {
    let mut f = Features::default();
    features_into(cfg, text, &mut f);
    f
}

/// Receives the normal form of every token, for [`words`].
struct Words(Vec<String>);

impl Sink for Words {
    fn token(&mut self, t: &Token<'_>) {
        let mut norm = String::new();
        normalize_word(t.raw, &mut norm);
        self.0.push(norm);
    }
    fn feature(&mut self, _index: usize, _family: Family, _bucket: u32) {}
}

/// The words of `text` as the extractor reads them: tokens in text order,
/// in normal form (lower case, NFKC, long letter runs cut to two).
pub fn words(text: &str) -> Vec<String> {
    let mut w = Words(Vec::new());
    extract(&FeatureConfig::default(), text, &mut w);
    w.0
}

/// The logistic function.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests;

//! Perspective's attribute names as our categories (issue 28).
//!
//! Each attribute reads the categories that mean it; its score is the
//! built-in incivility, calibrated per attribute (`calibration.rs`), with
//! the attribute's own flag as the second input: "you idiot" is an
//! INSULT, while "this is shit" is PROFANITY and not an INSULT although
//! both are uncivil.  `TW_<CATEGORY>` names one of our categories.

use crate::analyze::category::{Category, CATEGORIES, COUNT};

/// An attribute a client may request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Attribute {
    /// One of Perspective's, by its index in [`PERSPECTIVE`].
    Perspective(usize),
    /// One of our categories (`TW_NAME_CALLING`), by column index.
    Own(usize),
}

/// One row of the mapping table.
#[derive(Debug, Clone, Copy)]
pub struct Mapping {
    /// Perspective's name.
    pub name: &'static str,
    /// Our categories that mean it; empty for TOXICITY (every category).
    pub categories: &'static [&'static str],
    /// One line for the README's table and `help serve`.
    pub meaning: &'static str,
}

/// Perspective's production attributes, in its documentation's order.
pub const PERSPECTIVE: &[Mapping] = &[
    Mapping {
        name: "TOXICITY",
        categories: &[],
        meaning: "any uncivil comment: the incivility score, calibrated",
    },
    Mapping {
        name: "SEVERE_TOXICITY",
        categories: &["threat", "identity_attack"],
        meaning: "the severe band: threats and attacks on identity groups",
    },
    Mapping {
        name: "INSULT",
        categories: &[
            "name_calling",
            "aspersion",
            "lying_accusation",
            "pejorative_speech",
            "mockery",
        ],
        meaning: "insults, disparagement, calling someone a liar, ridicule",
    },
    Mapping {
        name: "PROFANITY",
        categories: &["vulgarity"],
        meaning: "crude or profane words",
    },
    Mapping {
        name: "THREAT",
        categories: &["threat"],
        meaning: "threats and calls to violence",
    },
    Mapping {
        name: "IDENTITY_ATTACK",
        categories: &["identity_attack"],
        meaning: "slurs and attacks on identity groups",
    },
];

/// The prefix of our own categories' attribute names.
pub const OWN_PREFIX: &str = "TW_";

impl Attribute {
    /// The attribute named `name` (Perspective's spelling: upper case).
    pub fn parse(name: &str) -> Option<Attribute> {
        if let Some(i) = PERSPECTIVE.iter().position(|m| m.name == name) {
            return Some(Attribute::Perspective(i));
        }
        let own = name.strip_prefix(OWN_PREFIX)?;
        CATEGORIES
            .iter()
            .position(|c| c.name.to_uppercase() == own)
            .map(Attribute::Own)
    }

    /// Its name as clients write it.
    pub fn name(self) -> String {
        match self {
            Attribute::Perspective(i) => PERSPECTIVE[i].name.to_owned(),
            Attribute::Own(i) => format!("{OWN_PREFIX}{}", CATEGORIES[i].name.to_uppercase()),
        }
    }

    /// Whether `c` is one of the categories it reads (every one for
    /// TOXICITY).
    pub fn reads(self, c: Category) -> bool {
        match self {
            Attribute::Perspective(i) => {
                let cats = PERSPECTIVE[i].categories;
                cats.is_empty() || cats.contains(&c.as_str())
            }
            Attribute::Own(i) => c.index() == i,
        }
    }

    /// Whether the text's own words were flagged in one of its categories
    /// (`flags` in column order).
    pub fn flagged(self, flags: &[bool; COUNT]) -> bool {
        Category::all().any(|c| flags[c.index()] && self.reads(c))
    }

    /// Every attribute, Perspective's first.
    pub fn all() -> impl Iterator<Item = Attribute> {
        (0..PERSPECTIVE.len())
            .map(Attribute::Perspective)
            .chain((0..COUNT).map(Attribute::Own))
    }
}

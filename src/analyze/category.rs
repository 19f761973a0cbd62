//! The incivility categories, as one table.
//!
//! Every place that lists categories reads [`CATEGORIES`]: the flag columns
//! of comments.csv and of `score` (in table order), the noisy-OR strengths
//! of `incivility.rs`, the built-in word lists of `matcher.rs` (one file of
//! `data/lexicons/` per row that has one), target resolution (`aims`,
//! `personal`), the corpus generator and the help text.  So a new category
//! is one row here plus its word list (issue 13); code names a category
//! only when a rule is about that one category (`Category::SHOUTING`).
//!
//! The order of the rows is the order of the report columns, a contract
//! with spreadsheets: add new rows at the end.

use std::fmt;

/// One row of the category table.
#[derive(Debug, Clone, Copy)]
pub struct CategoryDef {
    /// The report column, which is also the word list's file stem
    /// (`<name>.txt`, `<name>.add.txt` in `--lexicon-dir`).
    pub name: &'static str,
    /// How much a full-weight match adds to a text's incivility (the
    /// noisy-OR of `incivility.rs`; chosen on train rows, see its header).
    pub strength: f64,
    /// The built-in word list, or `None` when the flag is computed
    /// (shouting, from capitals).
    pub words: Option<&'static str>,
    /// Its words are aimed at someone, so they take part in deciding the
    /// comment's target; crude words and capitals have no addressee of
    /// their own.
    pub aims: bool,
    /// Every word of it attacks a person, tagged `person` or not.
    pub personal: bool,
    /// The corpus generator draws uncivil phrases from its strong words.
    pub insult: bool,
    /// The generator writes its `person` words addressed ("you idiot").
    pub addressed: bool,
    /// A negator before one of its words makes it civil ("not an idiot";
    /// `negation.rs`); crude words, threats and jabs stay what they are.
    pub negatable: bool,
    /// One line for `--help` and the row structs' documentation.
    pub help: &'static str,
}

/// The categories, in report column order.
pub const CATEGORIES: &[CategoryDef] = &[
    CategoryDef {
        name: "name_calling",
        strength: 0.75,
        words: Some(include_str!("../../data/lexicons/name_calling.txt")),
        aims: true,
        personal: true,
        insult: true,
        addressed: true,
        negatable: true,
        help: "insulting labels for a person or group",
    },
    CategoryDef {
        name: "aspersion",
        strength: 0.45,
        words: Some(include_str!("../../data/lexicons/aspersion.txt")),
        aims: true,
        personal: false,
        insult: false,
        addressed: false,
        negatable: true,
        help: "disparagement of intelligence or character (an idea or a thing alone is set aside)",
    },
    CategoryDef {
        name: "lying_accusation",
        strength: 0.6,
        words: Some(include_str!("../../data/lexicons/lying_accusation.txt")),
        aims: true,
        personal: true,
        insult: true,
        addressed: false,
        negatable: true,
        help: "calling someone a liar",
    },
    CategoryDef {
        name: "vulgarity",
        strength: 0.6,
        words: Some(include_str!("../../data/lexicons/vulgarity.txt")),
        aims: false,
        personal: false,
        insult: true,
        addressed: false,
        negatable: false,
        help: "crude or profane words, masked forms included",
    },
    CategoryDef {
        name: "pejorative_speech",
        strength: 0.4,
        words: Some(include_str!("../../data/lexicons/pejorative_speech.txt")),
        aims: true,
        personal: false,
        insult: false,
        addressed: false,
        negatable: true,
        help: "belittling how someone speaks or writes",
    },
    CategoryDef {
        name: "threat",
        strength: 0.8,
        words: Some(include_str!("../../data/lexicons/threat.txt")),
        aims: true,
        personal: false,
        insult: true,
        addressed: false,
        negatable: false,
        help: "threats and calls to violence",
    },
    CategoryDef {
        name: "identity_attack",
        strength: 0.8,
        words: Some(include_str!("../../data/lexicons/identity_attack.txt")),
        aims: true,
        personal: false,
        insult: true,
        addressed: false,
        negatable: true,
        help: "slurs and attacks on identity groups",
    },
    CategoryDef {
        name: "shouting",
        strength: 0.25,
        words: None,
        aims: false,
        personal: false,
        insult: false,
        addressed: false,
        negatable: false,
        help: "words in capitals beyond acronyms",
    },
    CategoryDef {
        name: "mockery",
        strength: 0.35,
        words: Some(include_str!("../../data/lexicons/mockery.txt")),
        aims: true,
        personal: false,
        insult: false,
        addressed: false,
        negatable: false,
        help: "ridicule and sarcastic jabs",
    },
];

/// Number of categories (flag columns).
pub const COUNT: usize = CATEGORIES.len();

/// The flag column names, in report order.
pub const FLAG_COLUMNS: [&str; COUNT] = {
    let mut names = [""; COUNT];
    let mut i = 0;
    while i < COUNT {
        names[i] = CATEGORIES[i].name;
        i += 1;
    }
    names
};

/// A category: a row of [`CATEGORIES`], ordered as the columns are.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Category(u8);

impl Category {
    /// Insulting labels (named by the rules that treat epithets apart).
    pub const NAME_CALLING: Category = Category::named("name_calling");
    /// Disparagement ("denied quality" rule hits).
    pub const ASPERSION: Category = Category::named("aspersion");
    /// Crude words.
    pub const VULGARITY: Category = Category::named("vulgarity");
    /// Attacks on identity groups (hate rule hits).
    pub const IDENTITY_ATTACK: Category = Category::named("identity_attack");
    /// Ridicule (ironic praise rule hits).
    pub const MOCKERY: Category = Category::named("mockery");
    /// Threats.
    pub const THREAT: Category = Category::named("threat");
    /// Capitals, computed rather than listed.
    pub const SHOUTING: Category = Category::named("shouting");

    /// The category in row `name` of the table; a name not in the table
    /// fails the build when used in a constant.
    pub const fn named(name: &str) -> Category {
        let mut i = 0;
        while i < COUNT {
            if str_eq(CATEGORIES[i].name, name) {
                return Category(i as u8);
            }
            i += 1;
        }
        panic!("no such category")
    }

    /// Every category, in column order.
    pub fn all() -> impl Iterator<Item = Category> {
        (0..COUNT).map(|i| Category(i as u8))
    }

    /// The categories that have a word list, in column order.
    pub fn listed() -> impl Iterator<Item = Category> {
        Category::all().filter(|c| c.def().words.is_some())
    }

    /// The listed category whose column name is `name`.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::listed().find(|c| c.as_str() == name)
    }

    /// The category's row of the table.
    pub fn def(self) -> &'static CategoryDef {
        &CATEGORIES[self.index()]
    }

    /// The column name, which is also the list's file stem.
    pub fn as_str(self) -> &'static str {
        self.def().name
    }

    /// The column index.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The category of column `index`, if there is one.
    pub fn from_index(index: usize) -> Option<Category> {
        (index < COUNT).then_some(Category(index as u8))
    }
}

impl fmt::Debug for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests;

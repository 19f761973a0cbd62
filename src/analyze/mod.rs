//! Analyzers: pure functions from comment text (and its thread) to scores,
//! flags and evidence.  No IO happens here; word lists arrive as text.

pub mod category;
pub mod civil_use;
pub mod comments;
pub mod facts;
pub mod hate;
pub mod id_table;
pub mod identity;
pub mod incivility;
pub mod language;
pub mod literal;
pub mod matcher;
pub mod mention;
pub mod metrics;
pub mod misspelt;
pub mod model;
pub mod negation;
pub mod normalize;
pub mod people;
pub mod quote;
pub mod reason;
pub mod rule_words;
pub mod rules;
pub mod sarcasm;
pub mod senses;
pub mod shouting;
pub mod signature;
pub mod site;
pub mod speech;
pub mod stack;
pub mod standalone;
pub mod target;
pub mod taunts;
pub mod threat;
pub mod words;

//! Analyzers: pure functions from comment text (and its thread) to scores,
//! flags and evidence.  No IO happens here; word lists arrive as text.

pub mod category;
pub mod comments;
pub mod facts;
pub mod id_table;
pub mod incivility;
pub mod matcher;
pub mod mention;
pub mod metrics;
pub mod model;
pub mod normalize;
pub mod people;
pub mod quote;
pub mod shouting;
pub mod signature;
pub mod standalone;
pub mod target;
pub mod taunts;

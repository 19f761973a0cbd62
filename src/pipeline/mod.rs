//! The run: inputs through a [`Source`], analysis, then the per-user
//! stage, and every result handed to [`Sink`]s.  This is the only way a
//! run happens; `cmd/analyze.rs` only turns flags into a [`Config`] and
//! publishes what the sinks wrote.
//!
//! `source` reads an input's bytes into threads; `analyse` scores one
//! thread's comments into records and facts; `run` streams inputs in
//! batches through both, hands records to the sinks in input order and
//! counts facts into the per-user stage, whose buckets wait in `spill`
//! files; `stream` reads inputs too big to hold as they are analysed;
//! `memory` runs the same path over threads already in memory (for
//! tests, benches and examples).

pub mod analyse;
pub mod input;
pub mod map;
pub mod memory;
pub mod partial;
pub mod piece;
pub mod reduce;
pub mod run;
pub mod sink;
pub mod source;
pub mod spill;
pub mod stream;

pub use input::{Input, Inputs};
pub use run::{run, Config, Events, Outcome, RunError, Silent};
pub use sink::{CommentRecord, Mark, MarkKind, Sink, Tables};
pub use source::{PageSource, Source, Sources};

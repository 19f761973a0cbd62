//! The run: inputs through a [`Source`], analysis, then the per-user
//! stage, and every result handed to [`Sink`]s.  This is the only way a
//! run happens; `cmd/analyze.rs` only turns flags into a [`Config`].

pub mod sink;
pub mod source;

pub use sink::{CommentRecord, Mark, MarkKind, Sink, Tables};
pub use source::{PageSource, Source};

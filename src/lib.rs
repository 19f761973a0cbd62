//! threadwatch: offline, explainable, thread-aware analysis of news-site
//! comment sections.
//!
//! Pages go in ([`input::read_thread`]), each becomes a [`Thread`] whose
//! comments form a [`ReplyTree`], and [`report`] turns threads into rows
//! for CSV.  See `docs/ARCHITECTURE.md` for the map.

pub mod analyze;
pub mod body;
pub mod error;
pub mod generate;
pub mod input;
pub mod model_file;
pub mod parse;
pub mod perspective;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod stable;
pub mod state;
pub mod term;
pub mod thread;
pub mod time;
pub mod train;
pub mod tree;
pub mod zone;

pub use body::Body;
pub use error::{Error, NotText, ParseError, ParseErrorKind, RenderError};
pub use thread::Thread;
pub use tree::{Comment, CommentId, ReplyTree, Status};

//! `--model FILE`: the learned layer a subcommand scores with, either the
//! built-in one or a site model from `threadwatch train` (issue 15).  The
//! only code that reads a model file from disk, so every fault names the
//! file.

use std::path::Path;

use anyhow::Context;
use threadwatch::analyze::model::Model;
use threadwatch::model_file::{self, hex, sha256, SiteModel};

/// The learned layer in use and what identifies it in run.json.
pub struct Chosen {
    /// The site model, when one was given.
    site: Option<SiteModel>,
    /// `builtin`, or the site model's format version (`site-v2`).
    pub version: String,
    /// Hex SHA-256 of the model file (of the built-in weights by default).
    pub sha256: String,
}

impl Chosen {
    /// The model to score with.
    pub fn model(&self) -> &Model {
        self.site.as_ref().map_or(Model::builtin(), |s| &s.model)
    }
}

/// Loads `path`, or the built-in model when `None`.
pub fn choose(path: Option<&Path>) -> anyhow::Result<Chosen> {
    let Some(path) = path else {
        return Ok(Chosen {
            site: None,
            version: "builtin".to_owned(),
            sha256: hex(&sha256(Model::builtin_bytes())),
        });
    };
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read model {}", path.display()))?;
    let site = model_file::decode(&bytes)
        .with_context(|| format!("cannot use model {}", path.display()))?;
    tracing::info!(model = %path.display(), "using site model");
    Ok(Chosen {
        site: Some(site),
        version: format!("site-v{}", model_file::SITE_VERSION),
        sha256: hex(&sha256(&bytes)),
    })
}

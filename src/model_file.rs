//! Model files on disk, as bytes (issue 15; out of `analyze/model.rs` by
//! issue 13): the bare weights format of the shipped layer
//! (`data/models/incivility.bin`) and the versioned site model file that
//! `threadwatch train` writes and `--model` reads.
//!
//! A site model says where it came from (the built-in weights it was
//! trained over, the training data's SHA-256, row counts, the
//! cross-validated figures) before its site layer (`analyze/site.rs`),
//! and ends with the SHA-256 of everything
//! before it, so a truncated, bit-flipped or foreign file is an error that
//! says what is wrong, never a panic or a silently different model.  No
//! IO here: `cmd/` reads the file and names it in the error.

use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::analyze::model::{FeatureConfig, Model, ModelError, Weights, N_DENSE};
use crate::analyze::site::{SiteFeature, SiteLayer, BUCKET_BITS, N_SIGNALS};

/// First bytes of a bare weights file.
const WEIGHTS_MAGIC: &[u8; 4] = b"TWLR";
/// Bytes before the dense weights in a bare weights file.
const WEIGHTS_HEADER: usize = 28;
/// The bare weights format this code reads and writes.
pub const WEIGHTS_VERSION: u16 = 1;

/// First bytes of a site model file.
const SITE_MAGIC: &[u8; 4] = b"TWSM";
/// The site model format this code reads and writes: 2 added the learned
/// combination of the component scores after the weights; 3 (issue 26)
/// holds a site layer over the built-in scorer instead of retrained
/// weights.
pub const SITE_VERSION: u16 = 3;
/// Bytes before the site layer in a site model file.
const SITE_HEADER: usize = 152;
/// Bytes of the closing checksum.
const CHECKSUM: usize = 32;
/// Bytes of the `written_by` field.
const WRITTEN_BY: usize = 16;

/// Why model bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormatError {
    /// Not a file of this kind at all.
    #[error("not a threadwatch {what} file (it does not start with {magic:?})")]
    BadMagic {
        /// The kind expected.
        what: &'static str,
        /// Its magic bytes.
        magic: &'static str,
    },
    /// A bare weights file where a site model was expected.
    #[error(
        "this is a bare weights file (like data/models/incivility.bin), not a site model; \
         make one with `threadwatch train`"
    )]
    BareWeights,
    /// A format version this build cannot read.
    #[error(
        "{what} format version {found} is not supported (this build reads version {expected}); \
         train the model again with this version of threadwatch"
    )]
    UnsupportedVersion {
        /// The kind of file.
        what: &'static str,
        /// The version in the file.
        found: u16,
        /// The version this build reads.
        expected: u16,
    },
    /// Shorter or longer than its header says.
    #[error("{what} has {found} bytes, its header implies {expected} (truncated or damaged)")]
    BadLength {
        /// The part of the file.
        what: &'static str,
        /// Length implied by the header.
        expected: usize,
        /// Actual length.
        found: usize,
    },
    /// The closing SHA-256 does not match the content.
    #[error("checksum mismatch: the file is damaged (or was edited)")]
    Checksum,
    /// A header field holds a value this format never writes.
    #[error("bad header: {0}")]
    BadHeader(String),
    /// The weights do not make a model.
    #[error(transparent)]
    Weights(#[from] ModelError),
    /// The site model was trained over other built-in weights.
    #[error(
        "the model was trained over other built-in weights (sha256 {found}) than this build's \
         ({expected}); train the model again with this version of threadwatch"
    )]
    OtherBase {
        /// Hex SHA-256 in the file.
        found: String,
        /// Hex SHA-256 of this build's weights.
        expected: String,
    },
}

/// Where a site model came from and how it did, as stored in its header.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelInfo {
    /// SHA-256 of the built-in weights it was trained over, or `None`
    /// when trained without the built-in scorer as offset (`--prior
    /// none`).
    pub base_sha256: Option<[u8; 32]>,
    /// The threadwatch version that wrote it (at most 16 bytes of ASCII).
    pub written_by: String,
    /// SHA-256 of the training data file.
    pub data_sha256: [u8; 32],
    /// Data rows read.
    pub rows: u64,
    /// Rows with a label (trained on).
    pub labelled: u64,
    /// Labelled rows marked uncivil (remove).
    pub positives: u64,
    /// Rows whose label was empty (skipped).
    pub skipped: u64,
    /// Folds of the cross-validation.
    pub folds: u8,
    /// Cross-validated ROC AUC of the built-in model on the data.
    pub cv_auc_builtin: f64,
    /// Cross-validated ROC AUC of the site model on the data.
    pub cv_auc_site: f64,
}

/// A site model: its provenance, and the built-in weights with its site
/// layer.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteModel {
    /// The header.
    pub info: ModelInfo,
    /// The built-in model with the site layer ([`Model::site`]).
    pub model: Model,
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Serialises `model` as a bare weights file (little-endian throughout):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 4 | magic `TWLR` |
/// | 4 | 2 | format version (1) |
/// | 6 | 1 | bucket_bits `b` |
/// | 7 | 1 | char_min |
/// | 8 | 1 | char_max |
/// | 9 | 1 | flags: bit 0 = word bigrams |
/// | 10 | 1 | quant_bits `q` (8 or 16) |
/// | 11 | 1 | number of dense features `d` (6) |
/// | 12 | 1 | norm_power_pct (length normalisation, see [`FeatureConfig`]) |
/// | 13 | 3 | reserved, zero |
/// | 16 | 4 | f32 scale: weight = stored integer * scale |
/// | 20 | 4 | f32 bias |
/// | 24 | 4 | f32 decision threshold (probability) |
/// | 28 | 4d | f32 dense weights, in `DENSE_NAMES` order |
/// | 28+4d | 2^b * q/8 | bucket weights, i8 or i16 |
pub fn encode_weights(model: &Model) -> Vec<u8> {
    let w = model.to_weights();
    let mut out = Vec::with_capacity(
        WEIGHTS_HEADER + 4 * N_DENSE + w.buckets.len() * usize::from(w.quant_bits) / 8,
    );
    out.extend_from_slice(WEIGHTS_MAGIC);
    out.extend_from_slice(&WEIGHTS_VERSION.to_le_bytes());
    out.push(w.config.bucket_bits);
    out.push(w.config.char_min);
    out.push(w.config.char_max);
    out.push(u8::from(w.config.word_bigrams));
    out.push(w.quant_bits);
    out.push(N_DENSE as u8);
    out.extend_from_slice(&[w.config.norm_power_pct, 0, 0, 0]);
    for f in [w.scale, w.bias, w.threshold] {
        out.extend_from_slice(&f.to_le_bytes());
    }
    for f in w.dense {
        out.extend_from_slice(&f.to_le_bytes());
    }
    for &b in &w.buckets {
        if w.quant_bits == 8 {
            out.push(b as i8 as u8);
        } else {
            out.extend_from_slice(&b.to_le_bytes());
        }
    }
    out
}

/// Serialises a site layer (little-endian):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 1 | bucket bits of the text features (18) |
/// | 1 | 1 | min_df: fewest training rows a kept feature was in |
/// | 2 | 1 | flags: bit 0 = the built-in combination is the offset |
/// | 3 | 1 | reserved, zero |
/// | 4 | 2 | u16 number `k` of signal weights |
/// | 6 | 2 | reserved, zero |
/// | 8 | 16 | f32 bias, Platt a, Platt b, threshold (calibrated probability) |
/// | 24 | 4k | f32 signal weights (`analyze::site::signal_names` order) |
/// | 24+4k | 4 | u32 number `m` of text features |
/// | 28+4k | 12m | per feature, ascending: u32 bucket (bit 31 = character n-gram), f32 idf, f32 weight |
pub fn encode_site_layer(layer: &SiteLayer) -> Vec<u8> {
    let mut out = Vec::with_capacity(28 + 4 * N_SIGNALS + 12 * layer.features.len());
    out.extend_from_slice(&[BUCKET_BITS, layer.min_df, u8::from(layer.offset), 0]);
    out.extend_from_slice(&(N_SIGNALS as u16).to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    for f in [layer.bias, layer.platt.0, layer.platt.1, layer.threshold]
        .into_iter()
        .chain(layer.signals)
    {
        out.extend_from_slice(&f.to_le_bytes());
    }
    out.extend_from_slice(&(layer.features.len() as u32).to_le_bytes());
    for f in &layer.features {
        let b = f.bucket | if f.char { 1 << 31 } else { 0 };
        out.extend_from_slice(&b.to_le_bytes());
        out.extend_from_slice(&f.idf.to_le_bytes());
        out.extend_from_slice(&f.weight.to_le_bytes());
    }
    out
}

/// Parses a site layer written by [`encode_site_layer`].
pub fn decode_site_layer(bytes: &[u8]) -> Result<SiteLayer, FormatError> {
    let short = |expected: usize| FormatError::BadLength {
        what: "site layer",
        expected,
        found: bytes.len(),
    };
    if bytes.len() < 28 {
        return Err(short(28));
    }
    if bytes[0] != BUCKET_BITS || bytes[2] > 1 || bytes[3] != 0 || bytes[6..8] != [0, 0] {
        return Err(FormatError::BadHeader(
            "the site layer's header holds values this format never writes".into(),
        ));
    }
    let k = usize::from(u16::from_le_bytes([bytes[4], bytes[5]]));
    if k != N_SIGNALS {
        return Err(FormatError::BadHeader(format!(
            "{k} signal weights, this build reads {N_SIGNALS}"
        )));
    }
    let f32_at =
        |o: usize| f32::from_le_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
    let u32_at =
        |o: usize| u32::from_le_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
    let at = 24 + 4 * k;
    if bytes.len() < at + 4 {
        return Err(short(at + 4));
    }
    let m = u32_at(at) as usize;
    let expected = m
        .checked_mul(12)
        .and_then(|x| x.checked_add(at + 4))
        .unwrap_or(usize::MAX);
    if bytes.len() != expected {
        return Err(short(expected));
    }
    let features: Vec<SiteFeature> = (0..m)
        .map(|i| {
            let o = at + 4 + 12 * i;
            let b = u32_at(o);
            SiteFeature {
                bucket: b & !(1 << 31),
                char: b >> 31 == 1,
                idf: f32_at(o + 4),
                weight: f32_at(o + 8),
            }
        })
        .collect();
    SiteLayer::new(
        bytes[2] == 1,
        f32_at(8),
        std::array::from_fn(|i| f32_at(24 + 4 * i)),
        (f32_at(12), f32_at(16)),
        f32_at(20),
        bytes[1],
        features,
    )
    .map_err(FormatError::BadHeader)
}

/// Parses a bare weights file written by [`encode_weights`].
pub fn decode_weights(bytes: &[u8]) -> Result<Model, FormatError> {
    if bytes.len() < WEIGHTS_HEADER || &bytes[..4] != WEIGHTS_MAGIC {
        return Err(FormatError::BadMagic {
            what: "weights",
            magic: "TWLR",
        });
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != WEIGHTS_VERSION {
        return Err(FormatError::UnsupportedVersion {
            what: "weights",
            found: version,
            expected: WEIGHTS_VERSION,
        });
    }
    if bytes[9] > 1 || bytes[13..16] != [0, 0, 0] {
        return Err(FormatError::BadHeader(
            "reserved bits of the weights header are set".into(),
        ));
    }
    let config = FeatureConfig {
        bucket_bits: bytes[6],
        char_min: bytes[7],
        char_max: bytes[8],
        word_bigrams: bytes[9] == 1,
        norm_power_pct: bytes[12],
    };
    config.check()?;
    let quant_bits = bytes[10];
    if quant_bits != 8 && quant_bits != 16 {
        return Err(ModelError::BadWeights(format!("{quant_bits}-bit weights")).into());
    }
    if usize::from(bytes[11]) != N_DENSE {
        return Err(FormatError::BadHeader(format!(
            "{} dense features, expected {N_DENSE}",
            bytes[11]
        )));
    }
    let n = 1usize << config.bucket_bits;
    let head = WEIGHTS_HEADER + 4 * N_DENSE;
    let expected = head + n * usize::from(quant_bits) / 8;
    if bytes.len() != expected {
        return Err(FormatError::BadLength {
            what: "weights",
            expected,
            found: bytes.len(),
        });
    }
    let f32_at =
        |o: usize| f32::from_le_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
    let mut dense = [0.0; N_DENSE];
    for (i, d) in dense.iter_mut().enumerate() {
        *d = f32_at(WEIGHTS_HEADER + 4 * i);
    }
    let body = &bytes[head..];
    let buckets: Vec<i16> = if quant_bits == 8 {
        body.iter().map(|&b| i16::from(b as i8)).collect()
    } else {
        body.chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect()
    };
    Ok(Model::new(Weights {
        config,
        quant_bits,
        scale: f32_at(16),
        bias: f32_at(20),
        threshold: f32_at(24),
        dense,
        buckets,
    })?)
}

/// Serialises a site model (little-endian throughout):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 4 | magic `TWSM` |
/// | 4 | 2 | format version (3) |
/// | 6 | 1 | prior: 1 = over the built-in scorer (its combination is the offset), 0 = alone |
/// | 7 | 1 | reserved, zero |
/// | 8 | 32 | SHA-256 of the built-in weights it was trained over (zero without a prior) |
/// | 40 | 16 | threadwatch version that wrote it, ASCII, NUL-padded |
/// | 56 | 32 | SHA-256 of the training data |
/// | 88 | 8 | u64 rows read |
/// | 96 | 8 | u64 labelled rows (trained on) |
/// | 104 | 8 | u64 labelled uncivil (remove) |
/// | 112 | 8 | u64 rows with an empty label (skipped) |
/// | 120 | 1 | cross-validation folds |
/// | 121 | 7 | reserved, zero |
/// | 128 | 8 | f64 ROC AUC of the built-in model on the rows |
/// | 136 | 8 | f64 cross-validated ROC AUC of the site model |
/// | 144 | 8 | u64 length `n` of the site layer |
/// | 152 | n | the site layer (see [`encode_site_layer`]) |
/// | 152+n | 32 | SHA-256 of everything before it |
///
/// A model without a site layer is written with an empty one.
pub fn encode(site: &SiteModel) -> Vec<u8> {
    let i = &site.info;
    let layer = site.model.site().map_or_else(Vec::new, encode_site_layer);
    let mut out = Vec::with_capacity(SITE_HEADER + layer.len() + CHECKSUM);
    out.extend_from_slice(SITE_MAGIC);
    out.extend_from_slice(&SITE_VERSION.to_le_bytes());
    out.push(u8::from(i.base_sha256.is_some()));
    out.push(0);
    out.extend_from_slice(&i.base_sha256.unwrap_or([0; 32]));
    let mut by = [0u8; WRITTEN_BY];
    let src = i.written_by.as_bytes();
    let n = src.len().min(WRITTEN_BY);
    by[..n].copy_from_slice(&src[..n]);
    out.extend_from_slice(&by);
    out.extend_from_slice(&i.data_sha256);
    for n in [i.rows, i.labelled, i.positives, i.skipped] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.push(i.folds);
    out.extend_from_slice(&[0; 7]);
    out.extend_from_slice(&i.cv_auc_builtin.to_le_bytes());
    out.extend_from_slice(&i.cv_auc_site.to_le_bytes());
    out.extend_from_slice(&(layer.len() as u64).to_le_bytes());
    debug_assert_eq!(out.len(), SITE_HEADER);
    out.extend_from_slice(&layer);
    let sum = sha256(&out);
    out.extend_from_slice(&sum);
    out
}

/// Parses a site model written by [`encode`]: the checksum first, so any
/// damage is reported as such before a field is read.  A model trained
/// over other built-in weights than this build's is an error: its layer
/// corrects scores this build no longer gives.
pub fn decode(bytes: &[u8]) -> Result<SiteModel, FormatError> {
    if bytes.starts_with(WEIGHTS_MAGIC) {
        return Err(FormatError::BareWeights);
    }
    if !bytes.starts_with(SITE_MAGIC) {
        return Err(FormatError::BadMagic {
            what: "model",
            magic: "TWSM",
        });
    }
    if bytes.len() < 6 {
        return Err(FormatError::BadLength {
            what: "model file",
            expected: SITE_HEADER + CHECKSUM,
            found: bytes.len(),
        });
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != SITE_VERSION {
        return Err(FormatError::UnsupportedVersion {
            what: "model",
            found: version,
            expected: SITE_VERSION,
        });
    }
    if bytes.len() < SITE_HEADER + CHECKSUM {
        return Err(FormatError::BadLength {
            what: "model file",
            expected: SITE_HEADER + CHECKSUM,
            found: bytes.len(),
        });
    }
    let u64_at = |o: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&bytes[o..o + 8]);
        u64::from_le_bytes(b)
    };
    let n = u64_at(144);
    let expected = usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_add(SITE_HEADER + CHECKSUM));
    if expected != Some(bytes.len()) {
        return Err(FormatError::BadLength {
            what: "model file",
            expected: expected.unwrap_or(usize::MAX),
            found: bytes.len(),
        });
    }
    let (content, sum) = bytes.split_at(bytes.len() - CHECKSUM);
    if sha256(content) != sum {
        return Err(FormatError::Checksum);
    }
    let prior = bytes[6];
    if prior > 1 || bytes[7] != 0 || bytes[121..128].iter().any(|&b| b != 0) {
        return Err(FormatError::BadHeader("reserved bytes are not zero".into()));
    }
    if prior == 0 && bytes[8..40].iter().any(|&b| b != 0) {
        return Err(FormatError::BadHeader(
            "a base model hash without a prior".into(),
        ));
    }
    let hash_at = |o: usize| {
        let mut h = [0u8; 32];
        h.copy_from_slice(&bytes[o..o + 32]);
        h
    };
    let by = &bytes[40..56];
    let end = by.iter().position(|&b| b == 0).unwrap_or(WRITTEN_BY);
    if !by[..end].is_ascii() || by[end..].iter().any(|&b| b != 0) {
        return Err(FormatError::BadHeader(
            "the writer's version is not NUL-padded ASCII".into(),
        ));
    }
    let f64_at = |o: usize| f64::from_bits(u64_at(o));
    let info = ModelInfo {
        base_sha256: (prior == 1).then(|| hash_at(8)),
        written_by: String::from_utf8_lossy(&by[..end]).into_owned(),
        data_sha256: hash_at(56),
        rows: u64_at(88),
        labelled: u64_at(96),
        positives: u64_at(104),
        skipped: u64_at(112),
        folds: bytes[120],
        cv_auc_builtin: f64_at(128),
        cv_auc_site: f64_at(136),
    };
    if info.labelled > info.rows || info.positives > info.labelled {
        return Err(FormatError::BadHeader(format!(
            "row counts do not add up ({} rows, {} labelled, {} uncivil)",
            info.rows, info.labelled, info.positives
        )));
    }
    if let Some(base) = info.base_sha256 {
        let ours = sha256(Model::builtin_bytes());
        if base != ours {
            return Err(FormatError::OtherBase {
                found: hex(&base),
                expected: hex(&ours),
            });
        }
    }
    let body = &content[SITE_HEADER..];
    let layer = if body.is_empty() {
        None
    } else {
        Some(decode_site_layer(body)?)
    };
    Ok(SiteModel {
        info,
        model: Model::builtin().clone().with_site(layer),
    })
}

#[cfg(test)]
mod tests;

//! Unit tests of the weights and site model formats.

use proptest::prelude::*;

use super::*;
use crate::analyze::model::{FeatureConfig, Model, Weights};
use crate::analyze::site::{SiteFeature, SiteLayer, N_SIGNALS};

/// A small model (2^16 buckets) so that damage can be tried often.
fn small(quant_bits: u8) -> Model {
    let config = FeatureConfig {
        bucket_bits: 16,
        ..FeatureConfig::default()
    };
    let qmax = if quant_bits == 8 { 127 } else { 30_000 };
    let buckets = (0..1 << 16)
        .map(|i: i32| ((i * 7919) % (2 * qmax + 1) - qmax) as i16)
        .collect();
    Model::new(Weights {
        config,
        quant_bits,
        scale: 0.01,
        bias: -1.5,
        threshold: 0.4,
        dense: [0.1, 0.2, -0.3, 0.4, 0.5, -0.6],
        buckets,
    })
    .unwrap()
}

/// A site layer with distinct numbers and `n` text features.
fn layer(n: u32) -> SiteLayer {
    SiteLayer::new(
        true,
        -0.25,
        std::array::from_fn(|i| 0.5 - 0.125 * i as f32),
        (0.9, -0.1),
        0.35,
        3,
        (0..n)
            .map(|i| SiteFeature {
                bucket: i * 7,
                char: i % 3 == 0,
                idf: 1.0 + i as f32 / 100.0,
                weight: (i as f32 - 50.0) / 10.0,
            })
            .collect(),
    )
    .unwrap()
}

fn site_with(layer: Option<SiteLayer>) -> SiteModel {
    SiteModel {
        info: ModelInfo {
            base_sha256: Some(sha256(Model::builtin_bytes())),
            written_by: "0.1.0".into(),
            data_sha256: sha256(b"data"),
            rows: 1200,
            labelled: 1000,
            positives: 150,
            skipped: 200,
            folds: 5,
            cv_auc_builtin: 0.81,
            cv_auc_site: 0.87,
        },
        model: Model::builtin().clone().with_site(layer),
    }
}

fn site() -> SiteModel {
    site_with(Some(layer(100)))
}

#[test]
fn builtin_weights_round_trip_byte_for_byte() {
    let bytes = Model::builtin_bytes();
    let m = decode_weights(bytes).unwrap();
    assert_eq!(encode_weights(&m), bytes);
}

#[test]
fn weights_round_trip() {
    for q in [8, 16] {
        let m = small(q);
        let bytes = encode_weights(&m);
        assert_eq!(bytes.len(), 52 + (1 << 16) * usize::from(q) / 8);
        assert_eq!(decode_weights(&bytes).unwrap(), m);
    }
}

#[test]
fn bad_weights_are_errors() {
    assert!(matches!(
        decode_weights(b"nope"),
        Err(FormatError::BadMagic { .. })
    ));
    let mut bytes = encode_weights(&small(8));
    bytes.pop();
    assert!(matches!(
        decode_weights(&bytes),
        Err(FormatError::BadLength { .. })
    ));
    bytes[4] = 9;
    assert!(matches!(
        decode_weights(&bytes),
        Err(FormatError::UnsupportedVersion { found: 9, .. })
    ));
}

#[test]
fn site_model_round_trips() {
    let s = site();
    let bytes = encode(&s);
    assert_eq!(&bytes[..4], b"TWSM");
    assert_eq!(bytes.len(), 152 + 28 + 4 * N_SIGNALS + 12 * 100 + 32);
    assert_eq!(decode(&bytes).unwrap(), s);
    // The layer is part of the model's version.
    assert_ne!(s.model.version(), Model::builtin().version());
    let empty = site_with(None);
    assert_eq!(decode(&encode(&empty)).unwrap(), empty);
    let mut scratch = site();
    scratch.info.base_sha256 = None;
    assert_eq!(decode(&encode(&scratch)).unwrap(), scratch);
}

#[test]
fn site_model_faults_are_named() {
    let bytes = encode(&site());
    let err = |b: &[u8]| decode(b).unwrap_err().to_string();
    assert!(err(Model::builtin_bytes()).contains("bare weights file"));
    assert!(err(b"PK\x03\x04zip").contains("not a threadwatch model file"));
    assert!(err(&bytes[..100]).contains("truncated"));
    assert!(err(&bytes[..bytes.len() - 1]).contains("truncated"));
    let mut v = bytes.clone();
    v[4] = 4;
    assert!(err(&v).contains("version 4 is not supported"));
    let mut v = bytes.clone();
    v[1000] ^= 1;
    assert!(err(&v).contains("checksum mismatch"));
}

/// `content` with a fresh closing checksum, as a writer would make it.
fn sealed(content: &[u8]) -> Vec<u8> {
    [content, &sha256(content)].concat()
}

#[test]
fn r26_version_2_site_models_are_refused_clearly() {
    let v3 = encode(&site());
    let mut v2 = v3[..v3.len() - 32].to_vec();
    v2[4] = 2;
    let e = decode(&sealed(&v2)).unwrap_err();
    assert_eq!(
        e,
        FormatError::UnsupportedVersion {
            what: "model",
            found: 2,
            expected: 3
        }
    );
    let msg = e.to_string();
    assert!(msg.contains("model format version 2 is not supported (this build reads version 3)"));
    assert!(msg.contains("train the model again"), "{msg}");
}

#[test]
fn r26_a_model_over_other_builtin_weights_is_refused() {
    let mut s = site();
    s.info.base_sha256 = Some(sha256(b"older weights"));
    let msg = decode(&encode(&s)).unwrap_err().to_string();
    assert!(msg.contains("other built-in weights"), "{msg}");
    assert!(msg.contains("train the model again"), "{msg}");
}

#[test]
fn bad_site_layers_are_errors() {
    let bytes = encode(&site());
    let content = &bytes[..bytes.len() - 32];
    let at = 152;
    // Another number of signal weights (this build's categories differ
    // from the writer's): named, even with a valid checksum.
    let mut v = content.to_vec();
    v[at + 4] = 5;
    let msg = decode(&sealed(&v)).unwrap_err().to_string();
    assert!(msg.contains("5 signal weights"), "{msg}");
    // A weight that is not a number.
    let mut v = content.to_vec();
    v[at + 8..at + 12].copy_from_slice(&f32::NAN.to_le_bytes());
    let msg = decode(&sealed(&v)).unwrap_err().to_string();
    assert!(msg.contains("not finite"), "{msg}");
    // Reserved bytes.
    let mut v = content.to_vec();
    v[at + 3] = 1;
    assert!(matches!(
        decode(&sealed(&v)),
        Err(FormatError::BadHeader(_))
    ));
    // Features out of order.
    let mut v = content.to_vec();
    let f = at + 28 + 4 * N_SIGNALS;
    v[f..f + 4].copy_from_slice(&9999u32.to_le_bytes());
    let msg = decode(&sealed(&v)).unwrap_err().to_string();
    assert!(msg.contains("ascending"), "{msg}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any truncation or any flipped bit is an error, never a panic and
    /// never a model.
    #[test]
    fn damaged_site_models_are_errors(cut in 0usize..1_000_000, bit in 0usize..8_000_000, empty: bool) {
        let bytes = encode(&site_with((!empty).then(|| layer(20))));
        let cut = cut % bytes.len();
        prop_assert!(decode(&bytes[..cut]).is_err());
        let mut flipped = bytes.clone();
        let bit = bit % (8 * bytes.len());
        flipped[bit / 8] ^= 1 << (bit % 8);
        prop_assert!(decode(&flipped).is_err());
    }

    /// Arbitrary bytes, with or without the right magic, never panic.
    #[test]
    fn arbitrary_bytes_never_panic(v in proptest::collection::vec(any::<u8>(), 0..400), magic in 0u8..3) {
        let prefix: &[u8] = match magic {
            0 => b"TWSM\x03\x00",
            1 => b"TWLR\x01\x00",
            _ => b"",
        };
        let v = [prefix, &v].concat();
        let _ = decode(&v);
        let _ = decode_weights(&v);
        let _ = decode_site_layer(&v);
    }
}

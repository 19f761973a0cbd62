//! Unit tests of the weights and site model formats.

use proptest::prelude::*;

use super::*;
use crate::analyze::model::{FeatureConfig, Model, Weights};
use crate::analyze::stack::{Stack, N_STACK};

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

fn site(model: Model) -> SiteModel {
    SiteModel {
        info: ModelInfo {
            base_sha256: Some(sha256(b"base")),
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
        model,
    }
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
    for q in [8, 16] {
        let s = site(small(q));
        let bytes = encode(&s);
        assert_eq!(&bytes[..4], b"TWSM");
        assert_eq!(bytes.len(), 152 + encode_weights(&s.model).len() + 4 + 32);
        assert_eq!(decode(&bytes).unwrap(), s);
    }
    let stacked = site(small(8).with_stack(Some(stack())).unwrap());
    let bytes = encode(&stacked);
    assert_eq!(
        bytes.len(),
        152 + encode_weights(&stacked.model).len() + 4 + 4 * (1 + N_STACK) + 32
    );
    assert_eq!(decode(&bytes).unwrap(), stacked);
    assert_eq!(decode(&bytes).unwrap().model.stack(), Some(&stack()));
    // The stack is part of the model's version.
    assert_ne!(stacked.model.version(), small(8).version());
    let mut scratch = site(small(8));
    scratch.info.base_sha256 = None;
    assert_eq!(decode(&encode(&scratch)).unwrap(), scratch);
}

#[test]
fn site_model_faults_are_named() {
    let bytes = encode(&site(small(8)));
    let err = |b: &[u8]| decode(b).unwrap_err().to_string();
    assert!(err(Model::builtin_bytes()).contains("bare weights file"));
    assert!(err(b"PK\x03\x04zip").contains("not a threadwatch model file"));
    assert!(err(&bytes[..100]).contains("truncated"));
    assert!(err(&bytes[..bytes.len() - 1]).contains("truncated"));
    let mut v = bytes.clone();
    v[4] = 3;
    assert!(err(&v).contains("version 3 is not supported"));
    let mut v = bytes.clone();
    v[1000] ^= 1;
    assert!(err(&v).contains("checksum mismatch"));
}

/// A learned combination with distinct weights.
fn stack() -> Stack {
    Stack {
        bias: -0.25,
        weights: std::array::from_fn(|i| 1.0 - 0.125 * i as f32),
    }
}

/// `content` with a fresh closing checksum, as a writer would make it.
fn sealed(content: &[u8]) -> Vec<u8> {
    [content, &sha256(content)].concat()
}

#[test]
fn r15_version_1_site_models_are_refused_clearly() {
    // A file as version 1 wrote it: header, weights, checksum, with no
    // combination section.
    let v2 = encode(&site(small(8)));
    let mut v1 = v2[..v2.len() - 4 - 32].to_vec();
    v1[4] = 1;
    let e = decode(&sealed(&v1)).unwrap_err();
    assert_eq!(
        e,
        FormatError::UnsupportedVersion {
            what: "model",
            found: 1,
            expected: 2
        }
    );
    let msg = e.to_string();
    assert!(msg.contains("model format version 1 is not supported (this build reads version 2)"));
    assert!(msg.contains("train the model again"), "{msg}");
}

#[test]
fn bad_combinations_are_errors() {
    let bytes = encode(&site(small(8).with_stack(Some(stack())).unwrap()));
    let content = &bytes[..bytes.len() - 32];
    let at = 152 + encode_weights(&small(8)).len();
    // Another number of combination weights (this build's categories
    // differ from the writer's): named, even with a valid checksum.
    let mut v = content.to_vec();
    v[at] = 5;
    v.truncate(at + 4 + 4 * 6);
    let msg = decode(&sealed(&v)).unwrap_err().to_string();
    assert!(msg.contains("5 combination weights"), "{msg}");
    // A weight that is not a number.
    let mut v = content.to_vec();
    v[at + 8..at + 12].copy_from_slice(&f32::NAN.to_le_bytes());
    let msg = decode(&sealed(&v)).unwrap_err().to_string();
    assert!(msg.contains("not a finite number"), "{msg}");
    // Reserved bytes after the count.
    let mut v = content.to_vec();
    v[at + 2] = 1;
    assert!(matches!(
        decode(&sealed(&v)),
        Err(FormatError::BadHeader(_))
    ));
    assert!(small(8)
        .with_stack(Some(Stack {
            bias: f32::INFINITY,
            ..stack()
        }))
        .is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any truncation or any flipped bit is an error, never a panic and
    /// never a model.
    #[test]
    fn damaged_site_models_are_errors(cut in 0usize..1_000_000, bit in 0usize..8_000_000, stacked: bool) {
        let model = small(8).with_stack(stacked.then(stack)).unwrap();
        let bytes = encode(&site(model));
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
            0 => b"TWSM\x02\x00",
            1 => b"TWLR\x01\x00",
            _ => b"",
        };
        let v = [prefix, &v].concat();
        let _ = decode(&v);
        let _ = decode_weights(&v);
    }
}

//! Fuzzes the model file readers (issue 15): any bytes are a site model or
//! bare weights, or an error; never a panic.  A model that does load
//! scores a text in [0, 1] and writes back to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use threadwatch::model_file::{decode, decode_weights, encode, encode_weights};

fuzz_target!(|data: &[u8]| {
    if let Ok(site) = decode(data) {
        assert_eq!(encode(&site), data, "a site model writes back unchanged");
        let s = site.model.score("you idiot");
        assert!((0.0..=1.0).contains(&s));
    }
    if let Ok(model) = decode_weights(data) {
        assert_eq!(encode_weights(&model), data, "weights write back unchanged");
    }
});

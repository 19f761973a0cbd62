//! Fuzzes the word-list parser and matcher: any text either loads and
//! matches, or fails with an error that points inside it
//! (tests/it/oracle.rs holds the checks, shared with the property tests).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/it/oracle.rs"]
mod oracle;

fuzz_target!(|data: &[u8]| {
    if let Err(why) = oracle::check_lexicon(data) {
        panic!("{why}");
    }
});

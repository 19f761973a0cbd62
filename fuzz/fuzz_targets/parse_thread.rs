//! Fuzzes the page parser: any bytes either parse into a tree that
//! survives being written and read again, or fail with an error that
//! points inside the input (tests/it/oracle.rs holds the checks, shared
//! with the property tests).
#![no_main]

use libfuzzer_sys::fuzz_target;

// The fuzz crate sees only the library's public API, as the oracle does.
#[allow(dead_code)]
#[path = "../../tests/it/oracle.rs"]
mod oracle;

fuzz_target!(|data: &[u8]| {
    if let Err(why) = oracle::check_page(data) {
        panic!("{why}");
    }
});

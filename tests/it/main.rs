//! The one integration-test binary (see STYLE.md §9): golden parse
//! fixtures, the seed pages, and the command-line interface.

mod analyze;
mod battery;
mod cli;
mod conservation;
mod cron;
mod fixtures;
mod functional;
mod gen;
mod incremental;
mod oracle;
mod people;
mod props;
mod quotes;
mod seeds;
mod spreadsheet;
mod support;

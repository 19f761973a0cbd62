//! The one integration-test binary (see STYLE.md §9): golden parse
//! fixtures, the seed pages, and the command-line interface.

mod analyze;
mod battery;
mod cli;
mod conservation;
mod cron;
mod cron_safety;
mod exports;
mod fixtures;
mod functional;
mod gen;
mod html_report;
mod incremental;
mod jsonl;
mod language;
mod map_merge;
mod oracle;
mod packaging;
mod people;
mod props;
mod quotes;
mod seeds;
mod serve;
mod skip_log;
mod slips;
mod spreadsheet;
mod status;
mod support;
mod targets;
mod timezone;
mod train;
mod workbook;

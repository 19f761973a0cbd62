//! Label cells of a moderator's spreadsheet (issue 15): the words a
//! review column is filled with, read as uncivil / civil / not labelled.

/// Every accepted cell, for error messages.
pub const ACCEPTED: &str = "1/0, true/false, yes/no, remove/ok, delete/keep (or empty to skip)";

/// Reads one label cell, ignoring case and surrounding spaces: `Some(true)`
/// for uncivil (1, true, yes, remove, delete), `Some(false)` for civil (0,
/// false, no, ok, keep), `None` for an empty cell (the row was not
/// reviewed), and `Err` with the cell for anything else, so a typo is
/// never silently read as one or the other.
pub fn parse_label(cell: &str) -> Result<Option<bool>, String> {
    let t = cell.trim();
    // A spreadsheet may write 1 and 0 back as 1.0 and 0.0.
    let yes = [
        "1", "1.0", "true", "yes", "y", "remove", "removed", "delete", "deleted",
    ];
    let no = ["0", "0.0", "false", "no", "n", "ok", "keep", "kept"];
    if t.is_empty() {
        Ok(None)
    } else if yes.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Ok(Some(true))
    } else if no.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Ok(Some(false))
    } else {
        Err(t.to_owned())
    }
}

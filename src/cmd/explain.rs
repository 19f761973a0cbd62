//! `threadwatch explain`: show how one text is scored; `explain -` reads
//! the text from standard input.

use std::io::Write;

use anyhow::Context;
use threadwatch::analyze::incivility::{Scorer, FLAG_COLUMNS, UNCIVIL_THRESHOLD};
use threadwatch::analyze::normalize::normalize;
use threadwatch::analyze::site::{grams, signal_names, SiteLayer};
use threadwatch::analyze::standalone::score_text;
use threadwatch::analyze::target::Context as Around;
use threadwatch::term::sanitize;

use super::lexicon::load_lexicon_allowing;
use super::model::choose;
use super::Outcome;
use crate::cli::ExplainArgs;

/// Runs `explain`.
pub fn run(args: ExplainArgs) -> anyhow::Result<Outcome> {
    let lexicon = load_lexicon_allowing(
        args.lexicon_dir.as_deref(),
        args.allow_list.allow.as_deref(),
    )?;
    let chosen = choose(args.model.as_deref())?;
    let model = chosen.model();
    let scorer = Scorer {
        lexicon: &lexicon,
        model,
    };
    let text = &if args.text == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text)
            .context("cannot read standard input (expected UTF-8 text)")?;
        // `echo text | threadwatch explain -` adds a line end that is not
        // part of the text.
        let kept = text
            .strip_suffix('\n')
            .map(|t| t.strip_suffix('\r').unwrap_or(t));
        kept.map(str::to_owned).unwrap_or(text)
    } else {
        args.text.clone()
    };
    let s = score_text(scorer, text);
    let mut out = std::io::stdout().lock();
    let w = &mut out;
    let res: std::io::Result<()> = (|| {
        writeln!(w, "text:       {}", sanitize(text))?;
        writeln!(w, "normalised: {}", sanitize(normalize(text).as_str()))?;
        writeln!(w, "matches:")?;
        if s.score.flagged.is_empty() {
            writeln!(w, "  (none)")?;
        }
        for f in &s.score.flagged {
            let how = f.lexicon.as_ref().map_or(String::new(), |m| {
                let tags: Vec<String> = m
                    .tags
                    .iter()
                    .map(|t| format!("{t:?}").to_lowercase())
                    .collect();
                format!(
                    " term={:?} weight={}{}{}",
                    m.term,
                    m.weight,
                    if tags.is_empty() {
                        String::new()
                    } else {
                        format!(" tags={}", tags.join(","))
                    },
                    if m.obfuscated { " obfuscated" } else { "" }
                )
            });
            // Words the rule layer set aside say why (issue 14).
            let why = match (f.quoted, f.voice) {
                (false, _) => String::new(),
                (true, Some(v)) => format!(" not counted: {}", v.label()),
                (true, None) => " not counted: quoted".to_owned(),
            };
            writeln!(
                w,
                "  {:<17} {:?} at bytes {}..{}{how}{why}",
                f.flag.as_str(),
                sanitize(&text[f.range.clone()]),
                f.range.start,
                f.range.end
            )?;
        }
        writeln!(w, "learned layer: {:.3}", s.score.model)?;
        for (word, c) in model.explain(&scorer.learned_text(text, &[]), 5) {
            writeln!(w, "  {:<17} {:+.3}", sanitize(&word), c)?;
        }
        let flags: Vec<&str> = FLAG_COLUMNS
            .iter()
            .zip(s.score.flags)
            .filter_map(|(c, f)| f.then_some(*c))
            .collect();
        writeln!(
            w,
            "flags:      {}",
            if flags.is_empty() {
                "(none)".to_owned()
            } else {
                flags.join(", ")
            }
        )?;
        writeln!(
            w,
            "incivility: {:.3} (uncivil at >= {UNCIVIL_THRESHOLD}: {})",
            s.score.incivility,
            if s.score.uncivil { "yes" } else { "no" }
        )?;
        writeln!(w, "target:     {}", s.target.target.as_str())?;
        writeln!(w, "evidence:   {}", sanitize(&s.evidence))?;
        if let Some(site) = model.site() {
            site_section(w, &scorer, site, text)?;
        }
        Ok(())
    })();
    res.context("cannot write to stdout")?;
    Ok(Outcome::Success)
}

/// `explain --model`: every site weight that touched the text (words and
/// signals, with what each adds to the site layer's margin) and every
/// category weight the site changed (issue 26).
fn site_section(
    w: &mut impl Write,
    scorer: &Scorer<'_>,
    site: &SiteLayer,
    text: &str,
) -> std::io::Result<()> {
    let ctx = Around {
        surnames: scorer.lexicon.surnames(),
        ..Around::alone(None)
    };
    let (signals, own) = scorer.site_inputs(text, &[], &ctx);
    let skip = |x: &str| scorer.skip_word(x);
    let margin = site.margin(&signals, &grams(&own, &skip).1);
    let p = site.probability(margin);
    writeln!(
        w,
        "site model: margin {margin:+.3} (built-in logit {:+.3}{}), calibrated probability {p:.3}, \
         uncivil at >= {:.3} (margin {:+.3}, shown as 0.5); Platt {:.3} {:+.3}",
        signals.offset,
        if site.offset { " as offset" } else { ", not used" },
        site.threshold,
        site.margin_at_threshold(),
        site.platt.0,
        site.platt.1
    )?;
    let e = site.explain(&signals, &own, &skip);
    writeln!(w, "site words that touched the text:")?;
    if e.words.is_empty() {
        writeln!(w, "  (none)")?;
    }
    for (word, c) in &e.words {
        writeln!(w, "  {:<17} {c:+.3}", sanitize(word))?;
    }
    writeln!(
        w,
        "site signal weights that touched the text (weight x value):"
    )?;
    if e.signals.is_empty() {
        writeln!(w, "  (none)")?;
    }
    for (name, c) in &e.signals {
        writeln!(w, "  {name:<30} {c:+.3}")?;
    }
    let changed: Vec<String> = signal_names()
        .into_iter()
        .zip(site.signals)
        .filter(|(_, x)| *x != 0.0)
        .map(|(n, x)| format!("{n} {x:+.2}"))
        .collect();
    writeln!(
        w,
        "category weights the site changed: {}",
        if changed.is_empty() {
            "(none)".to_owned()
        } else {
            changed.join(", ")
        }
    )
}

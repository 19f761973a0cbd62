#!/usr/bin/env python3
"""Builds data/lexicons/rules/common.txt (issue 25): common English words
that the spelling-variant matcher (src/analyze/misspelt.rs) never reads as
a disguised insult ("shirt" is not "shit" with a letter added).

A word is common when it is in at least MIN_COMMENTS civil comments of the
train splits of ../shared/corpora (civil: the corpus's own label says so).
Only the word list is committed, never the texts.

    python3 scripts/common_words.py ../shared/corpora > data/lexicons/rules/common.txt
"""
import csv
import re
import sys
from collections import Counter
from pathlib import Path

MIN_COMMENTS = 3
MIN_LEN = 3

# corpus -> columns that must all be "0" for a row to be civil.
CIVIL = {
    "reddit_incivility": ["uncivil"],
    "olid_offenseval2019": ["offensive"],
    "ucc_unhealthy_comments": ["antagonize", "hostile"],
    "wiki_talk_context_toxicity": ["toxic"],
    "sfu_constructiveness_toxicity": ["toxic"],
    "fox_news_hate_threads": ["hateful"],
    "davidson_hate_offensive": ["abusive"],
}

WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")


def main() -> None:
    root = Path(sys.argv[1])
    csv.field_size_limit(1 << 30)
    seen = Counter()
    for corpus, cols in sorted(CIVIL.items()):
        path = root / corpus / "train.csv"
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if any(row.get(c, "1") != "0" for c in cols):
                    continue
                words = {w.replace("'", "") for w in WORD.findall(row["text"].lower())}
                seen.update(w for w in words if len(w) >= MIN_LEN)
    print("# Common English words (issue 25): never read as a spelling variant of an")
    print("# insult.  Words in at least %d civil comments of the train splits of" % MIN_COMMENTS)
    print("# ../shared/corpora, built by scripts/common_words.py; one word a line.")
    for w in sorted(w for w, n in seen.items() if n >= MIN_COMMENTS):
        print(w)


if __name__ == "__main__":
    main()

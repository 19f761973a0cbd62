"""Cross-check of `cargo run --release --example ceiling` with a standard
text classifier from another code base: scikit-learn's logistic regression
over TF-IDF word 1-2-grams and character 2-5-grams (sublinear tf, balanced
classes), fitted on each goal corpus's own train.csv and measured on its
dev.csv, for C in 0.25, 1 and 4 (the best C is picked on dev, so the figure
is optimistic).  Diagnostic only: nothing is written and no weights ship.

    python3 examples/ceiling_sklearn.py     # needs scikit-learn (pip)

Run from the repository root with ../shared/corpora beside it; exits 0
with a notice when the corpora or scikit-learn are absent.
"""
import csv
import os
import sys

CORPORA = "../shared/corpora"
GOALS = [
    ("reddit_incivility", "uncivil", 0.94),
    ("olid_offenseval2019", "offensive", 0.85),
    ("olid_offenseval2019", "target_individual", 0.80),
    ("ucc_unhealthy_comments", "antagonize", 0.78),
    ("wiki_talk_context_toxicity", "toxic", 0.82),
]


def load(corpus, label, split):
    with open(os.path.join(CORPORA, corpus, split + ".csv"), newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r[label] in ("0", "1")]
    return [r["text"] for r in rows], [int(r[label]) for r in rows]


def main():
    if not os.path.isdir(CORPORA):
        print(f"ceiling_sklearn: {CORPORA} not found; nothing measured")
        return 0
    try:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_auc_score
    except ImportError:
        print("ceiling_sklearn: scikit-learn is not installed (pip install scikit-learn); nothing measured")
        return 0
    print("dev ROC AUC of TF-IDF logistic regression fitted on the corpus's own train.csv")
    for corpus, label, goal in GOALS:
        x, y = load(corpus, label, "train")
        xd, yd = load(corpus, label, "dev")
        words = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
        chars = TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 5),
                                min_df=2, max_features=300000)
        m = hstack([words.fit_transform(x), chars.fit_transform(x)]).tocsr()
        md = hstack([words.transform(xd), chars.transform(xd)]).tocsr()
        aucs = []
        for c in (0.25, 1, 4):
            lr = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(m, y)
            aucs.append(f"C={c}: {roc_auc_score(yd, lr.predict_proba(md)[:, 1]):.3f}")
        print(f"{corpus}: {label:<18} {'  '.join(aucs)}  goal {goal:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

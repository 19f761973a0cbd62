"""realcorpus_check.py CORPUS OUT: every comment of ../shared/tools/realcorpus.py's truth.tsv comes back from OUT/comments.csv exactly
(comment_id, parent_id, author, line, and the body text written on the page)."""
import csv, os, sys
csv.field_size_limit(1 << 30)
corpus, out = sys.argv[1], sys.argv[2]
truth = {}
for row in open(os.path.join(corpus, "truth.tsv"), encoding="utf-8"):
    f, cid, pid, author, line = row.rstrip("\n").split("\t")
    truth[(f, cid)] = (pid, author, int(line))
pages = {}
def body(f, author, line):
    if f not in pages:
        pages[f] = open(os.path.join(corpus, f), encoding="utf-8").read().split("\n")
    ls = pages[f]
    return ls[line + 1].strip() if author else ls[line - 1].strip()[2:]
bad, seen = [], 0
for r in csv.DictReader(open(os.path.join(out, "comments.csv"), encoding="utf-8", newline="")):
    f = os.path.basename(r["source"])
    k = (f, r["comment_id"])
    seen += 1
    if k not in truth:
        bad.append(("extra", k)); continue
    pid, author, line = truth.pop(k)
    text = r["text"]
    # CSV cells that start like a formula get a leading quote (CWE-1236).
    if text[:2] in ("'=", "'+", "'-", "'@") or text[:2] in ("'\t", "'\r"):
        text = text[1:]
    a = r["author"]
    if a[:2] in ("'=", "'+", "'-", "'@"):
        a = a[1:]
    got = (r["parent_id"], a, int(r["line"]), text)
    want = (pid, author, line, body(f, author, line))
    if got != want:
        bad.append((k, got[:3], want[:3], got[3][:60], want[3][:60]))
print(f"{seen} rows, {len(truth)} missing, {len(bad)} differ")
for b in bad[:10]: print(b)

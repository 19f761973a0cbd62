"""Platform exports for `make spark-test`, made from generated pages.

`threadwatch gen` writes pages; the Spark job must also be tested on what
it splits, files of many interleaved threads.  This turns the comments of
a generated corpus (the comments.csv `threadwatch analyze` wrote for it)
into Reddit-style NDJSON and generic JSON Lines files whose threads are
interleaved line by line, in a seeded, reproducible order.

    python3 spark/make_corpus.py COMMENTS_CSV OUT_DIR [--files N] [--seed S]
"""

import argparse
import csv
import json
import os
import random
import sys

# comments.csv puts a quote before a cell a spreadsheet would run as a
# formula (CWE-1236); the exports carry the text as written.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unguard(cell):
    """A comments.csv cell as it was written, without the formula guard."""
    if cell.startswith("'") and cell[1:2].startswith(FORMULA_START) and cell[1:2]:
        return cell[1:]
    return cell


def read_threads(path):
    """The threads of comments.csv: a list of (title, rows), in file order."""
    csv.field_size_limit(sys.maxsize)
    threads = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            threads.setdefault(row["source"], (row["thread"], []))[1].append(row)
    return list(threads.values())


def interleave(streams, rng):
    """The items of every stream, each stream in its order, the streams
    mixed at random (as an archive of many busy threads is)."""
    streams = [list(reversed(s)) for s in streams if s]
    out = []
    while streams:
        i = rng.randrange(len(streams))
        out.append(streams[i].pop())
        if not streams[i]:
            streams[i] = streams[-1]
            streams.pop()
    return out


def reddit_lines(n, title, rows, rng):
    """Reddit-style lines of one thread: its submission (some without a
    title, which names no thread) and its comments, bodies escaped as
    Reddit escapes them."""
    post = f"p{n}"
    sub = {"id": post, "name": f"t3_{post}", "author": "desk", "subreddit": "town",
           "created_utc": 1700000000 + n}
    if rng.random() < 0.9:
        sub["title"] = unguard(title)
    lines = [sub]
    for r in rows:
        parent = r["parent_id"]
        body = unguard(r["text"]).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines.append({
            "id": f"{post}x{r['comment_id']}",
            "parent_id": f"t1_{post}x{parent}" if parent else f"t3_{post}",
            "link_id": f"t3_{post}",
            "author": unguard(r["author"]) or "[deleted]",
            "body": body,
            "created_utc": 1700000000 + 60 * len(lines),
            "subreddit": "town",
        })
    return lines


def jsonl_lines(n, title, rows):
    """Generic JSON Lines of one thread, fields as grammars/exports.md
    names them by default."""
    out = []
    for r in rows:
        line = {"id": f"t{n}-{r['comment_id']}", "thread": f"story-{n}", "title": unguard(title),
                "text": unguard(r["text"])}
        if r["parent_id"]:
            line["parent_id"] = f"t{n}-{r['parent_id']}"
        if r["author"]:
            line["author"] = unguard(r["author"])
        out.append(line)
    return out


def write_exports(threads, out_dir, files, seed):
    """Writes `files` export files (Reddit-style in out_dir/reddit, JSON
    Lines in out_dir/jsonl, in turn), each holding a share of the threads,
    interleaved; returns their paths."""
    rng = random.Random(seed)
    for sub in ("reddit", "jsonl"):
        os.makedirs(os.path.join(out_dir, sub), exist_ok=True)
    paths = []
    for k in range(files):
        mine = [(n, t) for n, t in enumerate(threads) if n % files == k]
        if k % 2 == 0:
            streams = [reddit_lines(n, title, rows, rng) for n, (title, rows) in mine]
            path = os.path.join(out_dir, "reddit", f"reddit_{k:02}.ndjson")
        else:
            streams = [jsonl_lines(n, title, rows) for n, (title, rows) in mine]
            path = os.path.join(out_dir, "jsonl", f"comments_{k:02}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for obj in interleave(streams, rng):
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def main():
    """Command line: COMMENTS_CSV OUT_DIR [--files N] [--seed S]."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("comments_csv")
    p.add_argument("out_dir")
    p.add_argument("--files", type=int, default=6)
    p.add_argument("--seed", type=int, default=19)
    a = p.parse_args()
    threads = [t for t in read_threads(a.comments_csv) if t[1]]
    for path in write_exports(threads, a.out_dir, a.files, a.seed):
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()

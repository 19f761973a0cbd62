#!/usr/bin/env python3
"""Hostile inputs for benches/hostile.sh (issue 27), deterministic.

gen_hostile.py SHAPE SIZE: a page whose last comment is SIZE bytes of SHAPE
(idiots, mixed, quotes, names, mentions, neutral, lines, variants), replying to 50
short comments by participants; `ndjson SIZE`: one NDJSON comment of SIZE
bytes of mixed text; `deep N`: a JSON Lines reply chain N levels deep.
"""
import json
import random
import sys

shape, size = sys.argv[1], int(sys.argv[2])
random.seed(27)
names = [f"User{i}" for i in range(200)]
mixed = ("you idiot moron the people those Trump senator Boris Johnson is a "
         "liar stupid hey Einstein genius all of you").split()
variants = ("you mroon idot idioot bastrad youidiot stupidbitch s.t.u.p.i.d "
            "1d10t fcuk shirt moon scmubag totalmoron Bastrad "
            + "abcdefghijklmnopqrstuvwxyzabcdefg").split()
units = {
    "idiots": lambda: "idiot ",
    "mixed": lambda: random.choice(mixed) + " ",
    "quotes": lambda: '"you idiot" said ' + random.choice(names) + " and ",
    "names": lambda: random.choice(names) + " Smith is an idiot and ",
    "mentions": lambda: "@" + random.choice(names) + " idiot ",
    "neutral": lambda: random.choice("the cat sat on a mat and then went home".split()) + " ",
    "lines": lambda: "you idiot\n",
    # Issue 25: spelling variants of every kind and words one edit from
    # both an insult and a common word, in one breakless sentence.
    "variants": lambda: random.choice(variants) + " ",
}


def fill(unit):
    out, n = [], 0
    while n < size:
        u = unit()
        out.append(u)
        n += len(u)
    return "".join(out)


if shape == "deep":
    for i in range(size):
        d = {"id": str(i), "text": f"no, you are wrong {i}", "author": f"u{i % 2}"}
        if i:
            d["parent_id"] = str(i - 1)
        print(json.dumps(d))
elif shape == "ndjson":
    print(json.dumps({"id": "1", "author": "big", "text": fill(units["mixed"])}))
else:
    body = fill(units[shape])
    lines = ["Hostile " + shape, "", "Article text.", ""]
    for i, n in enumerate(names[:50]):
        lines += [f"  \u2022 {n}", "", f"    hello {names[(i + 1) % 50]} here", ""]
    lines += ["    \u2022 Big", ""]
    lines += ["      " + l if l else "" for l in body.split("\n")]
    print("\n".join(lines))

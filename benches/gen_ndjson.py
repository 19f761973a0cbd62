#!/usr/bin/env python3
"""Reddit-style NDJSON of about N MB for the streaming memory figures (issue 16,
docs/PERFORMANCE.md): 50 threads active at a time, lines interleaved, threads of up to
200 comments, 500 made-up authors; a third of comments name a parent among the earlier
ids (often of another thread, so orphans too).  Seeded.

Usage: benches/gen_ndjson.py MEGABYTES OUT.ndjson
"""
import random
import sys

r = random.Random(3)
W = "bridge ferry council harbour closure weeks traders timetable the of and a to north shore bakery boats morning minutes spring repairs cables queue shuttle idiot".split()
target = int(sys.argv[1]) * 1000 * 1000
out = open(sys.argv[2], "w", buffering=1 << 20)
size = 0; cid = 0; thread = 0
active = []  # (thread, first id, count)
while size < target:
    if len(active) < 50 or r.random() < 0.01:
        thread += 1
        active.append([thread, cid + 1, 0])
    k = r.randrange(len(active))
    t = active[k]
    cid += 1
    if t[2] > 0 and r.random() < 0.34:
        parent = "t1_c%d" % r.randint(t[1], cid - 1)
    else:
        parent = "t3_p%d" % t[0]
    t[2] += 1
    if t[2] >= 200:
        active.pop(k)
    body = "%s &amp; %s.\\n\\n&gt; %s" % (" ".join(r.choices(W, k=12)), " ".join(r.choices(W, k=10)), " ".join(r.choices(W, k=14)))
    line = '{"id":"c%d","parent_id":"%s","link_id":"t3_p%d","author":"user%d","body":"%s","created_utc":%d,"score":%d,"subreddit":"saltmere"}\n' % (
        cid, parent, t[0], r.randrange(500), body, 1740000000 + r.randrange(3000000), r.randrange(100))
    out.write(line); size += len(line)
out.close()

#!/usr/bin/env python3
"""WordPress WXR of about N MB for the streaming memory figures (issue 16,
docs/PERFORMANCE.md): items (threads) of 1 to 200 comments, a third of them
replies to an earlier comment of the item, 500 made-up authors, bodies of two
HTML paragraphs with an entity and a link, the way Tools > Export writes them
(one field a line).  Seeded; the words are gen_ndjson.py's.

Usage: benches/gen_wxr.py MEGABYTES OUT.xml
"""
import random
import sys

r = random.Random(5)
W = "bridge ferry council harbour closure weeks traders timetable the of and a to north shore bakery boats morning minutes spring repairs cables queue shuttle idiot".split()
target = int(sys.argv[1]) * 1000 * 1000
out = open(sys.argv[2], "w", buffering=1 << 20)
head = ('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Saltmere</title>\n')
out.write(head)
size = len(head); cid = 0; post = 0


def words(k):
    return " ".join(r.choices(W, k=k))


while size < target:
    post += 1
    parts = ["<item>\n\t<title>%s</title>\n\t<link>https://saltmere.example/?p=%d</link>\n"
             "\t<content:encoded><![CDATA[<p>%s.</p>]]></content:encoded>\n"
             "\t<wp:post_id>%d</wp:post_id>\n\t<wp:post_type><![CDATA[post]]></wp:post_type>\n"
             % (words(6), post, words(30), post)]
    first = cid + 1
    for i in range(r.randint(1, 200)):
        cid += 1
        parent = r.randint(first, cid - 1) if cid > first and r.random() < 0.34 else 0
        parts.append(
            "\t<wp:comment>\n\t\t<wp:comment_id>%d</wp:comment_id>\n"
            "\t\t<wp:comment_author><![CDATA[user%d]]></wp:comment_author>\n"
            "\t\t<wp:comment_date_gmt>2025-%02d-%02d %02d:%02d:00</wp:comment_date_gmt>\n"
            "\t\t<wp:comment_content><![CDATA[<p>%s &amp; %s.</p>\n<p><a href=\"https://x.example\">%s</a> %s.</p>]]></wp:comment_content>\n"
            "\t\t<wp:comment_approved><![CDATA[1]]></wp:comment_approved>\n"
            "\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>\n"
            "\t\t<wp:comment_parent>%d</wp:comment_parent>\n\t</wp:comment>\n"
            % (cid, r.randrange(500), 1 + r.randrange(12), 1 + r.randrange(28), r.randrange(24),
               r.randrange(60), words(12), words(10), words(2), words(14), parent))
    parts.append("</item>\n")
    chunk = "".join(parts)
    out.write(chunk)
    size += len(chunk)
out.write("</channel>\n</rss>\n")
out.close()

"""Unit tests of spark/frames.py: the grouping must match the Rust readers
exactly, or the Spark job's reports would differ from `analyze`'s.  No
Spark needed: `python3 -m unittest spark/test_frames.py`."""

import hashlib
import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import frames  # noqa: E402

FIELDS = frames.parse_fields([])


def header(frame_bytes):
    """The JSON header of a frame, and its content."""
    line, _, content = frame_bytes.partition(b"\n")
    assert line.startswith(b"TWFRAME ")
    return json.loads(line[len(b"TWFRAME "):]), content


class Detect(unittest.TestCase):
    """detect_json mirrors detect.rs for the formats that are split."""

    def test_reddit_by_fields_in_the_first_lines(self):
        self.assertEqual(frames.detect_json(b'{"id":"a","link_id":"t3_x"}\n'), "reddit")
        self.assertEqual(frames.detect_json(b'{"id":"a","parent_id":"t1_b"}'), "reddit")
        self.assertEqual(frames.detect_json(b'{"id":1,"name":"t3_x"}'), "reddit")
        self.assertEqual(frames.detect_json(b'{"subreddit":"x"}'), "reddit")

    def test_jsonl_and_others(self):
        self.assertEqual(frames.detect_json(b'{"id":1,"text":"hi"}\n'), "jsonl")
        self.assertEqual(frames.detect_json(b"{not json"), "jsonl")
        self.assertEqual(frames.detect_json(b"id,author,text\n1,a,b\n"), "other")
        self.assertEqual(frames.detect_json(b"<disqus>"), "other")
        self.assertEqual(frames.detect_json(b""), "other")
        self.assertEqual(frames.detect_json(b"\xff{"), "other")

    def test_bom_and_rust_whitespace_before_the_brace(self):
        self.assertEqual(frames.detect_json(b'\xef\xbb\xbf \n{"link_id":"t3_x"}'), "reddit")
        # U+001F is whitespace to Python's strip, not to Rust's trim.
        self.assertEqual(frames.detect_json(b'\x1f{"link_id":"t3_x"}'), "other")

    def test_only_the_first_twenty_lines_are_read(self):
        lines = [b'{"id":%d,"text":"t"}' % i for i in range(20)]
        lines.append(b'{"id":"x","link_id":"t3_p"}')
        self.assertEqual(frames.detect_json(b"\n".join(lines)), "jsonl")
        self.assertEqual(frames.detect_json(b"\n".join(lines[1:])), "reddit")

    def test_a_line_serde_rejects_does_not_count(self):
        self.assertEqual(frames.detect_json(b'{"link_id":NaN}\n{"id":1}'), "jsonl")


class Json(unittest.TestCase):
    """parse_json says yes, no, or unsure, as serde_json would."""

    def test_rejects_what_serde_rejects(self):
        for bad in ['{"a":NaN}', '{"a":-Infinity}', "{'a':1}", '{"a":1,}', '{"a":"\x01"}']:
            self.assertEqual(frames.parse_json(bad), (False, None), bad)

    def test_unsure_where_readers_may_differ(self):
        for odd in ['{"a":"\\ud800"}', '{"a":1e999}', '{"a":-0}', "[" * 200 + "]" * 200]:
            with self.assertRaises(frames.Unsure, msg=odd):
                frames.parse_json(odd)

    def test_paired_surrogates_are_fine(self):
        ok, obj = frames.parse_json('{"a":"\\ud83d\\ude00"}')
        self.assertTrue(ok)
        self.assertEqual(obj["a"], "\U0001f600")


class RedditKeys(unittest.TestCase):
    """The thread each Reddit-style line joins, as reddit.rs groups them."""

    def key(self, line, n=1):
        ok, obj = frames.parse_json(line)
        self.assertTrue(ok)
        return frames.reddit_key(obj, n)

    def test_comments_by_link_id_then_t3_parent(self):
        self.assertEqual(self.key('{"body":"x","link_id":"t3_p1"}'), ("thread", "p1"))
        self.assertEqual(self.key('{"body":"x","parent_id":"t3_p2"}'), ("thread", "p2"))
        self.assertEqual(self.key('{"body":"x","parent_id":"t1_c"}'), ("thread", ""))
        self.assertEqual(self.key('{"body":"x","link_id":""}'), ("thread", ""))
        self.assertEqual(
            self.key('{"body":"x","link_id":"t3_a","parent_id":"t3_b"}'), ("thread", "a")
        )

    def test_submissions_name_their_thread_only_with_a_title(self):
        self.assertEqual(self.key('{"id":"t3_p1","title":"T"}'), ("thread", "p1"))
        self.assertEqual(self.key('{"id":"p1","body":null,"title":"T"}'), ("thread", "p1"))
        self.assertEqual(self.key('{"id":42,"title":"T"}'), ("thread", "42"))
        self.assertEqual(self.key('{"title":"T"}', n=7), ("thread", "line 7"))
        self.assertIs(self.key('{"id":"p1"}'), frames.SKIP)
        with self.assertRaises(frames.Unsure):
            self.key('{"id":1.5,"title":"T"}')

    def test_lines_serde_fails(self):
        self.assertIs(self.key('{"body":7,"link_id":"t3_p"}'), frames.ERROR)
        self.assertIs(self.key('{"body":"x","link_id":"t3_p","link_id":"t3_q"}'), frames.ERROR)
        self.assertIs(self.key('"just a string"'), frames.ERROR)
        # Unknown fields may repeat.
        self.assertEqual(self.key('{"body":"x","link_id":"t3_p","k":1,"k":2}'), ("thread", "p"))

    def test_prefix_is_two_bytes_starting_with_t(self):
        self.assertEqual(frames.strip_prefix("t1_abc"), "abc")
        self.assertEqual(frames.strip_prefix("tx_abc"), "abc")
        self.assertEqual(frames.strip_prefix("té_abc"), "té_abc")
        self.assertEqual(frames.strip_prefix("abc_d"), "abc_d")


class JsonlKeys(unittest.TestCase):
    """The thread each generic JSON Lines line joins (records.rs)."""

    def key(self, line, fields=FIELDS):
        ok, obj = frames.parse_json(line)
        self.assertTrue(ok)
        return frames.jsonl_key(obj, fields)

    def test_thread_field_as_text(self):
        self.assertEqual(self.key('{"id":1,"text":"a","thread":" t "}'), ("thread", "t"))
        self.assertEqual(self.key('{"id":1,"text":"a","thread":7}'), ("thread", "7"))
        self.assertEqual(self.key('{"id":1,"text":"a","thread":"7"}'), ("thread", "7"))
        self.assertEqual(self.key('{"id":1,"text":"a","thread":null}'), ("thread", ""))
        self.assertEqual(self.key('{"id":1,"text":"a","thread":true}'), ("thread", "true"))
        self.assertEqual(self.key('{"id":1,"text":"a"}'), ("thread", ""))

    def test_missing_id_or_text_is_an_error(self):
        self.assertIs(self.key('{"text":"a"}'), frames.ERROR)
        self.assertIs(self.key('{"id":null,"text":"a"}'), frames.ERROR)
        self.assertIs(self.key("[1]"), frames.ERROR)

    def test_field_mapping(self):
        f = frames.parse_fields(["id=comment_id, text=body", "thread=story"])
        self.assertEqual(self.key('{"comment_id":1,"body":"a","story":"s"}', f), ("thread", "s"))

    def test_float_keys_are_unsure(self):
        with self.assertRaises(frames.Unsure):
            self.key('{"id":1,"text":"a","thread":1.0}')


class Groups(unittest.TestCase):
    """Whole files cut into thread groups, with ranks and line numbers."""

    REDDIT = (
        b'{"id":"p1","title":"One","subreddit":"s"}\n'
        b'{"id":"c1","link_id":"t3_p2","body":"a"}\r\n'
        b"\n"
        b'{"id":"c2","link_id":"t3_p1","body":"b"}\n'
        b"{broken\n"
        b'{"id":"p3"}\n'
        b'{"id":"c3","link_id":"t3_p2","body":"c"}'
    )

    def test_groups_in_order_of_first_line_with_errors_alone(self):
        groups = frames.thread_groups(self.REDDIT, "reddit", FIELDS)
        self.assertEqual([g[0] for g in groups], [[1, 4], [2, 7], [5]])
        self.assertEqual(
            groups[1][1],
            b'{"id":"c1","link_id":"t3_p2","body":"a"}\r\n{"id":"c3","link_id":"t3_p2","body":"c"}',
        )
        # Every byte of every non-blank line that makes a thread or an
        # error is sent once.
        sent = b"".join(g[1] for g in groups)
        self.assertEqual(len(sent), len(self.REDDIT) - len(b"\n") - len(b'{"id":"p3"}\n'))

    def test_frames_carry_the_whole_file_identity(self):
        out = frames.frames_for_file("in/r.ndjson", self.REDDIT, "auto", FIELDS)
        self.assertEqual(len(out), 3)
        self.assertEqual([header(f)[0]["format"] for f in out], ["reddit"] * 3)
        h, content = header(out[1])
        self.assertEqual(h["name"], "in/r.ndjson")
        self.assertEqual(h["part"], 1)
        self.assertEqual(h["bytes"], len(content))
        self.assertEqual(h["lines"], [2, 7])
        self.assertEqual(h["file_bytes"], len(self.REDDIT))
        self.assertEqual(h["sha256"], hashlib.sha256(self.REDDIT).hexdigest())

    def test_unsure_or_unsplittable_files_go_whole(self):
        odd = self.REDDIT + b'\n{"id":"c4","link_id":"t3_p1","body":"\\udc00"}\n'
        for data, forced in [
            (odd, "auto"),
            (b"Headline\n\nBody\n", "auto"),
            (b"\xff\xfe", "reddit"),
            (b"\n \n", "jsonl"),
            (self.REDDIT, "page"),
        ]:
            out = frames.frames_for_file("f", data, forced, FIELDS)
            self.assertEqual(len(out), 1)
            h, content = header(out[0])
            self.assertEqual((h["part"], content), (0, data))
            self.assertNotIn("lines", h)
            self.assertNotIn("format", h)

    def test_detected_exports_go_whole_unless_the_binary_takes_the_format(self):
        out = frames.frames_for_file("f", self.REDDIT, "auto", FIELDS, header_format=False)
        self.assertEqual(len(out), 1)
        self.assertEqual(header(out[0])[1], self.REDDIT)
        # A forced format is the same for every map run: split, no header.
        out = frames.frames_for_file("f", self.REDDIT, "reddit", FIELDS, header_format=False)
        self.assertEqual(len(out), 3)
        self.assertNotIn("format", header(out[0])[0])

    def test_forced_jsonl_with_mapped_thread(self):
        data = b'{"i":1,"t":"a","s":"x"}\n{"i":2,"t":"b","s":"y"}\n{"i":3,"t":"c","s":"x"}\n'
        f = frames.parse_fields(["id=i,text=t,thread=s"])
        out = frames.frames_for_file("f", data, "jsonl", f)
        self.assertEqual([header(fr)[0]["lines"] for fr in out], [[1, 3], [2]])


class Inputs(unittest.TestCase):
    """The inputs a folder names, as analyze names and sorts them."""

    def test_walk_skips_hidden_follows_links_and_sorts_by_component(self):
        with tempfile.TemporaryDirectory() as d:
            for rel in ["x/a.txt", "x.txt", "_u.txt", ".h/in.txt", "x/.dot", "y/z/deep.txt"]:
                p = os.path.join(d, rel)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "w") as fh:
                    fh.write("t\n")
            # A second path to x.txt is skipped; a linked folder is read
            # (issue 27), a loop is not.
            os.symlink(os.path.join(d, "x.txt"), os.path.join(d, "link.txt"))
            os.symlink(os.path.join(d, "y"), os.path.join(d, "w"))
            os.symlink(d, os.path.join(d, "y", "up"))
            outside = tempfile.mkdtemp()
            self.addCleanup(shutil.rmtree, outside)
            with open(os.path.join(outside, "o.txt"), "w") as fh:
                fh.write("t\n")
            os.symlink(outside, os.path.join(d, "o"))
            root = d + "/"
            got = [n[len(root):] for n in frames.local_inputs(root)]
            self.assertEqual(got, ["_u.txt", "o/o.txt", "x/a.txt", "x.txt", "y/z/deep.txt"])
            self.assertTrue(frames.local_inputs(root)[0].startswith(d + "/_"))

    def test_a_file_is_its_own_input(self):
        self.assertEqual(frames.local_inputs("some/file.txt"), ["some/file.txt"])


if __name__ == "__main__":
    unittest.main()

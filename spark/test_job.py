"""Unit tests of the job's shuffle (spark/threadwatch_spark.py): comment
rows must reach the reducer of their input's range in run order, or the
pieces of the comments report would not concatenate into analyze's file.
No Spark needed: `python3 -m unittest spark/test_job.py`."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import threadwatch_spark as job  # noqa: E402


def rows_line(name):
    """A `rows` partial line of thread 0 of `name` (key fields
    percent-encoded as the binary writes them)."""
    field = name.replace("%", "%25").replace(" ", "%20")
    return ("rows\t%s 0 0 0\tAAAA\n" % field).encode()


class RowRanges(unittest.TestCase):
    def test_rows_go_to_the_range_of_their_input_in_run_order(self):
        # Run order is path order: "x/a.txt" sorts before "x.txt".
        names = ["a b.txt", "x/a.txt", "x.txt", "y%.txt"]
        bounds = job.row_bounds(names, [10, 10, 10, 10], 2)
        self.assertEqual(bounds, [job.order_key("x.txt")])
        got = [job.shuffle_key(rows_line(n), 2, bounds) for n in names]
        self.assertEqual(got, [0, 0, 1, 1])
        # Every reducer's range follows the one before it.
        self.assertEqual(got, sorted(got))

    def test_a_big_input_takes_a_range_of_its_own(self):
        names = ["a", "b", "c"]
        bounds = job.row_bounds(names, [1, 100, 1], 3)
        got = [job.shuffle_key(rows_line(n), 3, bounds) for n in names]
        self.assertEqual(got, sorted(got))
        self.assertEqual(got[0], 0)
        self.assertLess(got[0], got[2])

    def test_other_kinds_go_by_hash_and_rows_too_without_pieces(self):
        line = b"user\tann\tAAAA\n"
        self.assertEqual(job.shuffle_key(line, 4, []), job.shuffle_key(line, 4))
        r = job.shuffle_key(rows_line("a"), 4)
        self.assertIn(r, range(4))


class Pieces(unittest.TestCase):
    def opts(self, *argv):
        return job.parse_args(["--input", "in", "--out", "out", "--binary", "tw"] + list(argv))

    def test_the_workbook_and_html_take_the_rows_to_the_driver(self):
        self.assertTrue(job.uses_pieces(self.opts()))
        for flags in (["--xlsx"], ["--html"], ["--no-pieces"], ["--", "--html"]):
            self.assertFalse(job.uses_pieces(self.opts(*flags)), flags)

    def test_the_final_merge_and_the_reducers_write_one_format(self):
        o = self.opts("--format", "tsv", "-d", ";")
        self.assertEqual(job.piece_flags(o), ["--format", "tsv", "--delimiter", ";"])
        flags = job.merge_flags(o, "/tmp/p")
        self.assertEqual(flags[:7], ["--out", "out", "--format", "tsv", "--delimiter", ";",
                                     "--comments-from"])
        self.assertNotIn("--comments-from", job.merge_flags(o))


if __name__ == "__main__":
    unittest.main()

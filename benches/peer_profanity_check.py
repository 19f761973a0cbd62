"""Rows per second of alt-profanity-check on the comments of a generated
corpus, for benches/run.sh (issue 6 compares threadwatch with it).

The texts come from `threadwatch gen --texts`, one comment body per line,
so the peer scores exactly the comments threadwatch analysed, not the
160-character excerpts of comments.csv.  The peer runs on one core (its
scikit-learn model is single-threaded); loading the model is not timed.

Usage: python3 benches/peer_profanity_check.py TEXTS [MAX_ROWS]
"""

import sys
import time

from profanity_check import predict_prob


def main() -> None:
    path = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    with open(path, encoding="utf-8") as f:
        texts = [line.rstrip("\n") for _, line in zip(range(limit), f)]
    predict_prob(texts[:10])  # load and warm the model outside the timing
    start = time.perf_counter()
    predict_prob(texts)
    wall = time.perf_counter() - start
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(
        f"alt-profanity-check predict_prob (1 core): {len(texts)} comments, "
        f"{mb:.1f} MB of text, {wall:.2f} s, {len(texts) / wall:.0f} comments/s, "
        f"{mb / wall:.1f} MB/s"
    )


if __name__ == "__main__":
    main()

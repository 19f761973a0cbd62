"""threadwatch on Apache Spark: the same five reports as `threadwatch
analyze`, from a folder too big for one machine (issue 19).

    python spark/threadwatch_spark.py --master 'local[2]' \\
        --input PATH --out DIR --binary target/release/threadwatch
    spark-submit --files /path/to/threadwatch spark/threadwatch_spark.py \\
        --input hdfs:///archive --out /reports --binary threadwatch

Spark only moves bytes; the binary does all the reading and scoring, so
there is one implementation of the analysis and the reports cannot drift:

1. list the inputs as analyze would (frames.py) and read them whole with
   binaryFiles (exact bytes; a file must fit in a task's memory);
2. cut Reddit-style and JSON Lines exports into thread groups, and make a
   frame of each group (or of each whole file);
3. spread the frames over the map partitions by (name, part) and pipe each
   partition through `threadwatch map`, then `merge --partial` (a combiner:
   one line per kind and key per partition leaves the task);
4. shuffle the partial lines: comment rows by a range of inputs in run
   order (reducer k gets the k-th range), the rest by their (kind, key);
   run `merge --partial --comments-to PIECE` on each reduce partition,
   which combines the small partials and writes its rows as the k-th
   piece of the comments report (finished rows, no header);
5. stream the merged lines and the pieces to the driver (toLocalIterator:
   one partition in memory at a time) into local files, and run
   `merge --out DIR --comments-from PIECES` there, which checks the
   pieces, copies them after the header, writes the other reports
   atomically and decides the exit status.  (--xlsx and --html need
   every comment's record, so with them, or --no-pieces, the rows go to
   the driver as partials, as before.)

The binary's exit status is the job's: 0, 1 (some inputs failed, each
reported with its source), 2, 4 as in `threadwatch --help`.  A map or
merge task that fails (the binary crashed) fails the job with its stderr.
"""

import argparse
import bisect
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import frames  # noqa: E402

# The line every partial stream starts with; merge accepts it anywhere.
VERSION_PREFIX = b"threadwatch-partials\t"
# Lines handed to the driver per record: fewer, larger records cost less
# to serialise than one record per partial line.
CHUNK_BYTES = 1 << 20
# The end of a failed binary's stderr shown in the job's error.
STDERR_TAIL = 4000
# Files per binaryFiles split.  Spark re-reads a split's whole file list
# for every file it opens (PortableDataStream.split), so a split of n files
# costs n^2 path parsings: 7,000 small files in one split took over ten
# minutes of CPU.  Splits are sized to hold about this many files.
FILES_PER_SPLIT = 64
# Split size for remote inputs, whose sizes are only known once Spark runs.
REMOTE_SPLIT_BYTES = 32 << 20
# Partial lines per byte of input (4.7 measured, docs/SCALE.md), and the
# partials one reduce partition should hold: toLocalIterator brings a
# whole partition into the driver's JVM heap (1 GB by default in local
# mode; 470 MB partitions ran it out of memory on 200 MB of input).
PARTIALS_PER_INPUT_BYTE = 5
REDUCE_PARTITION_BYTES = 64 << 20


def parse_args(argv):
    """The job's flags: Spark's, the inputs and outputs, the binary's
    scoring flags (for map) and report flags (for the final merge)."""
    p = argparse.ArgumentParser(
        description="Run threadwatch over a folder with Apache Spark; "
        "the reports are those `threadwatch analyze` writes."
    )
    p.add_argument("--master", help="Spark master (not needed under spark-submit)")
    p.add_argument("--input", required=True, help="folder or file, as analyze takes it")
    p.add_argument("--out", required=True, help="folder for the reports (written atomically)")
    p.add_argument(
        "--binary",
        required=True,
        help="threadwatch binary: a path, or a bare name shipped with --files",
    )
    p.add_argument("--map-partitions", type=int, help="map tasks (default: 4 per core)")
    p.add_argument(
        "--reduce-partitions",
        type=int,
        help="reduce tasks (default: about 64 MB of partials each for a local folder, "
        "1 per core for a remote one)",
    )
    p.add_argument(
        "--no-spread",
        action="store_true",
        help="map frames where their files were read, without shuffling the input",
    )
    p.add_argument(
        "--no-combine",
        action="store_true",
        help="shuffle map's partial lines as they are, without merging them per task",
    )
    p.add_argument(
        "--no-pieces",
        action="store_true",
        help="send the comment rows to the driver as partials instead of having the "
        "reducers write the comments report in pieces (implied by --xlsx and --html)",
    )
    p.add_argument(
        "--split-bytes",
        type=int,
        help="bytes of input per read task (default: about %d files' worth for a local "
        "folder, 32 MB for a remote one)" % FILES_PER_SPLIT,
    )
    p.add_argument("--stats", help="write the job's byte counts and timings here (JSON)")
    p.add_argument("--tmp-dir", help="folder for the driver's merge input (default: system temp)")
    scoring = p.add_argument_group("passed to `threadwatch map`")
    scoring.add_argument("--input-format", default="auto")
    scoring.add_argument("--field", action="append", default=[])
    scoring.add_argument("--lexicon-dir")
    scoring.add_argument("--model")
    scoring.add_argument("--threshold", "--uncivil-threshold", dest="threshold")
    scoring.add_argument("--allow")
    scoring.add_argument("--dogpile-min")
    scoring.add_argument("--config")
    report = p.add_argument_group("passed to `threadwatch merge --out`")
    report.add_argument("--format")
    report.add_argument("-d", "--delimiter")
    report.add_argument("--harassment-min")
    report.add_argument("--alert", action="append", default=[])
    report.add_argument("--xlsx", action="store_true")
    report.add_argument("--html", action="store_true")
    report.add_argument("--bom", action="store_true")
    report.add_argument("-q", "--quiet", action="store_true")
    p.add_argument(
        "merge_extra",
        nargs="*",
        help="after --: more flags for the final `threadwatch merge`",
    )
    return p.parse_args(argv)


def map_flags(opts, input_format, jobs=1):
    """The flags every `threadwatch map` gets: one set for the whole job,
    since merge refuses partials made with different settings; `jobs`
    threads (a task's cores: Spark already runs one task per core)."""
    out = ["--input-format", input_format, "--jobs", str(jobs), "--quiet"]
    for spec in opts.field:
        out += ["--field", spec]
    for flag, value in [
        ("--lexicon-dir", opts.lexicon_dir),
        ("--model", opts.model),
        ("--uncivil-threshold", opts.threshold),
        ("--allow", opts.allow),
        ("--dogpile-min", opts.dogpile_min),
        ("--config", opts.config),
    ]:
        if value is not None:
            out += [flag, value]
    return out


def uses_pieces(opts):
    """True when the reducers write the comments report in pieces: not
    with --no-pieces, nor with --xlsx or --html, whose sinks need every
    comment's record (a piece holds finished rows only)."""
    extra = set(opts.merge_extra)
    return not (opts.no_pieces or opts.xlsx or opts.html or extra & {"--xlsx", "--html"})


def piece_flags(opts):
    """The format flags a reducer writes its piece with: the final
    merge's, since a piece is a stretch of the final report."""
    out = []
    if opts.format:
        out += ["--format", opts.format]
    if opts.delimiter:
        out += ["--delimiter", opts.delimiter]
    return out


def merge_flags(opts, pieces=None):
    """The report flags of the final `threadwatch merge --out`; `pieces`
    is the folder of the comments report's pieces, when the reducers
    wrote them."""
    out = ["--out", opts.out] + piece_flags(opts)
    if pieces is not None:
        out += ["--comments-from", pieces]
    if opts.harassment_min:
        out += ["--harassment-min", opts.harassment_min]
    for rule in opts.alert:
        out += ["--alert", rule]
    if opts.config:
        out += ["--config", opts.config]
    out += [f for f, on in [("--xlsx", opts.xlsx), ("--html", opts.html), ("--bom", opts.bom),
                            ("--quiet", opts.quiet)] if on]
    return out + list(opts.merge_extra)


# --- the binary, on the driver and in the tasks ----------------------------


def resolve_binary(binary):
    """The binary's path here: as given when it exists, else the copy
    spark-submit's --files shipped to this node (SparkFiles), made
    executable if the copy lost its mode."""
    if os.sep in binary or os.path.exists(binary):
        return os.path.abspath(binary)
    from pyspark import SparkFiles

    path = SparkFiles.get(binary)
    if not os.access(path, os.X_OK):
        os.chmod(path, 0o755)
    return path


def die(message):
    """Stops the job before any report is written: exit status 2, as the
    binary's usage and fatal errors."""
    sys.stderr.write(f"threadwatch-spark: {message}\n")
    raise SystemExit(2)


class TaskFailed(RuntimeError):
    """A binary run inside a task failed: the message names the command,
    its status and the end of its stderr, which is what Spark shows."""


def check(proc, argv, err_file, names=()):
    """Waits for `proc`; raises TaskFailed unless it exited 0 or 1 (1 is
    "some inputs failed", which the partials carry on to the reports).
    The error names the inputs the run was given (`names`)."""
    status = proc.wait()
    if status in (0, 1):
        return status
    err_file.seek(0)
    tail = err_file.read()[-STDERR_TAIL:].decode("utf-8", "replace")
    why = f"signal {-status}" if status < 0 else f"status {status}"
    given = ""
    if names:
        more = f" and {len(names) - 5} more" if len(names) > 5 else ""
        given = " on " + ", ".join(names[:5]) + more
    raise TaskFailed(f"threadwatch failed ({why}){given}: {' '.join(argv)}\n{tail}")


def takes_frame_format(binary, flags):
    """True when this `threadwatch map` takes a `format` in the frame
    header: then exports detected as Reddit-style or JSON Lines can be
    split by thread under --input-format auto (frames.split_format)."""
    probe = b'TWFRAME {"name":"probe","part":0,"bytes":0,"format":"page"}\n'
    done = subprocess.run([binary, "map"] + flags, input=probe, capture_output=True)
    return done.returncode == 0


def version_line(binary, flags):
    """The version line `threadwatch map` starts its output with; running
    it on no input also rejects bad flags before any task starts."""
    argv = [binary, "map"] + flags
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True)
    first = done.stdout.split(b"\n", 1)[0] + b"\n"
    if done.returncode != 0 or not first.startswith(VERSION_PREFIX):
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        die(f"`{' '.join(argv)}` did not start a partial stream (status {done.returncode})")
    return first


# --- stage functions (they run in the tasks) ------------------------------


def order_key(name):
    """An input name's place in the run order, as Rust's ThreadKey
    orders inputs: by path (frames.path_order), then by the name."""
    return (frames.path_order(name), name)


def row_bounds(names, sizes, reducers):
    """Where the run order is cut into `reducers` ranges of inputs of
    about equal bytes: bounds[k - 1] is the order key of the first input
    of range k (range 0 starts at the first input)."""
    ordered = sorted(zip(names, sizes), key=lambda ns: order_key(ns[0]))
    total = sum(sizes) or 1
    bounds = []
    done = 0
    for name, size in ordered:
        k = min(reducers - 1, done * reducers // total)
        while len(bounds) < k:
            bounds.append(order_key(name))
        done += size
    return bounds


def shuffle_key(line, reducers, bounds=None):
    """The reduce partition of a partial line.  With `bounds` (the
    reducers write comments pieces), a `rows` line goes to the range its
    input falls in, so reducer k holds the k-th stretch of the comments
    report; every other line goes by a stable hash (CRC-32, not Python's
    per-process `hash`) of its kind and key, the first two tab-separated
    fields."""
    kind, _, rest = line.partition(b"\t")
    key = rest.split(b"\t", 1)[0]
    if bounds is not None and kind == b"rows":
        # The key's first field is the input's name, percent-encoded.
        field = key.split(b" ", 1)[0]
        name = urllib.parse.unquote_to_bytes(field).decode("utf-8", "replace")
        return bisect.bisect_right(bounds, order_key(name))
    return zlib.crc32(kind + b"\t" + key) % reducers


def map_partition(binary, flags, combine, reducers, bounds, counters):
    """The map task: frames -> `threadwatch map` -> optionally `merge
    --partial` -> (reducer, line)."""

    def run(records):
        exe = resolve_binary(binary)
        with tempfile.NamedTemporaryFile(prefix="twmap-") as spool:
            names = spool_frames(records, spool, counters)
            spool.flush()
            yield from piped_partials(exe, flags, spool.name, names, combine, reducers, bounds,
                                      counters)

    return run


def spool_frames(records, spool, counters):
    """Writes the partition's frames to a local file, so the binary reads
    its stdin from a file (no writer thread, no pipe deadlock, memory
    bounded by the page cache); returns the inputs' names, for errors."""
    names = []
    for name, data in records:
        spool.write(data)
        if not names or names[-1] != name:
            names.append(name)
        counters["frame_bytes"].add(len(data))
        counters["frames"].add(1)
    return names


def piped_partials(exe, flags, frames_path, names, combine, reducers, bounds, counters):
    """Runs `map` (and `merge --partial` after it) over one spool file and
    yields (reducer, partial line) for every line but the version line.
    `names` (the inputs in the spool) go into the error if a run fails."""
    started = time.monotonic()
    map_argv = [exe, "map"] + flags
    merge_argv = [exe, "merge", "--partial"]
    with open(frames_path, "rb") as stdin, tempfile.TemporaryFile() as map_err, \
            tempfile.TemporaryFile() as merge_err:
        mapper = subprocess.Popen(map_argv, stdin=stdin, stdout=subprocess.PIPE, stderr=map_err)
        procs = [(mapper, map_argv, map_err)]
        out = mapper.stdout
        if combine:
            merger = subprocess.Popen(merge_argv, stdin=mapper.stdout, stdout=subprocess.PIPE,
                                      stderr=merge_err)
            mapper.stdout.close()
            procs.append((merger, merge_argv, merge_err))
            out = merger.stdout
        yield from bucketed(out, reducers, bounds, counters)
        out.close()
        for proc, argv, err in reversed(procs):
            check(proc, argv, err, names)
        forward_stderr(map_err)
    counters["map_seconds"].add(time.monotonic() - started)


def bucketed(stream, reducers, bounds, counters):
    """(reducer, chunk) pairs of the partial lines of `stream`: each line
    goes to the reducer its key hashes to, and lines bound for one reducer
    travel in chunks of about CHUNK_BYTES, since Spark's per-record cost
    in Python would otherwise dominate the shuffle."""
    buckets = [[] for _ in range(reducers)]
    sizes = [0] * reducers
    total = 0
    for line in stream:
        if line.startswith(VERSION_PREFIX):
            continue
        r = shuffle_key(line, reducers, bounds)
        buckets[r].append(line)
        sizes[r] += len(line)
        total += len(line)
        if sizes[r] >= CHUNK_BYTES:
            yield (r, b"".join(buckets[r]))
            buckets[r], sizes[r] = [], 0
    for r in range(reducers):
        if buckets[r]:
            yield (r, b"".join(buckets[r]))
    counters["map_out_bytes"].add(total)


def forward_stderr(err_file):
    """Passes a successful map's stderr (parser warnings) on to the task's
    stderr: the console in local mode, the executor's log on a cluster."""
    err_file.seek(0)
    data = err_file.read()
    if data:
        sys.stderr.buffer.write(data)
        sys.stderr.flush()


def piece_name(k):
    """The file name of reducer k's piece of the comments report."""
    return "piece-%06d" % k


def reduce_partition(binary, version, pieces, counters):
    """The reduce task: this partition's chunks of partial lines ->
    `merge --partial` -> (None, chunk of merged lines) records for the
    driver; with `pieces` (the format flags), `--comments-to` writes the
    partition's rows as its piece of the comments report, which follows
    as (piece name, chunk of its bytes) records."""

    def run(k, lines):
        exe = resolve_binary(binary)
        started = time.monotonic()
        argv = [exe, "merge", "--partial"]
        with tempfile.TemporaryFile() as spool, tempfile.TemporaryFile() as err, \
                tempfile.TemporaryDirectory(prefix="twpiece-") as folder:
            piece = os.path.join(folder, piece_name(k))
            if pieces is not None:
                argv += ["--comments-to", piece] + pieces
            spool.write(version)
            size = 0
            for chunk in lines:
                spool.write(chunk)
                size += len(chunk)
            counters["reduce_in_bytes"].add(size)
            spool.seek(0)
            proc = subprocess.Popen(argv, stdin=spool, stdout=subprocess.PIPE, stderr=err)
            for c in chunks(proc.stdout, counters):
                yield (None, c)
            proc.stdout.close()
            check(proc, argv, err)
            # No rows in this range: no piece (and no `piece` partial).
            if os.path.exists(piece):
                with open(piece, "rb") as f:
                    for c in iter(lambda: f.read(CHUNK_BYTES), b""):
                        counters["piece_bytes"].add(len(c))
                        yield (piece_name(k), c)
        counters["reduce_seconds"].add(time.monotonic() - started)

    return run


def chunks(stream, counters):
    """The lines of `stream` (version lines dropped) joined into records
    of about CHUNK_BYTES."""
    buf = []
    size = 0
    total = 0
    for line in stream:
        if line.startswith(VERSION_PREFIX):
            continue
        buf.append(line)
        size += len(line)
        total += len(line)
        if size >= CHUNK_BYTES:
            yield b"".join(buf)
            buf, size = [], 0
    if buf:
        yield b"".join(buf)
    counters["reduce_out_bytes"].add(total)


# --- the driver -------------------------------------------------------------


def is_local(path):
    """True for a path on this machine's file system (no scheme, or
    file:), which is listed the way analyze lists it."""
    return "://" not in path and not path.startswith("file:")


def reduce_partitions(root, inputs, cores):
    """Reduce partitions enough that each holds about
    REDUCE_PARTITION_BYTES of merged partials, at least one per core."""
    if is_local(root):
        total = sum(os.path.getsize(key[len("file:"):]) for _, key, _ in inputs)
    else:
        total = 0  # remote sizes are not listed here: --reduce-partitions
    wanted = -(-total * PARTIALS_PER_INPUT_BYTE // REDUCE_PARTITION_BYTES)
    return max(cores, wanted)


def split_bytes(sizes):
    """The binaryFiles split size (spark.files.maxPartitionBytes) that puts
    about FILES_PER_SPLIT files of these sizes in a split: between 1 MB
    and Spark's default of 128 MB."""
    if not sizes:
        return 128 << 20
    average = sum(sizes) // len(sizes)
    return max(1 << 20, min(128 << 20, average * FILES_PER_SPLIT))


def hidden_by_hadoop(rel):
    """True when Hadoop's input listing skips the path `rel` (below the
    input folder): it hides every name starting with '_' or '.', and
    analyze reads the '_' ones."""
    return any(part.startswith("_") for part in rel.split("/"))


def hadoop_inputs(sc, root):
    """(name, key, hidden) of every file under a remote `root`: named
    root + "/" + the path below it, hidden names skipped, in analyze's
    order; key is the Hadoop path binaryFiles reports."""
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    top = jvm.org.apache.hadoop.fs.Path(root)
    fs = top.getFileSystem(conf)
    top_status = fs.getFileStatus(top)
    if not top_status.isDirectory():
        return [(root, top_status.getPath().toString(), False)]
    base = top_status.getPath().toString().rstrip("/")
    out = []
    stack = [top_status.getPath()]
    while stack:
        for st in fs.listStatus(stack.pop()):
            if st.getPath().getName().startswith("."):
                continue
            if st.isDirectory():
                stack.append(st.getPath())
            elif st.isFile():
                rel = st.getPath().toString()[len(base) + 1:]
                out.append((root.rstrip("/") + "/" + rel, st.getPath().toString(),
                            hidden_by_hadoop(rel)))
    return sorted(out, key=lambda nk: frames.path_order(nk[0]))


def local_inputs(root):
    """(name, key, hidden) of each local input: the name analyze reports,
    the key binaryFiles gives the file, and whether Hadoop hides it."""
    top = os.path.abspath(root)
    out = []
    for name in frames.local_inputs(root):
        path = os.path.abspath(name)
        rel = path[len(top) + 1:] if path != top else ""
        out.append((frames.display_name(name), "file:" + path, hidden_by_hadoop(rel)))
    return out


def list_inputs(sc, root):
    """The inputs, as analyze would list and name them."""
    return local_inputs(root) if is_local(root) else hadoop_inputs(sc, root)


def read_inputs(sc, root, inputs, partitions):
    """(name, bytes) of every input.  binaryFiles reads them on the
    executors; the local ones Hadoop hides (a name starting with '_')
    are read here on the driver, and a remote one stops the job rather
    than be dropped.  Returns the RDD and how many the driver read."""
    names = {key: name for name, key, hidden in inputs if not hidden}
    on_driver = [(name, key) for name, key, hidden in inputs if hidden]
    if on_driver and not is_local(root):
        die("Hadoop skips inputs whose names start with '_': "
            + ", ".join(n for n, _ in on_driver[:5]))
    if not names:
        read = sc.emptyRDD()
    else:
        if len(inputs) == 1:
            uri = inputs[0][1]
        else:
            uri = "file:" + os.path.abspath(root) if is_local(root) else root
        sc._jsc.hadoopConfiguration().set(
            "mapreduce.input.fileinputformat.input.dir.recursive", "true")
        read = sc.binaryFiles(uri, partitions).filter(lambda kv: kv[0] in names) \
            .map(lambda kv: (names[kv[0]], kv[1]))
    if on_driver:
        local = [(name, read_local(key)) for name, key in on_driver]
        read = read.union(sc.parallelize(local, 1))
    return read, len(on_driver)


def read_local(key):
    """The bytes of the local file whose binaryFiles key is `key`."""
    with open(key[len("file:"):], "rb") as f:
        return f.read()


def frame_records(files, forced, fields, header_format, maps, spread, counters):
    """(name, frame) records, spread over `maps` partitions by a stable
    hash of (name, part) unless `spread` is off."""

    def cut(kv):
        name, data = kv
        counters["input_bytes"].add(len(data))
        counters["files"].add(1)
        pieces = frames.frames_for_file(name, data, forced, fields, header_format)
        counters["split_files"].add(int(len(pieces) > 1))
        return [(name, fr) for fr in pieces]

    records = files.flatMap(cut)
    if not spread:
        return records
    keyed = records.map(lambda r: (zlib.crc32(r[1][:r[1].index(b"\n")]) % maps, r))
    return keyed.partitionBy(maps, lambda k: k).values()


def make_counters(sc):
    """The job's byte counts and task times, summed over tasks."""
    names = ["files", "split_files", "input_bytes", "frames", "frame_bytes", "map_out_bytes", "reduce_in_bytes",
             "reduce_out_bytes", "piece_bytes", "map_seconds", "reduce_seconds"]
    return {n: sc.accumulator(0.0 if n.endswith("seconds") else 0) for n in names}


def collect_partials(merged, version, tmp):
    """Streams the reduced partials into a local file and the pieces of
    the comments report into files of a local folder, one partition at a
    time; returns the file's path and size, the folder and its bytes."""
    path = os.path.join(tmp, "partials.tw")
    pieces = os.path.join(tmp, "pieces")
    os.mkdir(pieces)
    size = piece_bytes = 0
    piece, piece_file = None, None
    with open(path, "wb") as f:
        f.write(version)
        for name, chunk in merged.toLocalIterator():
            if name is None:
                f.write(chunk)
                size += len(chunk)
                continue
            if name != piece:
                if piece_file:
                    piece_file.close()
                piece, piece_file = name, open(os.path.join(pieces, name), "wb")
            piece_file.write(chunk)
            piece_bytes += len(chunk)
    if piece_file:
        piece_file.close()
    return path, size, pieces, piece_bytes


def final_merge(binary, partials, opts, pieces):
    """`threadwatch merge PARTIALS --out DIR ...` on the driver: its
    stdout, stderr and exit status are the job's."""
    argv = [binary, "merge", partials] + merge_flags(opts, pieces)
    return subprocess.run(argv).returncode


def write_stats(path, stats):
    """Writes the job's measurements as JSON (docs/SCALE.md quotes them)."""
    import json

    with open(path, "w") as f:
        json.dump(stats, f, indent=2, sort_keys=True)
        f.write("\n")


def run(opts):
    """The whole job; returns the exit status."""
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    clock = {"start": time.monotonic()}
    chunk = opts.split_bytes or REMOTE_SPLIT_BYTES
    if is_local(opts.input):
        # Nothing to read is analyze's exit 4, found before Spark starts.
        if not os.path.exists(opts.input):
            sys.stderr.write(f"{opts.input}: No such file or directory\n")
            return nothing_analysed(opts.out, "the only input failed")
        local = frames.local_inputs(opts.input)
        if not local:
            return nothing_analysed(opts.out, "no input matched")
        chunk = opts.split_bytes or split_bytes([os.path.getsize(n) for n in local])
    if (opts.master or "").startswith("local"):
        # Local workers run this Python (the venv's), not whatever
        # `python3` is first on PATH: Spark refuses mismatched versions.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("threadwatch") \
        .config("spark.ui.showConsoleProgress", "false") \
        .config("spark.files.maxPartitionBytes", str(chunk))
    if opts.master:
        builder = builder.master(opts.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    sc.addPyFile(os.path.join(HERE, "frames.py"))
    binary = resolve_binary(opts.binary)
    flags = map_flags(opts, opts.input_format, int(sc.getConf().get("spark.task.cpus", "1")))
    version = version_line(binary, flags)
    header_format = takes_frame_format(binary, flags)
    maps = opts.map_partitions or 4 * sc.defaultParallelism
    counters = make_counters(sc)
    fields = frames.parse_fields(opts.field)

    clock["listed"] = time.monotonic()
    inputs = list_inputs(sc, opts.input)
    reducers = opts.reduce_partitions or reduce_partitions(opts.input, inputs,
                                                           sc.defaultParallelism)
    pieces = None
    if uses_pieces(opts):
        # A config file may set the report format: reducers read it too.
        pieces = piece_flags(opts) + (["--config", opts.config] if opts.config else [])
    bounds = None
    if pieces is not None:
        # Remote sizes are not listed: ranges of equal file counts there.
        sizes = [os.path.getsize(key[len("file:"):]) if is_local(opts.input) else 1
                 for _, key, _ in inputs]
        bounds = row_bounds([name for name, _, _ in inputs], sizes, reducers)
    files, on_driver = read_inputs(sc, opts.input, inputs, maps)
    records = frame_records(files, opts.input_format, fields, header_format, maps,
                            not opts.no_spread, counters)
    partials = records.mapPartitions(
        map_partition(opts.binary, flags, not opts.no_combine, reducers, bounds, counters))
    merged = partials.partitionBy(reducers, lambda k: k).values() \
        .mapPartitionsWithIndex(reduce_partition(opts.binary, version, pieces, counters)) \
        .persist(StorageLevel.DISK_ONLY)
    # Run every stage in parallel first: toLocalIterator alone would run
    # the reduce partitions one after the other.
    clock["stages"] = time.monotonic()
    merged.count()
    if counters["files"].value != len(inputs):
        die(f"read {counters['files'].value} of {len(inputs)} inputs; "
            f"the reports in {opts.out} are untouched")
    tmp = tempfile.mkdtemp(prefix="threadwatch-spark-", dir=opts.tmp_dir)
    try:
        clock["collect"] = time.monotonic()
        path, partial_bytes, piece_dir, piece_bytes = collect_partials(merged, version, tmp)
        clock["merge"] = time.monotonic()
        status = final_merge(binary, path, opts, piece_dir if pieces is not None else None)
        clock["done"] = time.monotonic()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if opts.stats:
        write_stats(opts.stats, stats_of(opts, counters, clock, {
            "inputs": len(inputs),
            "inputs_read_on_driver": on_driver,
            "split_by_thread_under_auto": header_format,
            "final_partial_bytes": partial_bytes,
            "final_piece_bytes": piece_bytes,
            "pieces": pieces is not None,
            "map_partitions": maps,
            "split_bytes": chunk,
            "reduce_partitions": reducers,
            "exit_status": status,
        }))
    spark.stop()
    return status


def nothing_analysed(out, why):
    """analyze's words and exit status (4) when there is nothing to read;
    the reports in `out` are left as they were."""
    sys.stderr.write(f"threadwatch-spark: nothing analysed ({why}); the reports in {out} "
                     "are left as they were\n")
    return 4


def stats_of(opts, counters, clock, facts):
    """The measurements docs/SCALE.md quotes: bytes at each stage, task
    time summed per stage, wall time per driver step, and `facts` about
    the run."""
    stats = {k: c.value for k, c in counters.items()}
    stats.update(facts)
    stats.update({
        "combine": not opts.no_combine,
        "spread": not opts.no_spread,
        "wall_seconds_startup": clock["listed"] - clock["start"],
        "wall_seconds_listing": clock["stages"] - clock["listed"],
        "wall_seconds_map_shuffle_reduce": clock["collect"] - clock["stages"],
        "wall_seconds_collect": clock["merge"] - clock["collect"],
        "wall_seconds_final_merge": clock["done"] - clock["merge"],
        "wall_seconds_total": clock["done"] - clock["start"],
    })
    return stats


def main(argv=None):
    """Runs the job and exits with the binary's status (2 when the job
    itself failed)."""
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        status = run(opts)
    except SystemExit:
        raise
    except Exception as e:  # a failed task or Spark itself: one clear line
        msg = str(e)
        marker = "TaskFailed: "
        if marker in msg:
            msg = msg[msg.index(marker) + len(marker):].split("\n\tat ")[0]
        sys.stderr.write(f"threadwatch-spark: the job failed: {msg.strip()}\n")
        status = 2
    sys.exit(status)


if __name__ == "__main__":
    main()

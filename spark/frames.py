"""Frames for `threadwatch map`: which files a run reads, and how an
NDJSON export is cut into its threads without changing a single report.

The Spark job (threadwatch_spark.py) only moves bytes; everything that
decides *what* the binary sees lives here, in plain Python with no Spark,
so it can be tested on its own (spark/test_frames.py).

Exactness is the rule (issue 19): `threadwatch analyze PATH` and the
Spark job must write byte-identical reports.  So this module mirrors, line
for line, the Rust code it stands in for:

- the inputs a folder names, their names and order (src/cmd/inputs.rs);
- the format `--input-format auto` picks (src/pipeline/source/detect.rs);
- the thread key each line of a Reddit-style or generic JSON Lines export
  is grouped under (src/pipeline/source/reddit.rs, records.rs).

Wherever Python's JSON reader and serde_json could disagree about a line
(NaN, lone surrogates, floats printed as keys, very deep nesting), the
file is not split: it goes to the binary whole, which is always exact and
only costs parallelism inside that one file.
"""

import hashlib
import json
import os
import re

# The characters Rust's `char::is_whitespace` (Unicode White_Space) takes:
# `str::trim` strips these and no others, unlike Python's `str.strip()`,
# which also strips U+001C..U+001F.
RUST_WS = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

# How far into an input format detection looks, and how many JSON lines
# it reads for Reddit's fields (SNIFF, SNIFF_LINES in detect.rs).
SNIFF = 64 * 1024
SNIFF_LINES = 20

# serde_json stops at 128 levels of nesting and Python's reader at about
# a thousand; a line that nests deeper than this may be read by one and
# not the other, so its file is sent whole.
MAX_NESTING = 100

# The formats that are cut into threads; all others go whole.
SPLIT_FORMATS = ("reddit", "jsonl")

# The fields of a Reddit-style line that serde reads as `Option<String>`
# (reddit.rs `Line`): any other JSON type there fails the line.
REDDIT_STRINGS = ("parent_id", "link_id", "author", "body", "title")
# Every field `Line` names: naming one twice fails the line (serde's derive
# rejects duplicate fields; unknown fields are ignored, even twice).
REDDIT_FIELDS = REDDIT_STRINGS + ("id", "created_utc")

SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class Unsure(Exception):
    """Python and serde_json might not read this line alike: send the
    file whole rather than guess."""


class Rejected(Exception):
    """serde_json certainly rejects this line (NaN and Infinity are not
    JSON), though Python's reader would take it."""


class Float:
    """A JSON number with a fraction or exponent.  serde_json prints
    these (ryu) differently from Python's repr ("1e20" against "1e+20"),
    so one used as a thread key makes the file go whole."""

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


class Obj(dict):
    """A JSON object that remembers which keys it named more than once
    (Python keeps the last, as serde_json's Map does; serde's derive for
    Reddit's `Line` instead fails the line)."""

    __slots__ = ("repeated",)


def _pairs(pairs):
    obj = Obj(pairs)
    obj.repeated = set()
    if len(obj) != len(pairs):
        seen = set()
        for k, _ in pairs:
            if k in seen:
                obj.repeated.add(k)
            seen.add(k)
    return obj


def _int(text):
    # serde_json reads integers outside i64/u64 as floats and "-0" as
    # -0.0; Python's C scanner takes ASCII digits only, but be sure.
    if not text.isascii() or text == "-0":
        raise Unsure(text)
    n = int(text)
    if n < -(2**63) or n >= 2**64:
        raise Unsure(text)
    return n


def _float(text):
    if not text.isascii() or float(text) in (float("inf"), float("-inf")):
        raise Unsure(text)
    return Float(text)


def _constant(text):
    raise Rejected(text)


_DECODER = json.JSONDecoder(
    object_pairs_hook=_pairs,
    parse_int=_int,
    parse_float=_float,
    parse_constant=_constant,
)


def _has_surrogate(value):
    """True when a decoded value holds an unpaired surrogate anywhere."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if any("\ud800" <= c <= "\udfff" for c in v):
                return True
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def parse_json(line):
    """The JSON value of `line` as serde_json would read it.

    Returns (True, value) when serde_json reads it, (False, None) when it
    certainly fails; raises Unsure when the two readers might differ."""
    if line.count("{") + line.count("[") > MAX_NESTING:
        raise Unsure("deep nesting")
    try:
        value = _DECODER.decode(line)
    except Rejected:
        return (False, None)
    except json.JSONDecodeError:
        return (False, None)
    except (Unsure, RecursionError, ValueError) as e:
        raise Unsure(str(e)) from e
    if SURROGATE_ESCAPE.search(line) and _has_surrogate(value):
        raise Unsure("lone surrogate")
    return (True, value)


# --- inputs (src/cmd/inputs.rs) -------------------------------------------


def path_order(name):
    """The sort key Rust's `PathBuf` uses: component by component, on the
    raw bytes, so "a/b" sorts before "a.b" (a plain string sort puts it
    after: '.' < '/')."""
    raw = os.fsencode(name)
    parts = [p for p in raw.split(b"/") if p not in (b"", b".")]
    rooted = raw.startswith(b"/")
    head = [b"/"] if rooted else ([b"."] if raw.startswith(b"./") else [])
    return head + parts


def display_name(name):
    """A path as analyze names it (`Input::name`): a byte that is not
    UTF-8 written \\xNN (lower-case hex), so two such names stay apart."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def walk_local(root):
    """The files analyze reads under the folder `root`, as it names them
    (src/cmd/inputs.rs `walk`): `root` joined with the path below it,
    depth first in byte order of the names, hidden entries (a name
    starting with '.') skipped with everything under them, symbolic links
    followed; a link back to a folder above it or to nothing is skipped,
    and of several paths to one file the first not reached through a link
    is kept (else the first)."""
    root_real = os.path.realpath(root)
    found = []

    def visit(folder, ancestors, via_link):
        names = sorted(os.listdir(folder), key=os.fsencode)
        for name in names:
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            link = os.path.islink(path)
            if link and not os.path.exists(path):
                continue
            if os.path.isdir(path):
                real = os.path.realpath(path)
                if real in ancestors:
                    continue
                if link and (root_real == real or root_real.startswith(real.rstrip("/") + "/")):
                    continue
                visit(path, ancestors | {real}, via_link or link)
            elif os.path.isfile(path):
                found.append((path, os.path.realpath(path), via_link or link))

    visit(root, {root_real}, False)
    kept = {}
    for path, real, via in found:
        if not via:
            kept.setdefault(real, path)
    for path, real, _ in found:
        kept.setdefault(real, path)
    return [path for path, real, _ in found if kept[real] == path]


def local_inputs(path):
    """The inputs `threadwatch analyze PATH` reads, sorted and named as it
    sorts and names them."""
    files = walk_local(path) if os.path.isdir(path) else [path]
    return sorted(set(files), key=path_order)


# --- format detection (src/pipeline/source/detect.rs) ---------------------


def _rust_lines(text):
    """`str::lines`: split at "\\n", drop one "\\r" before it, no empty
    last line after a final newline."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


def _sniff_text(data):
    """The start of `data` as detect() reads it: at most SNIFF bytes, one
    BOM dropped, a character cut at the end dropped; None when it is not
    UTF-8 (detect() then says "page")."""
    head = data[:SNIFF]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.end == len(head):
            return head[: e.start].decode("utf-8")
        return None


def _reddit_like(obj):
    def prefixed(key):
        v = obj.get(key)
        return isinstance(v, str) and (v.startswith("t1_") or v.startswith("t3_"))

    return "link_id" in obj or "subreddit" in obj or prefixed("parent_id") or prefixed("name")


def detect_json(data):
    """"reddit" or "jsonl" when detect() would read `data` as one of them,
    "other" for every other format, None when unsure."""
    text = _sniff_text(data)
    if text is None:
        return "other"
    start = text.lstrip(RUST_WS)
    if not start.startswith("{"):
        return "other"
    cut = len(data) > SNIFF
    lines = _rust_lines(start)
    for i, line in enumerate(lines[:SNIFF_LINES]):
        ok, obj = parse_json(line)
        if ok and isinstance(obj, dict) and _reddit_like(obj):
            return "reddit"
        # A line cut at SNIFF is searched for Reddit's keys as text.
        keys = ('"link_id"', '"subreddit"', '"t1_', '"t3_')
        if not ok and cut and i + 1 == len(lines) and any(k in line for k in keys):
            return "reddit"
    return "jsonl"


# --- thread keys (src/pipeline/source/reddit.rs, records.rs) ---------------

# What a line of an export is to the reader: part of the thread with a key,
# an error the reader reports, or nothing at all.
ERROR = ("error",)
SKIP = ("skip",)


def strip_prefix(ident):
    """reddit.rs `strip`: "t3_abc" -> "abc" (any two-byte prefix starting
    with 't')."""
    head, sep, rest = ident.partition("_")
    if sep and len(head.encode("utf-8")) == 2 and head.startswith("t"):
        return rest
    return ident


def reddit_key(obj, line_no):
    """The thread a parsed Reddit-style line joins, ERROR, or SKIP (a
    submission without a title makes no thread)."""
    if isinstance(obj, list):
        raise Unsure("array line")  # serde's derive reads arrays by position
    if not isinstance(obj, dict):
        return ERROR
    if obj.repeated & set(REDDIT_FIELDS):
        return ERROR
    for f in REDDIT_STRINGS:
        if obj.get(f) is not None and not isinstance(obj[f], str):
            return ERROR
    if obj.get("body") is None:
        if obj.get("title") is None:
            return SKIP
        ident = obj.get("id")
        if isinstance(ident, Float):
            raise Unsure("float id")
        if isinstance(ident, str):
            name = ident
        elif isinstance(ident, int) and not isinstance(ident, bool):
            name = str(ident)
        else:
            name = f"line {line_no}"
        return ("thread", strip_prefix(name))
    link, parent = obj.get("link_id"), obj.get("parent_id")
    if link is None and parent is not None and parent.startswith("t3_"):
        link = parent
    return ("thread", strip_prefix(link) if link is not None else "")


def _cell(value):
    """records.rs `cell`: a field's value as text, None when null or
    missing."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    raise Unsure("a float, object or array as a thread key")


def jsonl_key(obj, fields):
    """The thread a parsed generic JSON Lines line joins, or ERROR (not an
    object, or no id or text)."""
    if not isinstance(obj, dict):
        return ERROR
    if obj.get(fields["id"]) is None or obj.get(fields["text"]) is None:
        return ERROR
    key = _cell(obj.get(fields["thread"]))
    return ("thread", (key or "").strip(RUST_WS))


def parse_fields(specs):
    """The field names `--field` sets (records.rs `Fields::apply`), of which
    the split needs id, text and thread.  A malformed spec is left for the
    binary to reject with its own message."""
    fields = {"id": "id", "text": "text", "thread": "thread"}
    for spec in specs:
        for pair in (p.strip() for p in spec.split(",")):
            ours, sep, theirs = pair.partition("=")
            if sep and ours.strip() in fields:
                fields[ours.strip()] = theirs.strip()
    return fields


# --- cutting a file into thread groups -------------------------------------


def raw_lines(data):
    """(line number, bytes with their terminator) for every line of
    `data`, numbered as `str::lines` numbers them."""
    out = []
    start = 0
    n = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        n += 1
        out.append((n, data[start:end]))
        start = end
    return out


def _is_blank(text):
    return text.strip(RUST_WS) == ""


def thread_groups(data, fmt, fields):
    """The lines of the export `data` grouped as the reader groups them:
    a list of (line numbers, bytes) in the order the file first names each
    group, a line the reader rejects being a group of its own (so its
    error keeps its line).  None when the file must go whole (not UTF-8,
    a line Python might read differently, or nothing to group)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    groups = {}
    order = []
    for line_no, raw in raw_lines(data):
        text = raw.decode("utf-8")
        text = text[:-1] if text.endswith("\n") else text
        text = text.lstrip("\ufeff")
        if _is_blank(text):
            continue
        try:
            ok, obj = parse_json(text)
            if not ok:
                key = ERROR
            elif fmt == "reddit":
                key = reddit_key(obj, line_no)
            else:
                key = jsonl_key(obj, fields)
        except Unsure:
            return None
        if key is SKIP:
            continue
        gkey = ("error", line_no) if key is ERROR else key
        if gkey not in groups:
            groups[gkey] = ([], [])
            order.append(gkey)
        groups[gkey][0].append(line_no)
        groups[gkey][1].append(raw)
    if not order:
        return None
    return [(groups[k][0], b"".join(groups[k][1])) for k in order]


def frame(name, part, content, lines=None, file_bytes=None, sha256=None, fmt=None):
    """One frame for `threadwatch map`: the header line, then exactly the
    content's bytes.  `fmt` names the format a split export's pieces must
    be read as, when the binary takes it (see frames_for_file)."""
    header = {"name": name, "part": part, "bytes": len(content)}
    if file_bytes is not None:
        header["file_bytes"] = file_bytes
        header["sha256"] = sha256
    if lines is not None:
        header["lines"] = lines
    if fmt is not None:
        header["format"] = fmt
    line = "TWFRAME " + json.dumps(header, ensure_ascii=False, separators=(",", ":"))
    return line.encode("utf-8") + b"\n" + content


def split_format(data, forced, header_format):
    """The format a file is split as ("reddit", "jsonl"), or None when it
    goes whole.  `forced` is --input-format ("auto" detects).

    A piece of an export cannot be detected on its own (a group whose
    lines lack Reddit's fields reads as JSON Lines), and every map run of
    a job must have the same settings, --input-format included.  So with
    "auto", files are split only when the binary takes the format in the
    frame header (`header_format`); otherwise they go whole, which is
    always exact."""
    if forced in SPLIT_FORMATS:
        return forced
    if forced != "auto" or not header_format:
        return None
    fmt = detect_json(data)
    return fmt if fmt in SPLIT_FORMATS else None


def frames_for_file(name, data, forced, fields, header_format=True):
    """The frames of one input: one per thread group of a split export, or
    one of the whole file."""
    try:
        fmt = split_format(data, forced, header_format)
    except Unsure:
        fmt = None
    groups = thread_groups(data, fmt, fields) if fmt else None
    if groups is None:
        return [frame(name, 0, data)]
    sha = hashlib.sha256(data).hexdigest()
    tell = fmt if forced == "auto" else None
    return [
        frame(name, part, content, lines, len(data), sha, tell)
        for part, (lines, content) in enumerate(groups)
    ]

#!/usr/bin/env bash
# Makes the virtual environment with Google's API client for Python that
# tests/it/serve.rs (`r28_google_python_client_works_unchanged`) runs
# tests/python/google_client.py in (issue 28).  Like spark/venv.sh: made
# once from pip, kept in ~/.cache/threadwatch under a name holding the hash
# of tests/python/requirements.txt (THREADWATCH_SERVE_VENV overrides).
# Prints the venv's python.  Run from the repository root.
set -euo pipefail
req=tests/python/requirements.txt
req_hash=$(sha256sum "$req" | cut -c1-12)
VENV=${THREADWATCH_SERVE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/threadwatch/serve-venv-$req_hash}
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import googleapiclient.discovery' 2>/dev/null; then
  echo "venv: creating $VENV (google-api-python-client from pip, once)" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$req"
fi
echo "$VENV/bin/python"

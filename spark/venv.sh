# Sourced by the Spark scripts (spark_test.sh, cluster_test.sh): checks for
# Java and sets VENV to the virtual environment with pyspark
# (spark/requirements.txt), made once and kept in ~/.cache/threadwatch
# (THREADWATCH_SPARK_VENV overrides).  The caller defines fail and note.
if ! command -v java >/dev/null 2>&1; then
  fail "java is missing; Spark needs Java 17: apt-get install openjdk-17-jre-headless"
fi
req_hash=$(sha256sum spark/requirements.txt | cut -c1-12)
VENV=${THREADWATCH_SPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/threadwatch/spark-venv-$req_hash}
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
  note "creating $VENV (pyspark from pip, once)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r spark/requirements.txt
fi

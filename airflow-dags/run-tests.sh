#!/usr/bin/env bash
# Airflow DAG tests for Customer Hub, on a fresh machine with Java 17, Maven, Python 3.11 and pip:
# a virtualenv (airflow-dags/.venv, reused) with the pinned Airflow + Spark provider + pyspark,
# the hub jar (built when missing), a throwaway AIRFLOW_HOME with a migrated SQLite DB, then pytest
# (structure tests and a real end-to-end run on a Spark standalone master + worker on 127.0.0.1).
# Exits non-zero when a test fails. Called by bin/test.
#   run-tests.sh [--no-jar] [pytest arguments...]
# --no-jar: neither build nor use the hub jar: only the tests without the `jar` marker (DagBag import,
# structure, defaults, templates, params, gate rules); the end-to-end runs and the subcommand check
# are deselected. Other arguments go to pytest (e.g. -k gate, or -m 'not jar' with a jar present).
set -euo pipefail
no_jar=false
if [ "${1:-}" = "--no-jar" ]; then
  no_jar=true
  shift
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"
t0=$SECONDS

step() { echo "[airflow-dags $(date +%H:%M:%S)] $*"; }

# 1. virtualenv with the pins; reinstalled only when the requirement files changed since the last install
stamp="$venv/.requirements.sha256"
want="$(cat "$here/requirements.txt" "$here/requirements-constraints.txt" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  step "installing $(grep -cE '^[a-z]' "$here/requirements.txt") pinned packages into $venv (first time: a few minutes)"
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt" -c "$here/requirements-constraints.txt"
  echo "$want" > "$stamp"
fi
t_install=$((SECONDS - t0))
step "virtualenv ready ($t_install s)"

# 2. the hub jar
jar="${CUSTOMER_HUB_JAR:-$repo/jobs/target/customer-hub.jar}"
if $no_jar; then
  step "--no-jar: tests marked 'jar' deselected"
elif [ ! -f "$jar" ]; then
  step "building the hub jar"
  (cd "$repo" && mvn -B -q -DskipTests package -pl jobs -am)
fi
t_jar=$((SECONDS - t0 - t_install))
step "hub jar ready ($t_jar s)"

# 3. Java 17 and Spark settings for spark-submit / spark-class
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
export JAVA_HOME PATH="$venv/bin:$JAVA_HOME/bin:$PATH"
export SPARK_LOCAL_IP=127.0.0.1 CUSTOMER_HUB_JAR="$jar"

# 4. a throwaway Airflow home with a migrated SQLite metadata DB
AIRFLOW_HOME="$(mktemp -d -t customer-hub-airflow-home.XXXXXX)"
trap 'rm -rf "$AIRFLOW_HOME"' EXIT
export AIRFLOW_HOME AIRFLOW__CORE__DAGS_FOLDER="$here/dags" AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__UNIT_TEST_MODE=False AIRFLOW__LOGGING__LOGGING_LEVEL=WARNING
t1=$SECONDS
"$venv/bin/airflow" db migrate >"$AIRFLOW_HOME/migrate.log" 2>&1 || { cat "$AIRFLOW_HOME/migrate.log" >&2; exit 1; }
t_migrate=$((SECONDS - t1))
step "airflow db migrate ($t_migrate s)"

# 5. the tests
t2=$SECONDS
status=0
selection=()
if $no_jar; then
  selection=(-m "not jar")
fi
(cd "$here" && "$venv/bin/python" -m pytest -ra -p no:cacheprovider --durations=5 tests "${selection[@]}" "$@") || status=$?
t_tests=$((SECONDS - t2))
step "timings: install ${t_install}s, jar ${t_jar}s, db migrate ${t_migrate}s, tests ${t_tests}s, total $((SECONDS - t0))s"
exit "$status"

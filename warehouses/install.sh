#!/usr/bin/env bash
# Install what the warehouse stand-ins need; every step is skipped when already done.
#
#   bash warehouses/install.sh            # every step
#   bash warehouses/install.sh postgres   # or any of: postgres crucible java databricks
#
# 1. postgres  Debian's `postgresql` (PostgreSQL 15 on Debian 12): apt-get install, and
#              apt-get update only when the package cannot be found or fetched. Needs root.
# 2. crucible  .venv-crucible: crucible-emulator[server] alone (it pins duckdb 1.5.6, which
#              conflicts with fakesnow's duckdb 2.0, so it cannot share the main venv).
# 3. java      a JRE for the Spark stand-in (pyspark's own jars run the Spark Connect
#              server): Debian's `openjdk-17-jre-headless` when `java` is not on PATH, as
#              for postgres (apt-get update only when needed). Needs root.
# 4. databricks .venv-databricks: dbt-databricks alone, for the offline compile (it pins
#              dbt-spark 1.10 and an older dbt-core than the main venv's adapters).
#
# The adapters (dbt-postgres, dbt-redshift, dbt-snowflake, dbt-bigquery, fakesnow, dbt-spark
# with pyspark) are the
# `warehouses` extra of pyproject.toml, installed into the main .venv by `make test`.
#
# The crucible and databricks venvs are each rebuilt when their inputs change (the
# requirements file, the Python version): a stamp inside each records their hash. PYTHON
# picks the interpreter (>= 3.11).
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$PWD
PYTHON=${PYTHON:-python3}
CRUCIBLE_VENV=${CRUCIBLE_VENV:-.venv-crucible}
DATABRICKS_VENV=${DATABRICKS_VENV:-.venv-databricks}
STEPS=("$@")
[ ${#STEPS[@]} -eq 0 ] && STEPS=(postgres crucible java databricks)

log() { printf '[install] %s\n' "$*"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

wants() {
    local step
    for step in "${STEPS[@]}"; do [ "$step" = "$1" ] && return 0; done
    return 1
}

# apt_install PACKAGE: apt-get install, with apt-get update only when the package cannot be
# found or fetched without it.
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends "$1" >/tmp/heap-connect-apt.log 2>&1; then
        log "$1: install failed without a package list refresh; apt-get update"
        apt-get update -q >>/tmp/heap-connect-apt.log 2>&1
        apt-get install -y -q --no-install-recommends "$1" >>/tmp/heap-connect-apt.log 2>&1 || {
            tail -20 /tmp/heap-connect-apt.log
            return 1
        }
    fi
}

install_postgres() {
    if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null; then
        log "postgres: already installed ($(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1))"
        return
    fi
    if [ "$(id -u)" -ne 0 ]; then
        log "postgres: not installed, and installing needs root: sudo apt-get install -y postgresql"
        return 1
    fi
    local start
    start=$(now)
    # Only the server binaries are used (warehouses/postgres.py runs its own clusters); the
    # package's default cluster is not started where services cannot start (containers).
    apt_install postgresql
    log "postgres: installed in $(elapsed "$start")"
}

install_java() {
    if command -v java >/dev/null; then
        log "java: already installed ($(java -version 2>&1 | head -1))"
        return
    fi
    if [ "$(id -u)" -ne 0 ]; then
        log "java: not installed, and installing needs root: sudo apt-get install -y openjdk-17-jre-headless"
        return 1
    fi
    local start
    start=$(now)
    apt_install openjdk-17-jre-headless
    log "java: installed in $(elapsed "$start")"
}

python_ok() {
    "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || {
        log "$PYTHON is missing or older than 3.11 (set PYTHON=...)"
        return 1
    }
}

# make_venv DIR HASH PIP_ARGS...: create DIR, pip install PIP_ARGS, stamp; skip when stamped.
make_venv() {
    local dir=$1 hash=$2
    shift 2
    local stamp=$dir/.heap-connect-stamp
    if [ -x "$dir/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
        log "$dir: up to date"
        return
    fi
    local start
    start=$(now)
    if [ ! -x "$dir/bin/python" ]; then
        "$PYTHON" -m venv "$dir"
        "$dir/bin/python" -m pip install --quiet --upgrade pip >"$dir/pip-install.log" 2>&1
    fi
    # Keep the venv out of `git status` (the repo's .gitignore lists only .venv/).
    [ -e "$dir/.gitignore" ] || printf '*\n' >"$dir/.gitignore"
    if ! "$dir/bin/python" -m pip install --quiet "$@" >"$dir/pip-install.log" 2>&1; then
        grep -v '^WARNING: Location' "$dir/pip-install.log" | tail -30
        log "$dir: pip install failed (log: $dir/pip-install.log)"
        return 1
    fi
    "$dir/bin/python" -m pip check >/dev/null || { "$dir/bin/python" -m pip check; return 1; }
    printf '%s\n' "$hash" >"$stamp"
    log "$dir: installed in $(elapsed "$start")"
}

inputs_hash() {
    { "$PYTHON" -c 'import sys; print(sys.version)'; cat "$@"; } | sha256sum | cut -d' ' -f1
}

install_crucible() {
    python_ok
    make_venv "$CRUCIBLE_VENV" "$(inputs_hash warehouses/requirements-crucible.txt)" \
        -r warehouses/requirements-crucible.txt
    "$CRUCIBLE_VENV/bin/crucible" --help >/dev/null
}

install_databricks() {
    python_ok
    make_venv "$DATABRICKS_VENV" "$(inputs_hash warehouses/requirements-databricks.txt)" \
        -r warehouses/requirements-databricks.txt
    "$DATABRICKS_VENV/bin/dbt" --version >/dev/null
}

total=$(now)
for step in postgres crucible java databricks; do
    if wants "$step"; then "install_$step"; fi
done
log "done in $(elapsed "$total") ($REPO)"

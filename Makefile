# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
SHELL       := /bin/bash
.SHELLFLAGS := -eo pipefail -c

PYTHON ?= python3
# pip on this kind of machine warns about find-links folders that do not exist; keep the noise out
PIP_QUIET := 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# --compile-bytecode: uv, unlike pip, leaves the .pyc files to the first import, and with
# PYTHONDONTWRITEBYTECODE set (as on CI) every process would compile dbt again: ~3 s per
# heapgen or dbt process (bench: a sync with nothing new at 1,000 labels 11.8 -> 8.5 s)
UV_PIP := $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python

DEMO_DIR   := build/demo
DEMO_DB    := $(DEMO_DIR)/heap_connect.duckdb
DEMO_USERS ?= 2000
DEMO_DAYS  ?= 14
DEMO_AS_OF := $(shell date -u -d "2026-01-05 + $(DEMO_DAYS) days" "+%Y-%m-%d %H:%M:%S" 2>/dev/null || echo "2026-01-19 00:00:00")
# `make demo SOURCE=posthog`: the same activity as PostHog's S3 export, synced through the
# PostHog source (docs/sources/posthog.md) in a copy of the project under build/demo/project;
# SOURCE=segment or rudderstack: as their warehouse schema (docs/sources/segment.md)
SOURCE     ?= heap_raw
DEMO_PROJECT_PARTS := dbt_project.yml profiles.yml macros models seeds definitions heapgen.lock.yml tests/dbt docs/dbt

.PHONY: venv demo test test-warehouses lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# uv installs the packages (pip took ~70 s of CI for what uv does in ~10 s, cold cache)
	$(BIN)/python -m pip install --quiet uv $(PIP_QUIET)
	$(UV_PIP) -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: venv
ifeq ($(SOURCE),posthog)
	rm -rf $(DEMO_DIR)
	mkdir -p $(DEMO_DIR)/project
	for part in $(DEMO_PROJECT_PARTS); do mkdir -p $(DEMO_DIR)/project/$$(dirname $$part); cp -r $$part $(DEMO_DIR)/project/$$part; done
	printf '\nsource: {kind: posthog}\n' >> $(DEMO_DIR)/project/definitions/heap_connect.yml
	$(BIN)/heapgen sample $(DEMO_DIR)/posthog --source posthog --users $(DEMO_USERS) --days $(DEMO_DAYS) --seed 7
	HEAP_CONNECT_DB=$(abspath $(DEMO_DB)) $(BIN)/heapgen load $(DEMO_DIR)/posthog --project-dir $(DEMO_DIR)/project
	HEAP_CONNECT_DB=$(abspath $(DEMO_DB)) $(BIN)/heapgen sync --project-dir $(DEMO_DIR)/project --vars "{heap_connect__segments_as_of: '$(DEMO_AS_OF)'}"
	@echo
	@echo "A CSS-selector label over PostHog's autocapture: div.product button[data-testid=add-to-cart]"
	HEAP_CONNECT_DB=$(abspath $(DEMO_DB)) $(BIN)/heapgen query --project-dir $(DEMO_DIR)/project \
	  "select count(*) as clicks, count(distinct user_id) as users, min(time) as first_click \
	   from main_production.add_to_cart_click"
	@echo "Identified users (from \$$identify) and the PostHog ids merged into them"
	HEAP_CONNECT_DB=$(abspath $(DEMO_DB)) $(BIN)/heapgen query --project-dir $(DEMO_DIR)/project \
	  "select u.identity, count(m.from_user_id) as merged_ids from main_production.users u \
	   left join main_production.user_migrations m on m.to_user_id = u.user_id \
	   where u.identity is not null group by 1 order by 2 desc" --limit 5
	@echo
	@echo "The demo warehouse is $(DEMO_DB), its project $(DEMO_DIR)/project."
else ifneq ($(filter $(SOURCE),segment rudderstack),)
	rm -rf $(DEMO_DIR)
	mkdir -p $(DEMO_DIR)/project
	for part in $(DEMO_PROJECT_PARTS); do mkdir -p $(DEMO_DIR)/project/$$(dirname $$part); cp -r $$part $(DEMO_DIR)/project/$$part; done
	$(BIN)/heapgen sample $(DEMO_DIR)/$(SOURCE) --source $(SOURCE) --users $(DEMO_USERS) --days $(DEMO_DAYS) --seed 7
	# the sample's source.yml is the `source:` block naming its per-event tables and traits
	printf '\n' >> $(DEMO_DIR)/project/definitions/heap_connect.yml
	cat $(DEMO_DIR)/$(SOURCE)/source.yml >> $(DEMO_DIR)/project/definitions/heap_connect.yml
	HEAP_CONNECT_DB=$(abspath $(DEMO_DB)) $(BIN)/heapgen load $(DEMO_DIR)/$(SOURCE) --project-dir $(DEMO_DIR)/project
	HEAP_CONNECT_DB=$(abspath $(DEMO_DB)) $(BIN)/heapgen sync --project-dir $(DEMO_DIR)/project --vars "{heap_connect__segments_as_of: '$(DEMO_AS_OF)'}"
	@echo
	@echo "Add To Cart by the session's campaign (context_campaign_source), its value from the per-event table's columns"
	HEAP_CONNECT_DB=$(abspath $(DEMO_DB)) $(BIN)/heapgen query --project-dir $(DEMO_DIR)/project \
	  "select s.utm_source, count(*) as adds, sum(a.price * a.quantity) as value from main_production.add_to_cart a \
	   left join main_production.sessions s on s.session_id = a.session_id group by 1 order by 2 desc" --limit 10
	@echo
	@echo "The demo warehouse is $(DEMO_DB), its project $(DEMO_DIR)/project."
else
	rm -rf $(DEMO_DIR)
	$(BIN)/heapgen sample $(DEMO_DIR)/raw --users $(DEMO_USERS) --days $(DEMO_DAYS) --seed 7
	HEAP_CONNECT_DB=$(DEMO_DB) $(BIN)/heapgen load $(DEMO_DIR)/raw
	# the sample starts on 2026-01-05: count the segments' within_days back from its end
	HEAP_CONNECT_DB=$(DEMO_DB) $(BIN)/heapgen sync --vars "{heap_connect__segments_as_of: '$(DEMO_AS_OF)'}"
	@echo
	@echo "Example query: pageviews and users by the session's utm_source"
	HEAP_CONNECT_DB=$(DEMO_DB) $(BIN)/heapgen query \
	  "select s.utm_source, count(distinct p.user_id) as users, count(*) as pageviews \
	   from main_production.pageviews p join main_production.sessions s on s.session_id = p.session_id \
	   group by 1 order by pageviews desc" --limit 10
	@echo
	@echo "Defined property marketing_channel and segment sizes"
	HEAP_CONNECT_DB=$(DEMO_DB) $(BIN)/heapgen query \
	  "select marketing_channel, count(*) as sessions from main_production.sessions group by 1 order by 2 desc"
	HEAP_CONNECT_DB=$(DEMO_DB) $(BIN)/heapgen query \
	  "select 'engaged_shoppers' as segment, count(*) as users from main_production.engaged_shoppers \
	   union all select 'paying_without_orders', count(*) from main_production.paying_without_orders \
	   union all select 'pricing_visitors_not_paying', count(*) from main_production.pricing_visitors_not_paying"
	@echo
	@echo "The demo warehouse is $(DEMO_DB). Query it: HEAP_CONNECT_DB=$(DEMO_DB) $(BIN)/heapgen query \"select count(*) from main_production.users\""
endif

lint: venv
	$(BIN)/ruff check generator tests/python bench warehouses
	$(BIN)/ruff format --check generator tests/python bench warehouses

# `make test`: lint, the definitions check, then one pytest session with one worker per core
# (dbt builds are single-threaded; a module's tests stay on one worker, the longest modules
# handed out first: tests/python/conftest.py LONGEST_FIRST): every DuckDB test and
# the warehouse tests (warehouses/README.md): the incremental sync sequence on PostgreSQL,
# Redshift (PostgreSQL behind a proxy), Snowflake (fakesnow), BigQuery (crucible) and Spark (a
# local Spark Connect server) compared with DuckDB, each source's staging models (PostHog,
# Segment / RudderStack, Snowplow) on each of them but Spark compared with DuckDB, and the
# offline compile + sqlglot parse for the real Redshift, Snowflake, BigQuery and Databricks; a
# pass/FAIL table per warehouse at the end. The adapters are the `warehouses`
# extra (installed into .venv beside dev); PostgreSQL, crucible, a JRE and .venv-databricks
# come from warehouses/install.sh (skipped when present). WAREHOUSE_TARGETS narrows the stand-ins. The
# stand-ins' own smoke test (a tiny project per target) is left to `make test-warehouses`.
# tests/python/tap_heap_env.py makes build/tap-heap: Singer's tap-heap in a virtualenv of its
# own with its pinned packages (tests/python/tap_heap_requirements.txt, from PyPI), which
# test_tap_heap.py runs against `heapgen export`'s dumps (nothing done when up to date).
WAREHOUSE_TESTS   := tests/python/test_warehouse_sync.py tests/python/test_offline_compile.py \
                     tests/python/test_sync_kill.py tests/python/test_warehouse_staging.py
WAREHOUSE_TARGETS ?= postgres,redshift,snowflake,bigquery,spark
TEST_STAMP        := $(VENV)/.test-stamp

$(TEST_STAMP): $(STAMP)
	$(UV_PIP) -e '.[dev,warehouses]'
	touch $(TEST_STAMP)

test: venv lint $(TEST_STAMP)
	$(BIN)/heapgen check
	# the stand-ins' installs and tap-heap's virtualenv side by side (pip, one core each)
	bash warehouses/install.sh & installs=$$!; \
	  $(BIN)/python tests/python/tap_heap_env.py; \
	  wait $$installs
	HEAP_CONNECT_TEST_TARGET=$(WAREHOUSE_TARGETS) \
	  $(BIN)/pytest -n auto --dist loadscope --no-loadscope-reorder -m 'warehouses or not warehouses' \
	  --ignore tests/python/test_warehouses_smoke.py

# The warehouse tests alone, plus the stand-ins' own smoke test (a tiny project per target).
test-warehouses: venv $(TEST_STAMP)
	bash warehouses/install.sh
	HEAP_CONNECT_TEST_TARGET=$(WAREHOUSE_TARGETS) \
	  $(BIN)/pytest -m warehouses $(WAREHOUSE_TESTS) tests/python/test_warehouses_smoke.py

# Benchmarks are not part of `make test` (machines are shared: compare ratios of one run).
# Every sync path against the floor (bench/bench_sync.py): BENCH_SCALE 10m (10M events, 100
# labeled events; the issue's targets), 1m (1M, 1,000 labels), 1m-100, 100k, tiny (smoke).
# Raw data is written once per scale under build/bench/<scale>/ and reused.
BENCH_SCALE ?= 10m
BENCH_RUNS  ?= 3
BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): $(STAMP)
	$(UV_PIP) -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: venv $(BENCH_STAMP)
	$(BIN)/python bench/bench_sync.py --scale $(BENCH_SCALE) --runs $(BENCH_RUNS)

clean:
	rm -rf build target logs .pytest_cache

# Everything a fresh machine needs: `make demo` and `make test` build their own venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench golden clean redis browser screenshot java

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/reconcile diff fixtures/press-2024-03-26/ministry-report.txt fixtures/press-2024-03-26/web-report.txt

lint: $(STAMP)
	$(BIN)/ruff check reconcile tests bench
	$(BIN)/ruff format --check reconcile tests bench
	$(BIN)/mypy

# The dedup tests run two workers against a real Redis server. On a fresh CI machine
# (root, Debian) install it; elsewhere those tests skip with a message saying so.
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	  else \
	    echo "redis-server not installed and not root: the Redis dedup tests will be skipped"; \
	  fi; }

# The HTML page tests open the page in Debian's headless Chromium (selenium drives the
# system chromedriver; nothing is downloaded) with the Noto CJK fonts for Chinese text;
# the pager test needs the real less.
browser:
	@{ command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && \
	   command -v less >/dev/null 2>&1 && \
	   fc-list 2>/dev/null | grep -q "Noto Sans CJK"; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium chromium-driver fonts-noto-cjk less >/dev/null; \
	  else \
	    echo "chromium, chromium-driver or fonts-noto-cjk missing and not root: the browser tests will be skipped"; \
	  fi; }

# The Spark dedup engine's tests run pyspark (in the dev extra) on a Java 17 runtime.
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
	  else \
	    echo "java not installed and not root: the Spark dedup tests will be skipped"; \
	  fi; }

test: lint redis browser java
	$(BIN)/pytest -q

golden: $(STAMP)
	RECONCILE_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_render.py tests/test_render_n.py tests/test_readme_examples.py
	$(BIN)/reconcile merge fixtures/press-2024-03-26/ministry-report.txt fixtures/press-2024-03-26/web-report.txt -o reports/press-2024-03-26.md

screenshot: $(STAMP) browser
	$(BIN)/python bench/screenshot.py

bench: $(STAMP)
	$(BIN)/python bench/bench_diff.py
	$(BIN)/python bench/bench_facts.py
	$(BIN)/python bench/bench_collate.py
	$(BIN)/python bench/dedup_throughput.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

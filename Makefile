# The README's two commands are `make run` and `make test`; the other targets are for maintainers.
.PHONY: run test quick lint data bench

run:  ## set up (if needed) and start the app at http://localhost:8501
	bash scripts/run_app.sh

test:  ## set up (if needed), validate data/ and run every test (unit, AppTest, Chromium)
	bash scripts/run_tests.sh

quick:  ## the quick suite: everything but the Chromium tests
	bash scripts/run_tests.sh -m "not e2e"

lint:  ## the static checks CI runs before the tests: ruff, mypy, bandit
	bash scripts/lint.sh

data:  ## rebuild the boundaries (needs requirements-build.txt) and validate; never writes the curated data/*.csv
	.venv/bin/pip install -q -r requirements-build.txt
	.venv/bin/python scripts/build_boundaries.py
	.venv/bin/python -m geo.validate

bench:  ## benchmarks: each prints a Markdown table
	.venv/bin/python -m bench.maps
	.venv/bin/python -m bench.exports
	.venv/bin/python -m bench.rerun
	.venv/bin/python -m bench.loading
	.venv/bin/python -m bench.store
	.venv/bin/python -m bench.db

.PHONY: check test lint typecheck
check: lint typecheck test
lint:
	ruff check .
typecheck:
	mypy
test:
	pytest

# plinth — two commands: `make demo` and `make test`.
GO ?= go
export PATH := /usr/local/go/bin:$(PATH)

FLEET = examples/fleet

.PHONY: test vet unit demo bench build fmt-check generated

## test: gofmt, go vet, checked-in generated code and migrations up to date, every test (race detector on)
test: fmt-check vet generated unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# The example's generated code and migrations are checked in: fail when
# regenerating would change them, or when the schema has no migration.
generated:
	cd $(FLEET) && $(GO) run ../../cmd/plinth generate --check
	cd $(FLEET) && $(GO) run ../../cmd/plinth check

unit:
	$(GO) test -race -count=1 ./...

build:
	$(GO) build ./...

## demo: the fleet example end to end on the embedded throwaway PostgreSQL
demo:
	@echo "make demo arrives with the fleet example (examples/fleet); until then: make test"

## bench: the benchmarks recorded in BENCHMARKS.md
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./devdb/

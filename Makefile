# plinth — two commands: `make demo` and `make test`.
GO ?= go
export PATH := /usr/local/go/bin:$(PATH)

.PHONY: test vet unit demo bench build fmt-check generate-check

## test: vet, gofmt check and every test (race detector on) against throwaway PostgreSQL clusters
test: fmt-check vet unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

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

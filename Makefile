# plinth — two commands: `make demo` and `make test`.
GO ?= go
export PATH := /usr/local/go/bin:$(PATH)

FLEET = examples/fleet

.PHONY: test vet unit demo bench bench-peers build fmt-check generated

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
	cd bench && $(GO) run github.com/factory-kit/plinth/cmd/plinth generate ./db/schema -out ./db/gen -pkg gen --check
	cd bench && $(GO) vet ./...

unit:
	$(GO) test -race -count=1 ./...

build:
	$(GO) build ./...

## demo: the fleet example end to end on the embedded throwaway PostgreSQL
# Starts the embedded throwaway PostgreSQL (plinth dev up), creates a fresh
# database, applies the migrations as a separate CI-style step (plinth
# migrate), runs the example's tour, and stops the cluster again.
demo:
	@$(GO) build -o .plinth/bin/plinth ./cmd/plinth
	@$(GO) build -o .plinth/bin/fleet ./$(FLEET)
	@./.plinth/bin/plinth dev up >/dev/null
	@set -e; trap './.plinth/bin/plinth dev down' EXIT; \
	eval "$$(./.plinth/bin/plinth dev db fleet_demo -fresh)"; export DATABASE_URL; \
	echo "== plinth migrate (the CI / deploy step)"; \
	(cd $(FLEET) && ../../.plinth/bin/plinth migrate); \
	echo "== fleet demo"; \
	./.plinth/bin/fleet demo

## bench: plinth's own benchmarks recorded in BENCHMARKS.md (devdb, loader, migrate, codegen vs pgx, audit)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 -benchtime 5x ./devdb/
	$(GO) test -run '^$$' -bench . -benchmem -count 3 -benchtime 3x ./internal/loader/ ./migrate/
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./gen/internal/testgen/integration/ ./audit/

## bench-peers: plinth's generated queries against hand-written pgx, ent, bun and gorm (bench/, its own module)
bench-peers:
	GO=$(GO) COUNT=$(or $(COUNT),5) bash bench/run.sh

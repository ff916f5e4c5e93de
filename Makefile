# goo-etcd: `make demo` for a tour against a throwaway etcd, `make test` for the suite.
MVN ?= mvn -B -ntp
SHELL := /bin/bash

.PHONY: all build deps test format demo test-busy demo-busy bench bench-jmh native completions dist man clean

all: build

## build: the shaded jar target/gooetcd.jar (bin/gooetcd runs it)
build:
	$(MVN) -q -DskipTests package
	@GOOETCD_CDS=make bin/gooetcd || echo "(no class archive: the first commands start without one)"

## deps: Debian's etcd-server and etcd-client (and tmux, which the shell's terminal test drives),
## installed with apt only when missing
deps:
	@if command -v etcd >/dev/null 2>&1 && command -v etcdctl >/dev/null 2>&1 && command -v tmux >/dev/null 2>&1; then \
	  echo "etcd present: $$(etcd --version | head -1)"; \
	else \
	  echo "installing etcd-server, etcd-client and tmux with apt"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq etcd-server etcd-client tmux >/dev/null && \
	  etcd --version | head -1; \
	fi

## test: deps + the formatter's check + the whole suite (unit, command, process and fault tests against real etcd)
test: deps
	$(MVN) spotless:check
	$(MVN) verify

## format: reformat every Java file as `make test` checks it (spotless, palantir-java-format)
format:
	$(MVN) -q spotless:apply

## demo: build, start a throwaway etcd on a free loopback port, run a short tour, stop it
demo: deps build
	@bash scripts/demo.sh

## test-busy, demo-busy: the same while busy loops keep every core loaded (scripts/busy.sh), as on a busy CI machine
test-busy: deps
	bash scripts/busy.sh $(MVN) verify

demo-busy: deps build
	@bash scripts/busy.sh bash scripts/demo.sh

## bench: benchmarks against a local etcd (see bench/README.md); not part of `make test`; 10+ minutes
bench: deps build
	@bash bench/run.sh

## bench-jmh: JMH micro-benchmarks of the hot paths (bench/jmh; the first run downloads JMH)
bench-jmh: build
	@bash bench/jmh/run.sh

## completions: regenerate completions/ from the command model (a test checks they are current)
completions: build
	java -cp target/gooetcd.jar io.googo.etcd.cli.Completions completions

## man: man pages (roff) for every command into target/man/man1 (MANPATH=target/man man gooetcd-get)
man: build
	java -cp target/gooetcd.jar io.googo.etcd.cli.ManPages target/man/man1

## dist: target/gooetcd-<version>-linux-x64.tar.gz, with a jlink runtime: no JDK needed to run it
dist: build
	@bash scripts/dist.sh

## native: GraalVM native image (needs native-image on PATH; not installable on our machines)
native:
	@command -v native-image >/dev/null 2>&1 || { echo "Error: native-image not found: install GraalVM (JDK 17+) and put native-image on PATH; see README 'Native image'" >&2; exit 1; }
	$(MVN) -Pnative -DskipTests package

clean:
	$(MVN) -q clean
	rm -rf bench/jmh/target

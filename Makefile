# landmark: `make demo` runs the seed landmark model, `make test` runs the tests.
# Both install the Debian packages they need when they are missing.

SWIFT ?= swift
DEBIAN_PACKAGES := libopenblas-dev libjpeg62-turbo-dev libpng-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SEED := Tests/Fixtures/seed_tf1
PHOTO := Tests/Fixtures/mtcnn/photos/group.png

.PHONY: deps build demo test fixtures clean

## deps: install missing Debian packages (libopenblas-dev first)
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## build: release build of the CLI
build: deps
	$(SWIFT) build -c release --product landmark

## demo: find the faces in a bundled photo, run the seed landmark CNN (TF1 export, random weights) on each,
##       and write the annotated picture to out/demo.png
demo: build
	.build/release/landmark detect $(PHOTO) --model $(SEED)/graph.pb --draw out/demo.png
	@echo "annotated picture: out/demo.png"

## test: build and run every test (fixtures are committed; no Python needed)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## fixtures: regenerate Tests/Fixtures with TensorFlow (needs .venv, see README)
fixtures:
	.venv/bin/python scripts/make_fixtures.py

clean:
	rm -rf .build out

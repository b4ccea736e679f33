# landmark: `make demo` finds the faces in a bundled photo and draws them, `make test` runs the tests.
# Both install the Debian packages they need when they are missing.

SWIFT ?= swift
DEBIAN_PACKAGES := libopenblas-dev libxsmm-dev libjpeg62-turbo-dev libpng-dev pkg-config ffmpeg
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SEED := Tests/Fixtures/seed_tf1
PHOTO := Tests/Fixtures/mtcnn/photos/group.png

.PHONY: deps build demo test fixtures clean bench-set

## deps: install missing Debian packages (libopenblas-dev first)
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## build: release build of the CLI (.build/release/landmark), linked statically against the Swift runtime and
##        Foundation: it needs only the Debian libraries above and the landmark_FacePipeline.resources directory
##        next to it
build: deps
	$(SWIFT) build -c release --static-swift-stdlib --product landmark

## demo: find the faces in a bundled photo with the bundled networks (MTCNN, the 68-point stage, the face mesh
##       and the head pose) and write the annotated picture to out/demo.png (out/ is made when missing)
demo: build
	.build/release/landmark detect $(PHOTO) --draw out/demo.png
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

## bench-set: time landmark against onnxruntime and TFLite on the benchmark set (MobileNets, ResNet50, InceptionV3,
##            EfficientNetB0, DenseNet121 with random weights, the bundled face networks, the seed graph) at 1 and 2
##            threads; models are made with TensorFlow into out/bench-set/. BENCH_FLAGS adds options (--load,
##            --models, --rounds; see scripts/bench_set.py)
PYTHON ?= .venv/bin/python
BENCH_FLAGS ?=
bench-set:
	$(SWIFT) build -c release --product landmark
	$(PYTHON) scripts/bench_set.py $(BENCH_FLAGS)

## fuzz: build the libFuzzer targets of Fuzz/ (release, AddressSanitizer) and run each for FUZZ_SECONDS seconds
##       (-rss_limit_mb=512, -timeout=1), seeded with the committed fixtures. The corpus grows in
##       .build-fuzz/corpus/<target>; crashers land in .build-fuzz/artifacts/<target>/ and fail the target.
##       FUZZ_TARGETS picks targets, FUZZ_FLAGS adds libFuzzer flags (e.g. FUZZ_FLAGS=-jobs=2).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= FuzzGraphDef FuzzModelLoad FuzzModelRun FuzzGraphProgram FuzzNPY FuzzImage
FUZZ_FLAGS ?=
FUZZ_DIR := .build-fuzz

.PHONY: fuzz fuzz-build fuzz-seeds
fuzz-build: deps
	$(SWIFT) build -c release --package-path Fuzz --scratch-path $(FUZZ_DIR) \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xcc -fsanitize=fuzzer-no-link,address

fuzz-seeds:
	@rm -rf $(FUZZ_DIR)/seeds && mkdir -p $(FUZZ_DIR)/seeds/graph $(FUZZ_DIR)/seeds/npy $(FUZZ_DIR)/seeds/image \
		$(FUZZ_DIR)/seeds/program
	@for f in $$(find Tests/Fixtures -name graph.pb -size -64k); do \
		cp $$f $(FUZZ_DIR)/seeds/graph/$$(basename $$(dirname $$f)).pb; done
	@for f in $$(find Tests/Fixtures -name '*.npy' -size -64k); do \
		cp $$f $(FUZZ_DIR)/seeds/npy/$$(echo $$f | tr / _); done
	@cp Fuzz/Seeds/image/* Tests/Fixtures/mtcnn/photos/* $(FUZZ_DIR)/seeds/image/
	@cp Fuzz/Seeds/program/* $(FUZZ_DIR)/seeds/program/
	@if [ -d Tests/Fixtures/hostile ]; then for f in $$(find Tests/Fixtures/hostile -type f -size -64k); do \
		case $$f in *.npy) d=npy;; *.pb) d=graph;; *) d=image;; esac; \
		cp $$f $(FUZZ_DIR)/seeds/$$d/hostile_$$(basename $$f); done; fi

fuzz: fuzz-build fuzz-seeds
	@status=0; for t in $(FUZZ_TARGETS); do \
		case $$t in FuzzNPY) seeds=npy; extra=;; FuzzImage) seeds=image; extra=-max_len=65536;; \
			FuzzGraphProgram) seeds=program; extra=-max_len=1024;; \
			*) seeds=graph; extra=;; esac; \
		mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/artifacts/$$t; \
		echo "== $$t: $(FUZZ_SECONDS) s, log in $(FUZZ_DIR)/$$t.log"; \
		if OPENBLAS_NUM_THREADS=1 ASAN_OPTIONS=detect_leaks=0:quarantine_size_mb=32 $(FUZZ_DIR)/release/$$t -max_total_time=$(FUZZ_SECONDS) \
			-rss_limit_mb=512 -timeout=1 -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t/ $$extra \
			$(FUZZ_FLAGS) $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/seeds/$$seeds > $(FUZZ_DIR)/$$t.log 2>&1; then \
			grep -h -E "stat::number_of_executed_units|stat::peak_rss_mb" $(FUZZ_DIR)/$$t.log | sed 's/^/   /'; \
		else \
			status=1; grep -h -E "^==[0-9]+==ERROR|SUMMARY|Test unit written|Fatal error|timeout|out-of-memory" \
				$(FUZZ_DIR)/$$t.log | head -5 | sed 's/^/   /'; \
		fi; \
	done; exit $$status

# mamori — the only build entry.
#   make          build ./mamori
#   make run      install what is missing, build, create ./mamori.db, start
#   make check    build and run every test (unit tests also under ASan+UBSan)
#   make fuzz     run each libFuzzer target for FUZZ_SECONDS
#   make clean

CC      ?= gcc
FUZZCC  ?= clang
PKGS    := sqlite3 jansson libsodium libmicrohttpd zlib xlsxwriter libzip expat pangocairo pangoft2 cairo fontconfig harfbuzz-subset
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lcmark-gfm -lcsv -lm

WARN    := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-format-nonliteral
STD     := -std=c17 -D_POSIX_C_SOURCE=200809L
HARDEN  := -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE
CFLAGS  ?= -O2 -g
ALL_CFLAGS := $(STD) $(WARN) $(HARDEN) $(CFLAGS) -Isrc $(PKG_CFLAGS) -MMD -MP
LDFLAGS_HARDEN := -pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack

SAN_FLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_CFLAGS := $(STD) $(WARN) -O1 -g $(SAN_FLAGS) -Isrc $(PKG_CFLAGS) -MMD -MP
FUZZ_CFLAGS := $(STD) -O1 -g $(SAN_FLAGS) -fsanitize=fuzzer-no-link -Isrc $(PKG_CFLAGS) -MMD -MP

B := build

LIB_SRC  := $(sort $(wildcard src/util/*.c src/core/*.c src/store/*.c src/app/*.c src/render/*.c src/web/*.c src/cli/*.c))
MAIN_SRC := src/main.c
EMBED_IN := $(sort $(wildcard catalog/*/*.json catalog/*/documents/*.md migrations/*.sql data/*.txt locale/*/*.json templates/*.mustache static/*))
UNIT_SRC := $(sort $(wildcard tests/unit/*/*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
TEST_HELPERS := $(sort $(wildcard tests/support/*.c))

LIB_OBJ       := $(LIB_SRC:%.c=$(B)/obj/%.o) $(B)/obj/embed.o
ASAN_LIB_OBJ  := $(LIB_SRC:%.c=$(B)/asan/%.o) $(B)/asan/embed.o
FUZZ_LIB_OBJ  := $(LIB_SRC:%.c=$(B)/fuzzobj/%.o) $(B)/fuzzobj/embed.o
UNIT_BIN      := $(UNIT_SRC:tests/unit/%.c=$(B)/unit/%)
ASAN_UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/asan-unit/%)
FUZZ_BIN      := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)
TOOLS         := $(B)/tools/ptydrive $(B)/tools/docrender

FUZZ_SECONDS ?= 60

.PHONY: all bench run check check-src check-unit check-asan check-cli check-cli-asan check-http check-browser \
	check-fuzz fuzz clean deps
.DELETE_ON_ERROR:

all: mamori

# benchmarks on 10,000 assets (see bench/run); prints figures and ratios
bench: mamori $(B)/tools/docbench
	./bench/run
	./bench/documents
	./bench/dashboard

deps:
	@./scripts/install-deps

mamori: $(B)/obj/src/main.o $(B)/libmamori.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS_HARDEN) -o $@ $^ $(PKG_LIBS)

# the program under ASan+UBSan, for the end-to-end tests run with SANITIZE=1
$(B)/mamori-asan: $(B)/asan/src/main.o $(B)/asan/libmamori.a
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/libmamori.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/asan/libmamori.a: $(ASAN_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/fuzzobj/libmamori.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/embed.S: scripts/embed $(EMBED_IN)
	@mkdir -p $(@D)
	./scripts/embed $@ $(EMBED_IN)

$(B)/obj/embed.o: $(B)/embed.S
	@mkdir -p $(@D)
	$(CC) -c -o $@ $<
$(B)/asan/embed.o: $(B)/embed.S
	@mkdir -p $(@D)
	$(CC) -c -o $@ $<
$(B)/fuzzobj/embed.o: $(B)/embed.S
	@mkdir -p $(@D)
	$(FUZZCC) -c -o $@ $<

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -c -o $@ $<

$(B)/fuzzobj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) -c -o $@ $<

$(B)/unit/%: tests/unit/%.c $(B)/libmamori.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests $(LDFLAGS_HARDEN) -o $@ $< $(B)/libmamori.a $(PKG_LIBS) -lcmocka

$(B)/asan-unit/%: tests/unit/%.c $(B)/asan/libmamori.a
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -Itests -o $@ $< $(B)/asan/libmamori.a $(PKG_LIBS) -lcmocka

$(B)/fuzz/%: tests/fuzz/%.c $(B)/fuzzobj/libmamori.a
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(B)/fuzzobj/libmamori.a $(PKG_LIBS)

# the in-process document benchmark (bench/documents)
$(B)/tools/docbench: bench/docbench.c $(B)/libmamori.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS_HARDEN) -o $@ $< $(B)/libmamori.a $(PKG_LIBS)

# test tools that use the program's own code
$(B)/tools/docrender: tests/tools/docrender.c $(B)/libmamori.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS_HARDEN) -o $@ $< $(B)/libmamori.a $(PKG_LIBS)

$(B)/tools/%: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS_HARDEN) -o $@ $<

run: deps
	@$(MAKE) --no-print-directory mamori
	@./scripts/run

check: deps
	@$(MAKE) --no-print-directory check-src check-unit check-asan check-cli check-cli-asan \
		check-http check-browser check-fuzz
	@echo "make check: all tests passed"

check-src:
	./scripts/checksrc

check-unit: $(UNIT_BIN)
	@./scripts/run-unit $(UNIT_BIN)

check-asan: $(ASAN_UNIT_BIN)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp G_SLICE=always-malloc \
		./scripts/run-unit $(ASAN_UNIT_BIN)

check-cli: mamori $(TOOLS)
	MAMORI=$(CURDIR)/mamori PTYDRIVE=$(CURDIR)/$(B)/tools/ptydrive \
		DOCRENDER=$(CURDIR)/$(B)/tools/docrender prove -f tests/cli/

# the same end-to-end tests against the program built with ASan+UBSan
check-cli-asan: $(B)/mamori-asan $(TOOLS)
	ASAN_OPTIONS=detect_leaks=1:exitcode=86 UBSAN_OPTIONS=halt_on_error=1:exitcode=86 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp G_SLICE=always-malloc \
		MAMORI=$(CURDIR)/$(B)/mamori-asan PTYDRIVE=$(CURDIR)/$(B)/tools/ptydrive \
		DOCRENDER=$(CURDIR)/$(B)/tools/docrender prove -f tests/cli/

check-http: mamori
	MAMORI=$(CURDIR)/mamori prove -f tests/http/

check-browser: mamori
	MAMORI=$(CURDIR)/mamori node tests/browser/run.mjs

check-fuzz: $(FUZZ_BIN)
	@./scripts/fuzz-replay $(FUZZ_BIN)

fuzz: $(FUZZ_BIN)
	@./scripts/fuzz-run $(FUZZ_SECONDS) $(FUZZ_BIN)

clean:
	rm -rf $(B) mamori

-include $(shell find $(B) -name '*.d' 2>/dev/null)

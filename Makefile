# qemu-wasm — top-level build.
#   make            both builds: build/wasm/ (the product) and build/native/qemu-wasm (gcc)
#   make setup      install dependencies (apt + npm) and build
#   make test       every test CI runs
#   make bench      benchmarks

SHELL := /bin/bash
CC ?= gcc
EMCC ?= emcc
export NODE_PATH ?= /usr/share/nodejs
export EM_FROZEN_CACHE ?= 1

WARN := -Wall -Wextra -Werror
CSTD := -std=c11 -D_GNU_SOURCE
INCLUDES := -I.

# Everything that is not about the host: compiled by both gcc and emcc.
ENGINE_SRCS := $(wildcard tcg/*.c tcg/wasm/*.c core/*.c core/riscv/*.c core/arm/*.c core/fpu/*.c hw/*.c hw/*/*.c) \
               cli/options.c cli/options_devices.c
# Host layers: core/host/native*.c (gcc build), core/host/emscripten*.c (Wasm build).
NATIVE_HOST_SRCS := $(wildcard core/host/native*.c)
WASM_HOST_SRCS := $(wildcard core/host/emscripten*.c)
NATIVE_SRCS := $(ENGINE_SRCS) $(NATIVE_HOST_SRCS) cli/main.c
WASM_SRCS := $(ENGINE_SRCS) $(WASM_HOST_SRCS) cli/main.c

NATIVE_CFLAGS := $(CSTD) $(WARN) $(INCLUDES) -O2 -g -pthread -MMD -MP $(EXTRA_CFLAGS)
NATIVE_LDFLAGS := -pthread -lm
WASM_CFLAGS := $(CSTD) $(WARN) $(INCLUDES) -O2 -pthread -MMD -MP
# The Wasm build (see cli/qemu-wasm.js for how it is started):
#  - PROXY_TO_PTHREAD: main() runs in a worker and may block; the Node main thread only
#    runs the launcher (stdin, TTY, signals).
#  - fixed linear memory WASM_MEMORY: guest RAM (-m, at most MAX_RAM_SIZE = 2 GiB, see
#    cli/options.h) plus ~1 GiB for the engine.  Untouched memory costs no RSS.
#  - NODERAWFS: C stdio (printf, -D logfile) sees the real host files; hot paths (kernel
#    and disk reads, console output) bypass it via core/host/emscripten.c.
#  - NODEJS_CATCH_EXIT/REJECTION=0: the launcher handles errors itself (no JS stacks).
WASM_MEMORY ?= 3072MB
WASM_LDFLAGS := -O2 -pthread -sPROXY_TO_PTHREAD -sEXIT_RUNTIME -sENVIRONMENT=node,worker \
  -sALLOW_TABLE_GROWTH -sINITIAL_MEMORY=$(WASM_MEMORY) -sMODULARIZE -sEXPORT_NAME=createQemuWasm \
  -sEXPORTED_RUNTIME_METHODS=callMain -sEXPORTED_FUNCTIONS=_main,_host_stdin_ring \
  -sINVOKE_RUN=0 -sTOTAL_STACK=1MB -sDEFAULT_PTHREAD_STACK_SIZE=1MB \
  -sNODERAWFS=1 -sNODEJS_CATCH_EXIT=0 -sNODEJS_CATCH_REJECTION=0 --profiling-funcs

NATIVE_OBJS := $(patsubst %.c,build/native/obj/%.o,$(NATIVE_SRCS))
WASM_OBJS := $(patsubst %.c,build/wasm/obj/%.o,$(WASM_SRCS))
ENGINE_NATIVE_OBJS := $(patsubst %.c,build/native/obj/%.o,$(ENGINE_SRCS) $(NATIVE_HOST_SRCS))

.PHONY: all native wasm bios images setup test test-unit test-isa test-cli test-boot bench clean
# Our firmware is part of `all` once bios/riscv64 has its Makefile.
all: native wasm $(if $(wildcard bios/riscv64/Makefile),bios)

native: build/native/qemu-wasm build/native/qemu-wasm-aarch64
wasm: build/wasm/qemu-wasm.js

build/native/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(NATIVE_CFLAGS) -c $< -o $@

build/native/qemu-wasm: $(NATIVE_OBJS)
	$(CC) $^ -o $@ $(NATIVE_LDFLAGS)

# The aarch64 target: the same binary under its command's name (the target is argv[0]'s).
build/native/qemu-wasm-aarch64: build/native/qemu-wasm
	ln -sf qemu-wasm $@

build/wasm/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  EMCC    $<"
	@$(EMCC) $(WASM_CFLAGS) -c $< -o $@

build/wasm/qemu-wasm.js: $(WASM_OBJS)
	$(EMCC) $^ -o $@ $(WASM_LDFLAGS)
	@# emscripten's glue and worker are CommonJS, whatever the root package.json says
	@echo '{ "type": "commonjs" }' > build/wasm/package.json

# ---- unit tests (native build) ----
UNIT_SRCS := $(wildcard test/unit/test_*.c)
UNIT_BINS := $(patsubst test/unit/%.c,build/native/test/%,$(UNIT_SRCS))

build/native/test/%: test/unit/%.c $(ENGINE_NATIVE_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(NATIVE_CFLAGS) $< $(ENGINE_NATIVE_OBJS) -o $@ $(NATIVE_LDFLAGS)

test-unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done

# ---- guest ISA tests: one test/isa/<arch>/rules.mk per guest architecture; each adds its
# test-isa-<arch> to test-isa (and test-isa-qemu-<arch> to test-isa-qemu) ----
include $(sort $(wildcard test/isa/*/rules.mk))

# ---- the bare-metal compute benchmarks and their self-check tests: one bench/<arch>/rules.mk
# per guest architecture; each adds bench-<arch> to bench and test-bench-guest-<arch> to
# test-bench-guest ----
include $(sort $(wildcard bench/*/rules.mk))

test-cli: native wasm
	node --test test/cli/

# The include layering (DESIGN.md, "Layers"): scripts/check_layers.sh fails on a forbidden
# #include; test/cli/targets.test.mjs checks the script itself.
.PHONY: test-layers
test-layers:
	bash scripts/check_layers.sh

# ---- JIT (tcg/wasm/): test/unit/test_wasm_codegen checks the generated modules natively
# (in test-unit); test-jit runs them under Node against the interpreter ----
JIT_SRCS := $(wildcard tcg/wasm/*.c)
JIT_NATIVE_OBJS := $(filter-out $(ENGINE_NATIVE_OBJS),$(patsubst %.c,build/native/obj/%.o,$(JIT_SRCS)))
JIT_WASM_OBJS := $(filter-out $(WASM_OBJS),$(patsubst %.c,build/wasm/obj/%.o,$(JIT_SRCS)))
JIT_TEST_LDFLAGS := -O2 -pthread -sPROXY_TO_PTHREAD -sEXIT_RUNTIME -sENVIRONMENT=node,worker \
  -sALLOW_TABLE_GROWTH -sINITIAL_MEMORY=256MB -sTOTAL_STACK=1MB -sDEFAULT_PTHREAD_STACK_SIZE=1MB
.PHONY: test-jit

build/native/test/test_wasm_codegen: test/unit/test_wasm_codegen.c $(ENGINE_NATIVE_OBJS) $(JIT_NATIVE_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(NATIVE_CFLAGS) $< $(ENGINE_NATIVE_OBJS) $(JIT_NATIVE_OBJS) -o $@ $(NATIVE_LDFLAGS)

build/wasm/test/test_jit.js: build/wasm/obj/test/wasm/test_jit.o $(JIT_WASM_OBJS) \
                             $(filter-out build/wasm/obj/cli/main.o,$(WASM_OBJS))
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(EMCC) $^ -o $@ $(JIT_TEST_LDFLAGS)
	@echo '{ "type": "commonjs" }' > build/wasm/test/package.json

test-jit: build/wasm/test/test_jit.js
	node --no-experimental-fetch $<

-include $(JIT_NATIVE_OBJS:.o=.d) $(JIT_WASM_OBJS:.o=.d) build/wasm/obj/test/wasm/test_jit.d

# ---- 9P server (hw/fs/): test/unit/test_p9 runs the scenarios of test/p9_scenarios.h on the
# native host layer (in test-unit); test-p9-node runs them on the Node one ----
.PHONY: test-p9-node
P9_WASM_OBJS := $(patsubst %.c,build/wasm/obj/%.o,$(wildcard hw/fs/*.c) $(wildcard core/host/emscripten_fs*.c) core/state.c)
P9_TEST_LDFLAGS := -O2 -pthread -sPROXY_TO_PTHREAD -sEXIT_RUNTIME -sENVIRONMENT=node,worker \
  -sINITIAL_MEMORY=256MB -sTOTAL_STACK=1MB -sDEFAULT_PTHREAD_STACK_SIZE=1MB

build/native/test/test_p9: test/p9_client.h test/p9_scenarios.h test/p9_scenarios_hostile.h

build/wasm/test/test_p9_node.js: build/wasm/obj/test/wasm/test_p9_node.o $(P9_WASM_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(EMCC) $^ -o $@ $(P9_TEST_LDFLAGS)
	@echo '{ "type": "commonjs" }' > build/wasm/test/package.json

test-p9-node: build/wasm/test/test_p9_node.js
	node --no-experimental-fetch $<

# By hand (not in `test`): the server against Linux's own 9p client, over trans=fd, in
# Debian's qemu-system-riscv64 (see test/p9_e2e/run.sh).
.PHONY: test-p9-e2e
test-p9-e2e: images
	bash test/p9_e2e/run.sh

-include build/wasm/obj/test/wasm/test_p9_node.d

# ---- boot tests (test/boot/: Node's test runner; one emulator at a time) ----
# Our firmware, build/bios/riscv64/qemu-wasm-fw.bin: the default -bios.
bios:
	$(if $(wildcard bios/riscv64/Makefile),$(MAKE) -C bios/riscv64,@echo "bios: bios/riscv64/Makefile does not exist yet")

# Guest images from Debian packages (cached; a no-op when up to date).
images:
	bash scripts/images.sh riscv64 aarch64

test-boot: all bios images
	node --test --test-concurrency=1 test/boot/

# ---- SMP stress (not in `test`: ~15 min): 20 boots of -smp 4 under Node, each to the shell,
# a parallel job, poweroff; fails on a hang, kernel trouble or wrong output (test/stress/);
# and one boot under ThreadSanitizer ----
.PHONY: test-stress test-tsan-boot
test-stress: all bios images test-tsan-boot
	node test/stress/smp_boot.mjs

# a Linux -smp 2 boot on the ThreadSanitizer build, to the shell and a parallel job (~5 min;
# part of test-stress): any race report ends the emulator with status 66 and fails the boot
test-tsan-boot: tsan bios images
	$(TSAN_ENV) QEMU_WASM_NATIVE=build/tsan/qemu-wasm STRESS_ENGINE=native STRESS_RUNS=1 \
	  STRESS_SMP=2 STRESS_LOOP=500 STRESS_BOOT_TIMEOUT=1200 STRESS_CMD_TIMEOUT=600 \
	  node test/stress/smp_boot.mjs

# ---- API tests (test/api/: cli/index.js, the examples, the npm package; two emulators at most) ----
.PHONY: test-api
test-api: all images
	node --test --test-concurrency=1 test/api/

test: test-layers test-unit test-isa test-tsan test-cli test-jit test-p9-node test-boot test-api test-bench-guest

setup:
	bash scripts/setup.sh
	$(MAKE) all
	$(MAKE) images

bench: all bios images
	bash scripts/bench.sh

clean:
	rm -rf build/native build/wasm build/isa build/bench build/tsan

# ---- ThreadSanitizer build of the native engine: the SMP tests run clean under it ----
# (test/tsan.supp lists the races that are by design, with the reason for each)
TSAN_OBJS := $(patsubst %.c,build/tsan/obj/%.o,$(NATIVE_SRCS))
TSAN_ENV := TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 suppressions=$(CURDIR)/test/tsan.supp"
.PHONY: tsan test-tsan
tsan: build/tsan/qemu-wasm

build/tsan/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC/TSAN $<"
	@$(CC) $(NATIVE_CFLAGS) -fsanitize=thread -Wno-tsan -c $< -o $@

build/tsan/qemu-wasm: $(TSAN_OBJS)
	$(CC) $^ -o $@ $(NATIVE_LDFLAGS) -fsanitize=thread

build/tsan/test/test_vcpu: test/unit/test_vcpu.c $(filter-out build/tsan/obj/cli/main.o,$(TSAN_OBJS))
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(NATIVE_CFLAGS) -fsanitize=thread $^ -o $@ $(NATIVE_LDFLAGS) -fsanitize=thread

# exclusive sections and the bare-metal SMP tests, one thread per vCPU, under TSan
test-tsan: tsan isa-riscv64 build/tsan/test/test_vcpu
	$(TSAN_ENV) build/tsan/test/test_vcpu
	$(TSAN_ENV) bash test/isa/run.sh --label tsan --timeout 300 build/tsan/qemu-wasm \
	  -accel tcg,thread=multi -- $(ISA_RV64_SMP_ELFS)

-include $(NATIVE_OBJS:.o=.d) $(WASM_OBJS:.o=.d) $(TSAN_OBJS:.o=.d)

# bench/riscv64/rules.mk — the bare-metal riscv64 compute benchmark (included by the top-level
# Makefile).  The kernels and their output: bench/common/bench.c (shared by every guest);
# bench/riscv64/ has the platform (start.S, platform.c, link.ld).
#   make bench-riscv64        (part of make bench) build build/bench/riscv64/bench.elf (the benchmark, ~1 s under
#                             native QEMU) and bench-test.elf (the same, 1/BENCH_TEST_DIV of the
#                             iterations: for tests)
#   make bench-riscv64-host   build and run the kernels natively (bench-host): checks them and
#                             prints the checksums bench.c hard-codes as the expected values
#   make test-bench-guest-riscv64   (part of make test-bench-guest) run bench-test.elf under the native build and under Node (default
#                             JIT): every kernel must pass its self-check (catches miscompiles
#                             of real C code)
# Run one by hand:  node cli/qemu-wasm.js -M virt -bios none -nographic \
#                       -kernel build/bench/riscv64/bench.elf
# (or with qemu-system-riscv64 / build/native/qemu-wasm); the exit status is 0 when all pass.

RV64_CROSS_CC ?= riscv64-linux-gnu-gcc
HOST_CC ?= gcc
BENCH_RV64_DIR := bench/riscv64
BENCH_COMMON_DIR := bench/common
BENCH_RV64_OUT := build/bench/riscv64
BENCH_TEST_DIV ?= 10
BENCH_TEST_TIMEOUT ?= 300
# The kernels are plain IEEE-754 double arithmetic (no fused multiply-add contraction, sqrt
# without errno), so the host computes bit-identical checksums.
BENCH_RV64_COMMON := -std=c11 -Wall -Wextra -Werror -O2 -ffp-contract=off -fno-math-errno
BENCH_RV64_CFLAGS := $(BENCH_RV64_COMMON) -I$(BENCH_COMMON_DIR) -march=rv64gc -mabi=lp64d -mcmodel=medany \
  -ffreestanding -fno-pic -fno-tree-loop-distribute-patterns -fno-stack-protector
BENCH_RV64_LDFLAGS := -nostdlib -nostartfiles -static -Wl,-T,$(BENCH_RV64_DIR)/link.ld \
  -Wl,--build-id=none -Wl,--no-warn-rwx-segments
BENCH_RV64_SRCS := $(BENCH_RV64_DIR)/start.S $(BENCH_COMMON_DIR)/bench.c $(BENCH_RV64_DIR)/platform.c $(BENCH_COMMON_DIR)/platform_lib.c
BENCH_RV64_DEPS := $(BENCH_RV64_SRCS) $(BENCH_COMMON_DIR)/bench.h $(BENCH_RV64_DIR)/link.ld \
  $(BENCH_RV64_DIR)/rules.mk

.PHONY: bench-riscv64 bench-riscv64-host test-bench-guest test-bench-guest-riscv64

bench: bench-riscv64

$(BENCH_RV64_OUT)/bench.elf: $(BENCH_RV64_DEPS)
	@mkdir -p $(dir $@)
	$(RV64_CROSS_CC) $(BENCH_RV64_CFLAGS) $(BENCH_RV64_SRCS) -o $@ $(BENCH_RV64_LDFLAGS) -lgcc

$(BENCH_RV64_OUT)/bench-test.elf: $(BENCH_RV64_DEPS)
	@mkdir -p $(dir $@)
	$(RV64_CROSS_CC) $(BENCH_RV64_CFLAGS) -DBENCH_DIV=$(BENCH_TEST_DIV) $(BENCH_RV64_SRCS) -o $@ \
	  $(BENCH_RV64_LDFLAGS) -lgcc

$(BENCH_RV64_OUT)/bench-host: $(BENCH_COMMON_DIR)/bench.c $(BENCH_COMMON_DIR)/host.c $(BENCH_COMMON_DIR)/bench.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BENCH_RV64_COMMON) $(BENCH_COMMON_DIR)/bench.c $(BENCH_COMMON_DIR)/host.c -o $@

bench-riscv64: $(BENCH_RV64_OUT)/bench.elf $(BENCH_RV64_OUT)/bench-test.elf

bench-riscv64-host: $(BENCH_RV64_OUT)/bench-host
	$<

test-bench-guest: test-bench-guest-riscv64
test-bench-guest-riscv64: native wasm $(BENCH_RV64_OUT)/bench-test.elf
	@rc=0; \
	bash test/isa/run.sh --label native --timeout $(BENCH_TEST_TIMEOUT) build/native/qemu-wasm \
	  -- $(BENCH_RV64_OUT)/bench-test.elf || rc=1; \
	bash test/isa/run.sh --label node --timeout $(BENCH_TEST_TIMEOUT) node cli/qemu-wasm.js \
	  -- $(BENCH_RV64_OUT)/bench-test.elf || rc=1; \
	exit $$rc

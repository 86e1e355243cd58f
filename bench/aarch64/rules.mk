# bench/aarch64/rules.mk — the bare-metal aarch64 compute benchmark (included by the top-level
# Makefile): the kernels of bench/common/bench.c on the platform of bench/aarch64/ (start.S,
# platform.c: PL011 output, CNTVCT_EL0 time, semihosting SYS_EXIT status; link.ld at
# 0x40000000).
#   make bench-aarch64        build build/bench/aarch64/bench.elf (the benchmark) and
#                             bench-test.elf (1/BENCH_TEST_DIV of the iterations: for tests)
#   make test-bench-guest-aarch64   run bench-test.elf under the native build and under Node
#                             (default JIT): every kernel must pass its self-check
#   make test-bench-qemu-aarch64    the same self-check on qemu-system-aarch64 (the reference)
# test-bench-guest-aarch64 is part of make test-bench-guest; make bench does not run the aarch64
# rows yet (BENCH_ARCH=aarch64 make bench does; the hook is the commented line below).
# Run one by hand:  qemu-system-aarch64 -M virt -cpu cortex-a57 -semihosting -nographic \
#                       -kernel build/bench/aarch64/bench.elf
# (or node cli/qemu-wasm-aarch64.js / build/native/qemu-wasm-aarch64); status 0 when all pass.

A64_CROSS_CC ?= aarch64-linux-gnu-gcc
QEMU_AARCH64 ?= qemu-system-aarch64
NATIVE_AARCH64 ?= build/native/qemu-wasm-aarch64
LAUNCHER_AARCH64 ?= cli/qemu-wasm-aarch64.js
BENCH_COMMON_DIR := bench/common
BENCH_A64_DIR := bench/aarch64
BENCH_A64_OUT := build/bench/aarch64
BENCH_TEST_DIV ?= 10
BENCH_TEST_TIMEOUT ?= 300
# As riscv64's: plain IEEE-754 double arithmetic (no fused multiply-add contraction, sqrt
# without errno), so the checksums are the host's.  -mstrict-align: the MMU is off, data
# accesses are to Device memory, where an unaligned access faults.
BENCH_A64_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -ffp-contract=off -fno-math-errno \
  -I$(BENCH_COMMON_DIR) -march=armv8-a -mstrict-align -ffreestanding -fno-pic \
  -fno-tree-loop-distribute-patterns -fno-stack-protector -DBENCH_ARCH='"aarch64"' \
  -DBENCH_TICK_HZ=62500000
BENCH_A64_LDFLAGS := -nostdlib -nostartfiles -static -Wl,-T,$(BENCH_A64_DIR)/link.ld \
  -Wl,--build-id=none -Wl,--no-warn-rwx-segments
BENCH_A64_SRCS := $(BENCH_A64_DIR)/start.S $(BENCH_COMMON_DIR)/bench.c $(BENCH_A64_DIR)/platform.c $(BENCH_COMMON_DIR)/platform_lib.c
BENCH_A64_DEPS := $(BENCH_A64_SRCS) $(BENCH_COMMON_DIR)/bench.h $(BENCH_A64_DIR)/link.ld \
  $(BENCH_A64_DIR)/rules.mk

.PHONY: bench-aarch64 test-bench-guest-aarch64 test-bench-qemu-aarch64

# The hook, for when our aarch64 CPU runs it:
# bench: bench-aarch64

$(BENCH_A64_OUT)/bench.elf: $(BENCH_A64_DEPS)
	@mkdir -p $(dir $@)
	$(A64_CROSS_CC) $(BENCH_A64_CFLAGS) $(BENCH_A64_SRCS) -o $@ $(BENCH_A64_LDFLAGS) -lgcc

$(BENCH_A64_OUT)/bench-test.elf: $(BENCH_A64_DEPS)
	@mkdir -p $(dir $@)
	$(A64_CROSS_CC) $(BENCH_A64_CFLAGS) -DBENCH_DIV=$(BENCH_TEST_DIV) $(BENCH_A64_SRCS) -o $@ \
	  $(BENCH_A64_LDFLAGS) -lgcc

bench-aarch64: $(BENCH_A64_OUT)/bench.elf $(BENCH_A64_OUT)/bench-test.elf

test-bench-guest: test-bench-guest-aarch64
test-bench-guest-aarch64: native wasm $(BENCH_A64_OUT)/bench-test.elf
	@rc=0; \
	bash test/isa/run.sh --label native --timeout $(BENCH_TEST_TIMEOUT) $(NATIVE_AARCH64) \
	  -- $(BENCH_A64_OUT)/bench-test.elf || rc=1; \
	bash test/isa/run.sh --label node --timeout $(BENCH_TEST_TIMEOUT) node $(LAUNCHER_AARCH64) \
	  -- $(BENCH_A64_OUT)/bench-test.elf || rc=1; \
	exit $$rc

test-bench-qemu-aarch64: $(BENCH_A64_OUT)/bench.elf $(BENCH_A64_OUT)/bench-test.elf
	@bash test/isa/run.sh --label qemu --timeout $(BENCH_TEST_TIMEOUT) $(QEMU_AARCH64) \
	  -- $(BENCH_A64_OUT)/bench-test.elf $(BENCH_A64_OUT)/bench.elf

# test/isa/aarch64/rules.mk — aarch64 guest ISA tests (included by the top-level Makefile).
#   make test-isa-aarch64       build the tests, run them on build/native/qemu-wasm-aarch64 and
#                               under Node (cli/qemu-wasm-aarch64.js: JIT default, JIT off,
#                               everything compiled: jit-threshold=0, jit-threshold=2: loops
#                               become multi-block regions early, and jit-threshold=0 with
#                               jit-check=on: every TB compared on both engines) — the engine
#                               variants of test-isa-riscv64 (part of make test-isa).
#   make test-isa-qemu-aarch64  (part of make test-isa-qemu) run them on the reference, Debian's
#                               qemu-system-aarch64 (package qemu-system-arm)
#   make isa-aarch64            only build them (build/isa/aarch64/NAME.elf)
# Each runs as `EMULATOR -M virt -cpu cortex-a57 -semihosting -kernel NAME.elf -nographic`
# (test/isa/run.sh picks those arguments from the ELF's machine); the verdict is the exit
# status the test gives through semihosting SYS_EXIT (test/isa/aarch64/harness.h).

A64_CROSS_CC ?= aarch64-linux-gnu-gcc
QEMU_AARCH64 ?= qemu-system-aarch64
NATIVE_AARCH64 ?= build/native/qemu-wasm-aarch64
LAUNCHER_AARCH64 ?= cli/qemu-wasm-aarch64.js
ISA_TIMEOUT ?= 60
ISA_A64_DIR := test/isa/aarch64
ISA_A64_SRCS := $(sort $(wildcard $(ISA_A64_DIR)/*.S))
ISA_A64_ELFS := $(patsubst $(ISA_A64_DIR)/%.S,build/isa/aarch64/%.elf,$(ISA_A64_SRCS))
ISA_A64_FLAGS := -march=armv8-a -nostdlib -nostartfiles -static -Wl,-T,$(ISA_A64_DIR)/link.ld \
  -Wl,--build-id=none -Wl,--no-warn-rwx-segments -I$(ISA_A64_DIR)

.PHONY: isa-aarch64 test-isa-aarch64 test-isa-qemu-aarch64

build/isa/aarch64/%.elf: $(ISA_A64_DIR)/%.S $(wildcard $(ISA_A64_DIR)/*.h) $(ISA_A64_DIR)/link.ld
	@mkdir -p $(dir $@)
	$(A64_CROSS_CC) $(ISA_A64_FLAGS) $< -o $@

isa-aarch64: $(ISA_A64_ELFS)

test-isa: test-isa-aarch64
test-isa-aarch64: native wasm isa-aarch64
	@rc=0; \
	bash test/isa/run.sh --label native --timeout $(ISA_TIMEOUT) $(NATIVE_AARCH64) -- $(ISA_A64_ELFS) || rc=1; \
	bash test/isa/run.sh --label node --timeout $(ISA_TIMEOUT) node $(LAUNCHER_AARCH64) -- $(ISA_A64_ELFS) || rc=1; \
	bash test/isa/run.sh --label node-jit-off --timeout $(ISA_TIMEOUT) node $(LAUNCHER_AARCH64) -accel tcg,jit=off -- $(ISA_A64_ELFS) || rc=1; \
	bash test/isa/run.sh --label node-jit-all --timeout $(ISA_TIMEOUT) node $(LAUNCHER_AARCH64) -accel tcg,jit-threshold=0 -- $(ISA_A64_ELFS) || rc=1; \
	bash test/isa/run.sh --label node-jit-regions --timeout $(ISA_TIMEOUT) node $(LAUNCHER_AARCH64) -accel tcg,jit-threshold=2 -- $(ISA_A64_ELFS) || rc=1; \
	bash test/isa/run.sh --label node-jit-check --timeout $(ISA_TIMEOUT) node $(LAUNCHER_AARCH64) -accel tcg,jit-threshold=0,jit-check=on -- $(ISA_A64_ELFS) || rc=1; \
	exit $$rc

test-isa-qemu: test-isa-qemu-aarch64
test-isa-qemu-aarch64: isa-aarch64
	@bash test/isa/run.sh --label qemu --timeout $(ISA_TIMEOUT) $(QEMU_AARCH64) -- $(ISA_A64_ELFS)

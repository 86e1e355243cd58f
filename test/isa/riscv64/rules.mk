# test/isa/riscv64/rules.mk — riscv64 guest ISA tests (included by the top-level Makefile).
#   make test-isa-riscv64 (part of make test-isa) build the tests, run them on build/native/qemu-wasm and under Node
#                        (JIT default, JIT off, everything compiled: jit-threshold=0, and
#                        jit-threshold=2: loops become multi-block regions early, and
#                        jit-threshold=0 with jit-check=on: every TB compared on both engines);
#                        the SMP tests (smp_*, run with -smp 4: see run-args in run.sh) also
#                        with all vCPUs on one thread (thread=single) on both builds
#   make test-isa-qemu-riscv64 (part of make test-isa-qemu) run them on the reference, Debian's qemu-system-riscv64 (its default
#                        for -smp 4 is one thread per vCPU)
#   make isa-riscv64     only build them (build/isa/riscv64/NAME.elf)

RV64_CROSS_CC ?= riscv64-linux-gnu-gcc
QEMU_RISCV64 ?= qemu-system-riscv64
ISA_TIMEOUT ?= 60
ISA_RV64_DIR := test/isa/riscv64
ISA_RV64_SRCS := $(sort $(wildcard $(ISA_RV64_DIR)/*.S))
ISA_RV64_ELFS := $(patsubst $(ISA_RV64_DIR)/%.S,build/isa/riscv64/%.elf,$(ISA_RV64_SRCS))
ISA_RV64_SMP_ELFS := $(filter build/isa/riscv64/smp_%,$(ISA_RV64_ELFS))
ISA_RV64_FLAGS := -march=rv64gc -mabi=lp64d -nostdlib -nostartfiles -static \
  -Wl,-T,$(ISA_RV64_DIR)/link.ld -Wl,--no-relax -Wl,--build-id=none -Wl,--no-warn-rwx-segments -I$(ISA_RV64_DIR)

.PHONY: isa-riscv64 test-isa test-isa-riscv64 test-isa-qemu test-isa-qemu-riscv64

build/isa/riscv64/%.elf: $(ISA_RV64_DIR)/%.S $(ISA_RV64_DIR)/harness.h $(ISA_RV64_DIR)/smp.h $(ISA_RV64_DIR)/link.ld
	@mkdir -p $(dir $@)
	$(RV64_CROSS_CC) $(ISA_RV64_FLAGS) $< -o $@

isa-riscv64: $(ISA_RV64_ELFS)

test-isa: test-isa-riscv64
test-isa-riscv64: native wasm isa-riscv64
	@rc=0; \
	bash test/isa/run.sh --label native --timeout $(ISA_TIMEOUT) build/native/qemu-wasm -- $(ISA_RV64_ELFS) || rc=1; \
	bash test/isa/run.sh --label node --timeout $(ISA_TIMEOUT) node cli/qemu-wasm.js -- $(ISA_RV64_ELFS) || rc=1; \
	bash test/isa/run.sh --label node-jit-off --timeout $(ISA_TIMEOUT) node cli/qemu-wasm.js -accel tcg,jit=off -- $(ISA_RV64_ELFS) || rc=1; \
	bash test/isa/run.sh --label node-jit-all --timeout $(ISA_TIMEOUT) node cli/qemu-wasm.js -accel tcg,jit-threshold=0 -- $(ISA_RV64_ELFS) || rc=1; \
	bash test/isa/run.sh --label node-jit-regions --timeout $(ISA_TIMEOUT) node cli/qemu-wasm.js -accel tcg,jit-threshold=2 -- $(ISA_RV64_ELFS) || rc=1; \
	bash test/isa/run.sh --label node-jit-check --timeout $(ISA_TIMEOUT) node cli/qemu-wasm.js -accel tcg,jit-threshold=0,jit-check=on -- $(ISA_RV64_ELFS) || rc=1; \
	bash test/isa/run.sh --label native-single --timeout $(ISA_TIMEOUT) build/native/qemu-wasm -accel tcg,thread=single -- $(ISA_RV64_SMP_ELFS) || rc=1; \
	bash test/isa/run.sh --label node-single --timeout $(ISA_TIMEOUT) node cli/qemu-wasm.js -accel tcg,thread=single -- $(ISA_RV64_SMP_ELFS) || rc=1; \
	exit $$rc

# Not run on the reference: smc_self stores into the rest of its own translation block and
# expects the new instruction to run (precise self-modifying code, DESIGN.md); QEMU gives that
# only to x86 and s390x guests, its riscv64 runs the stale block.
ISA_RV64_NOT_ON_QEMU := build/isa/riscv64/smc_self.elf

test-isa-qemu: test-isa-qemu-riscv64
test-isa-qemu-riscv64: isa-riscv64
	@echo "test-isa-qemu-riscv64: not run on QEMU: $(notdir $(ISA_RV64_NOT_ON_QEMU)) (QEMU's riscv64 has no precise self-modifying code)"
	@bash test/isa/run.sh --label qemu --timeout $(ISA_TIMEOUT) $(QEMU_RISCV64) -- $(filter-out $(ISA_RV64_NOT_ON_QEMU),$(ISA_RV64_ELFS))

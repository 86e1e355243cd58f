/*
 * core/jit_tier.c — tiering: a TB that ran jit-threshold times on the interpreter is
 * translated again and compiled to a WebAssembly module (tcg/wasm/), which then runs in
 * its place.  The module is installed in the calling thread (all vCPUs of a machine run
 * on one thread for now).
 *
 * The IR is rebuilt from guest memory rather than kept from the first translation: only
 * hot blocks pay for it, and the guest code is unchanged (a write to it would have
 * invalidated the TB).
 */
#include <stdlib.h>

#include "core/cpu.h"
#include "core/tb.h"
#include "hw/machine.h"
#include "tcg/ir.h"
#include "tcg/wasm/codegen.h"
#include "tcg/wasm/jit.h"

void tb_jit_compile(CPUState *cpu, TranslationBlock *tb)
{
    Machine *m = cpu->machine;
    TBCache *c = m->tbs;
    IrBlock *b = cpu->irblock;
    uint32_t size = 0, icount = 0;
    int saved_excp = cpu->excp_index;

    tb->jit_state = -1; /* unless everything below works */
    cpu->arch->translate(cpu, b, tb->pc, tb->flags, &size, &icount);
    if (cpu->excp_index >= 0 || size != tb->size || icount != tb->icount || b->overflow) {
        /* the code could not be re-read identically: keep interpreting */
        cpu->excp_index = saved_excp;
        c->jit_failures++;
        return;
    }
    ir_optimize(b);

    uint8_t *bytes = NULL;
    size_t len = 0;
    if (wasm_codegen_tb(b, NULL, &bytes, &len) < 0) {
        c->jit_failures++;
        return;
    }
    /* Bound the compiled code kept alive (each module also costs V8 a mapping: NOTES.md
     * says stay well under ~65k); past the budget, start over from an empty cache. */
    uint64_t budget = (uint64_t)(m->cfg->jit_cache > 0 ? m->cfg->jit_cache : 64) << 20;
    if (c->jit_live_bytes + len > budget) {
        free(bytes);
        if (log_enabled(&m->log, LOG_JIT)) {
            log_printf(&m->log, "jit: cache full (%llu bytes in %llu modules): flushing\n",
                       (unsigned long long)c->jit_live_bytes,
                       (unsigned long long)(c->jit_compiles));
        }
        cpu_exit_request(cpu, CPU_EXIT_TB_FLUSH);
        tb->jit_state = 0; /* may be compiled again after the flush */
        return;
    }
    JitFn fn = jit_install(bytes, len, (const IrHelper *const *)b->helpers, b->nhelpers);
    free(bytes);
    if (!fn) {
        c->jit_failures++;
        return;
    }
    tb->jit_fn = fn;
    tb->jit_state = 1;
    tb->jit_bytes = (uint32_t)len;
    c->jit_live_bytes += len;
    c->jit_compiles++;
    if (log_enabled(&m->log, LOG_JIT)) {
        log_printf(&m->log, "jit: pc 0x%llx: %u insns -> %zu bytes of Wasm\n",
                   (unsigned long long)tb->pc, tb->icount, len);
    }
}

/*
 * tcg/wasm/jit_host_emscripten.c — compile, instantiate and register generated modules
 * (see jit.h).  Under emscripten the work is one EM_JS function running in the calling
 * thread's JS context:
 *   1. new WebAssembly.Module(bytes)            (bytes copied out of the shared heap:
 *                                                 compilation wants an unshared buffer)
 *   2. a WebAssembly.Table of funcref, filled with wasmTable.get(fnptr) for each helper
 *   3. new WebAssembly.Instance(module, {env: {memory: wasmMemory, helpers: table}})
 *   4. the "tb" export stored into this thread's emscripten table, in a slot freed by
 *      jit_uninstall or a new one (wasmTable.grow: needs -sALLOW_TABLE_GROWTH); the slot
 *      number is the C function pointer.
 * Errors (invalid module, failed link) print one line on stderr and return NULL.
 */
#include <stdint.h>
#include <stdlib.h>

#include "tcg/wasm/codegen.h"
#include "tcg/wasm/jit.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

/* fns: nfns C function pointers (table indices) for the helper table's slots. */
EM_JS(int, jit_install_js, (const uint8_t *bytes, int len, const uint32_t *fns, int nfns,
                            int reuse), {
    try {
        var module = new WebAssembly.Module(HEAPU8.slice(bytes, bytes + len));
        var helpers = new WebAssembly.Table({ element: "anyfunc", initial: nfns });
        for (var i = 0; i < nfns; i++) {
            helpers.set(i, wasmTable.get(HEAPU32[(fns >> 2) + i]));
        }
        var instance = new WebAssembly.Instance(module,
                                                { env: { memory: wasmMemory, helpers: helpers } });
        var slot = reuse;
        if (!slot) {
            var free = Module["jitFreeSlots"] || (Module["jitFreeSlots"] = []);
            slot = free.length ? free.pop() : wasmTable.grow(1);
        }
        wasmTable.set(slot, instance.exports["tb"]);
        return slot;
    } catch (e) {
        err("qemu-wasm: jit_install: " + e);
        return 0;
    }
});

EM_JS(void, jit_uninstall_js, (int slot), {
    wasmTable.set(slot, null);
    var free = Module["jitFreeSlots"] || (Module["jitFreeSlots"] = []);
    free.push(slot);
});

JitFn jit_install_at(const uint8_t *bytes, size_t len, const IrHelper *const *helpers,
                     int nhelpers, JitFn reuse)
{
    uint32_t *fns = malloc(sizeof(uint32_t) * (size_t)(WASM_SLOT_HELPERS + nhelpers));
    if (!fns) {
        return NULL;
    }
    IrHelperFn slow[WASM_SLOT_HELPERS] = { jit_load_slow, jit_store_slow };
    for (int i = 0; i < WASM_SLOT_HELPERS; i++) {
        fns[i] = (uint32_t)(uintptr_t)slow[i];
    }
    for (int k = 0; k < nhelpers; k++) {
        fns[WASM_SLOT_HELPERS + k] = helpers[k] ? (uint32_t)(uintptr_t)helpers[k]->fn : 0;
    }
    int slot = jit_install_js(bytes, (int)len, fns, WASM_SLOT_HELPERS + nhelpers,
                              (int)(uintptr_t)reuse);
    free(fns);
    return slot ? (JitFn)(uintptr_t)slot : NULL;
}

void jit_uninstall(JitFn fn)
{
    if (fn) {
        jit_uninstall_js((int)(uintptr_t)fn);
    }
}

#else /* native: no Wasm engine */

JitFn jit_install_at(const uint8_t *bytes, size_t len, const IrHelper *const *helpers,
                     int nhelpers, JitFn reuse)
{
    (void)bytes, (void)len, (void)helpers, (void)nhelpers, (void)reuse;
    return NULL;
}

void jit_uninstall(JitFn fn)
{
    (void)fn;
}

#endif

JitFn jit_install(const uint8_t *bytes, size_t len, const IrHelper *const *helpers,
                  int nhelpers)
{
    return jit_install_at(bytes, len, helpers, nhelpers, NULL);
}

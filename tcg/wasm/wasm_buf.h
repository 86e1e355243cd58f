/*
 * tcg/wasm/wasm_buf.h — a growable byte buffer and the WebAssembly binary encoding
 * primitives the code generator needs: LEB128 integers, names, sections, and
 * instruction opcodes (the subset we emit).
 *
 * Errors (out of memory) are sticky: every append after a failed allocation is a no-op
 * and `oom` stays set, so callers check once at the end.
 */
#ifndef TCG_WASM_WASM_BUF_H
#define TCG_WASM_WASM_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct WasmBuf {
    uint8_t *data;
    size_t len, cap;
    bool oom;
} WasmBuf;

void wbuf_init(WasmBuf *b);
void wbuf_free(WasmBuf *b);
/* Hand the bytes to the caller (malloc'd; free()); the buffer is left empty. */
uint8_t *wbuf_take(WasmBuf *b, size_t *len);

void wbuf_byte(WasmBuf *b, uint8_t v);
void wbuf_bytes(WasmBuf *b, const void *p, size_t n);
void wbuf_u32(WasmBuf *b, uint32_t v);   /* unsigned LEB128 */
void wbuf_s32(WasmBuf *b, int32_t v);    /* signed LEB128 */
void wbuf_s64(WasmBuf *b, int64_t v);    /* signed LEB128 */
void wbuf_name(WasmBuf *b, const char *s); /* vec(byte): length + UTF-8 bytes */

/*
 * A size-prefixed region (a section's contents, a function body): begin reserves a
 * 5-byte padded LEB128 u32 (valid in the binary format), end patches it with the number
 * of bytes written since.  Returns/takes the position of the reserved field.
 */
size_t wbuf_size_begin(WasmBuf *b);
void wbuf_size_end(WasmBuf *b, size_t mark);
/* Section: id byte + size-prefixed contents. */
size_t wbuf_section_begin(WasmBuf *b, uint8_t id);
#define wbuf_section_end wbuf_size_end

/* Module header: magic + version 1. */
void wbuf_module_header(WasmBuf *b);

/* Section ids */
enum {
    WASM_SEC_CUSTOM = 0, WASM_SEC_TYPE = 1, WASM_SEC_IMPORT = 2, WASM_SEC_FUNCTION = 3,
    WASM_SEC_TABLE = 4, WASM_SEC_MEMORY = 5, WASM_SEC_GLOBAL = 6, WASM_SEC_EXPORT = 7,
    WASM_SEC_START = 8, WASM_SEC_ELEMENT = 9, WASM_SEC_CODE = 10, WASM_SEC_DATA = 11,
};

/* Value and reference types, import/export kinds, limits flags */
enum {
    WASM_I32 = 0x7f, WASM_I64 = 0x7e, WASM_F32 = 0x7d, WASM_F64 = 0x7c,
    WASM_FUNCREF = 0x70, WASM_FUNC_TYPE = 0x60, WASM_BLOCK_VOID = 0x40,
    WASM_EXTERN_FUNC = 0, WASM_EXTERN_TABLE = 1, WASM_EXTERN_MEMORY = 2,
    WASM_EXTERN_GLOBAL = 3,
    WASM_LIMITS_MIN = 0, WASM_LIMITS_MIN_MAX = 1, WASM_LIMITS_SHARED = 3,
};

/* Instruction opcodes (single byte unless prefixed) */
enum {
    W_UNREACHABLE = 0x00, W_NOP = 0x01, W_BLOCK = 0x02, W_LOOP = 0x03, W_IF = 0x04,
    W_ELSE = 0x05, W_END = 0x0b, W_BR = 0x0c, W_BR_IF = 0x0d, W_BR_TABLE = 0x0e,
    W_RETURN = 0x0f, W_CALL = 0x10, W_CALL_INDIRECT = 0x11, W_DROP = 0x1a,
    W_SELECT = 0x1b,
    W_LOCAL_GET = 0x20, W_LOCAL_SET = 0x21, W_LOCAL_TEE = 0x22,
    W_I32_LOAD = 0x28, W_I64_LOAD = 0x29,
    W_I32_LOAD8_S = 0x2c, W_I32_LOAD8_U = 0x2d, W_I32_LOAD16_S = 0x2e, W_I32_LOAD16_U = 0x2f,
    W_I64_LOAD8_S = 0x30, W_I64_LOAD8_U = 0x31, W_I64_LOAD16_S = 0x32,
    W_I64_LOAD16_U = 0x33, W_I64_LOAD32_S = 0x34, W_I64_LOAD32_U = 0x35,
    W_I32_STORE = 0x36, W_I64_STORE = 0x37, W_I32_STORE8 = 0x3a, W_I32_STORE16 = 0x3b,
    W_I64_STORE8 = 0x3c, W_I64_STORE16 = 0x3d, W_I64_STORE32 = 0x3e,
    W_I32_CONST = 0x41, W_I64_CONST = 0x42,
    /* i32 comparisons: eqz eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u */
    W_I32_EQZ = 0x45, W_I32_EQ = 0x46, W_I32_NE = 0x47, W_I32_LT_S = 0x48,
    W_I32_LT_U = 0x49, W_I32_GT_S = 0x4a, W_I32_GT_U = 0x4b, W_I32_LE_S = 0x4c,
    W_I32_LE_U = 0x4d, W_I32_GE_S = 0x4e, W_I32_GE_U = 0x4f,
    W_I64_EQZ = 0x50, W_I64_EQ = 0x51, W_I64_NE = 0x52, W_I64_LT_S = 0x53,
    W_I64_LT_U = 0x54, W_I64_GT_S = 0x55, W_I64_GT_U = 0x56, W_I64_LE_S = 0x57,
    W_I64_LE_U = 0x58, W_I64_GE_S = 0x59, W_I64_GE_U = 0x5a,
    W_I32_CLZ = 0x67, W_I32_CTZ = 0x68, W_I32_POPCNT = 0x69, W_I32_ADD = 0x6a,
    W_I32_SUB = 0x6b, W_I32_MUL = 0x6c, W_I32_DIV_S = 0x6d, W_I32_DIV_U = 0x6e,
    W_I32_REM_S = 0x6f, W_I32_REM_U = 0x70, W_I32_AND = 0x71, W_I32_OR = 0x72,
    W_I32_XOR = 0x73, W_I32_SHL = 0x74, W_I32_SHR_S = 0x75, W_I32_SHR_U = 0x76,
    W_I32_ROTL = 0x77, W_I32_ROTR = 0x78,
    W_I64_CLZ = 0x79, W_I64_CTZ = 0x7a, W_I64_POPCNT = 0x7b, W_I64_ADD = 0x7c,
    W_I64_SUB = 0x7d, W_I64_MUL = 0x7e, W_I64_DIV_S = 0x7f, W_I64_DIV_U = 0x80,
    W_I64_REM_S = 0x81, W_I64_REM_U = 0x82, W_I64_AND = 0x83, W_I64_OR = 0x84,
    W_I64_XOR = 0x85, W_I64_SHL = 0x86, W_I64_SHR_S = 0x87, W_I64_SHR_U = 0x88,
    W_I64_ROTL = 0x89, W_I64_ROTR = 0x8a,
    W_I32_WRAP_I64 = 0xa7, W_I64_EXTEND_I32_S = 0xac, W_I64_EXTEND_I32_U = 0xad,
    /* sign-extension operators */
    W_I32_EXTEND8_S = 0xc0, W_I32_EXTEND16_S = 0xc1, W_I64_EXTEND8_S = 0xc2,
    W_I64_EXTEND16_S = 0xc3, W_I64_EXTEND32_S = 0xc4,
    /* prefix of the threads proposal's instructions; atomic.fence = 0xfe 0x03 0x00 */
    W_PREFIX_ATOMIC = 0xfe, W_ATOMIC_FENCE = 0x03,
};

/* Instruction helpers */
static inline void wbuf_op(WasmBuf *b, uint8_t opcode)
{
    wbuf_byte(b, opcode);
}
/* A load/store with its memarg (log2 alignment hint, constant offset). */
void wbuf_memop(WasmBuf *b, uint8_t opcode, uint32_t align_log2, uint32_t offset);
void wbuf_i32_const(WasmBuf *b, int32_t v);
void wbuf_i64_const(WasmBuf *b, int64_t v);
void wbuf_local_op(WasmBuf *b, uint8_t opcode, uint32_t local);
void wbuf_br_op(WasmBuf *b, uint8_t opcode, uint32_t depth); /* br / br_if */
void wbuf_block(WasmBuf *b, uint8_t opcode, uint8_t blocktype); /* block/loop/if */

#endif

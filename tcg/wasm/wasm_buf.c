/*
 * tcg/wasm/wasm_buf.c — byte buffer and WebAssembly binary encoding primitives.
 */
#include "tcg/wasm/wasm_buf.h"

#include <stdlib.h>
#include <string.h>

void wbuf_init(WasmBuf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->oom = false;
}

void wbuf_free(WasmBuf *b)
{
    free(b->data);
    wbuf_init(b);
}

uint8_t *wbuf_take(WasmBuf *b, size_t *len)
{
    uint8_t *p = b->data;
    *len = b->len;
    wbuf_init(b);
    return p;
}

static bool wbuf_reserve(WasmBuf *b, size_t n)
{
    if (b->oom) {
        return false;
    }
    if (b->len + n <= b->cap) {
        return true;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n) {
        cap *= 2;
    }
    uint8_t *p = realloc(b->data, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void wbuf_byte(WasmBuf *b, uint8_t v)
{
    if (wbuf_reserve(b, 1)) {
        b->data[b->len++] = v;
    }
}

void wbuf_bytes(WasmBuf *b, const void *p, size_t n)
{
    if (n && wbuf_reserve(b, n)) {
        memcpy(b->data + b->len, p, n);
        b->len += n;
    }
}

void wbuf_u32(WasmBuf *b, uint32_t v)
{
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        wbuf_byte(b, v ? byte | 0x80 : byte);
    } while (v);
}

void wbuf_s64(WasmBuf *b, int64_t v)
{
    for (;;) {
        uint8_t byte = (uint8_t)(v & 0x7f);
        /* arithmetic shift: implementation-defined in C for negative values, so spell it */
        int64_t rest = v < 0 ? ~(~v >> 7) : v >> 7;
        bool done = (rest == 0 && !(byte & 0x40)) || (rest == -1 && (byte & 0x40));
        wbuf_byte(b, done ? byte : byte | 0x80);
        if (done) {
            return;
        }
        v = rest;
    }
}

void wbuf_s32(WasmBuf *b, int32_t v)
{
    wbuf_s64(b, v);
}

void wbuf_name(WasmBuf *b, const char *s)
{
    size_t n = strlen(s);
    wbuf_u32(b, (uint32_t)n);
    wbuf_bytes(b, s, n);
}

size_t wbuf_size_begin(WasmBuf *b)
{
    size_t mark = b->len;
    static const uint8_t pad[5] = { 0x80, 0x80, 0x80, 0x80, 0x00 };
    wbuf_bytes(b, pad, sizeof(pad));
    return mark;
}

void wbuf_size_end(WasmBuf *b, size_t mark)
{
    if (b->oom) {
        return;
    }
    uint32_t n = (uint32_t)(b->len - mark - 5);
    for (int i = 0; i < 5; i++) {
        uint8_t byte = (n >> (7 * i)) & 0x7f;
        b->data[mark + i] = i < 4 ? byte | 0x80 : byte;
    }
}

size_t wbuf_section_begin(WasmBuf *b, uint8_t id)
{
    wbuf_byte(b, id);
    return wbuf_size_begin(b);
}

void wbuf_module_header(WasmBuf *b)
{
    static const uint8_t header[8] = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
    wbuf_bytes(b, header, sizeof(header));
}

void wbuf_memop(WasmBuf *b, uint8_t opcode, uint32_t align_log2, uint32_t offset)
{
    wbuf_byte(b, opcode);
    wbuf_u32(b, align_log2);
    wbuf_u32(b, offset);
}

void wbuf_i32_const(WasmBuf *b, int32_t v)
{
    wbuf_byte(b, W_I32_CONST);
    wbuf_s32(b, v);
}

void wbuf_i64_const(WasmBuf *b, int64_t v)
{
    wbuf_byte(b, W_I64_CONST);
    wbuf_s64(b, v);
}

void wbuf_local_op(WasmBuf *b, uint8_t opcode, uint32_t local)
{
    wbuf_byte(b, opcode);
    wbuf_u32(b, local);
}

void wbuf_br_op(WasmBuf *b, uint8_t opcode, uint32_t depth)
{
    wbuf_byte(b, opcode);
    wbuf_u32(b, depth);
}

void wbuf_block(WasmBuf *b, uint8_t opcode, uint8_t blocktype)
{
    wbuf_byte(b, opcode);
    wbuf_byte(b, blocktype);
}

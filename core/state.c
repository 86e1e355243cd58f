/*
 * core/state.c — little-endian state streams (core/state.h).
 */
#include "core/state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sw_init(StateWriter *w)
{
    memset(w, 0, sizeof(*w));
}

void sw_free(StateWriter *w)
{
    free(w->buf);
    memset(w, 0, sizeof(*w));
}

void sw_bytes(StateWriter *w, const void *p, size_t n)
{
    if (w->failed || n == 0) {
        return;
    }
    if (n > w->cap - w->len) {
        size_t cap = w->cap ? w->cap : 256;
        while (cap - w->len < n) {
            if (cap > SIZE_MAX / 2) {
                w->failed = true;
                return;
            }
            cap *= 2;
        }
        uint8_t *nb = realloc(w->buf, cap);
        if (!nb) {
            w->failed = true;
            return;
        }
        w->buf = nb;
        w->cap = cap;
    }
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

static void put_le(StateWriter *w, uint64_t v, unsigned n)
{
    uint8_t b[8];
    for (unsigned i = 0; i < n; i++) {
        b[i] = (uint8_t)(v >> (8 * i));
    }
    sw_bytes(w, b, n);
}

void sw_u8(StateWriter *w, uint8_t v) { put_le(w, v, 1); }
void sw_u16(StateWriter *w, uint16_t v) { put_le(w, v, 2); }
void sw_u32(StateWriter *w, uint32_t v) { put_le(w, v, 4); }
void sw_u64(StateWriter *w, uint64_t v) { put_le(w, v, 8); }

void sw_str(StateWriter *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    sw_u32(w, (uint32_t)n);
    sw_bytes(w, s, n);
}

void sw_u32s(StateWriter *w, const uint32_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sw_u32(w, v[i]);
    }
}

void sw_u64s(StateWriter *w, const uint64_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sw_u64(w, v[i]);
    }
}

void sr_init(StateReader *r, const void *buf, size_t len)
{
    r->buf = buf;
    r->len = len;
    r->pos = 0;
    r->failed = false;
    r->why[0] = 0;
}

void sr_failf(StateReader *r, const char *fmt, ...)
{
    if (!r->why[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->why, sizeof(r->why), fmt, ap);
        va_end(ap);
    }
    r->failed = true;
}

void sr_bytes(StateReader *r, void *p, size_t n)
{
    if (r->failed || n > r->len - r->pos) {
        r->failed = true;
        memset(p, 0, n);
        return;
    }
    memcpy(p, r->buf + r->pos, n);
    r->pos += n;
}

static uint64_t get_le(StateReader *r, unsigned n)
{
    uint8_t b[8];
    sr_bytes(r, b, n);
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++) {
        v |= (uint64_t)b[i] << (8 * i);
    }
    return v;
}

uint8_t sr_u8(StateReader *r) { return (uint8_t)get_le(r, 1); }
uint16_t sr_u16(StateReader *r) { return (uint16_t)get_le(r, 2); }
uint32_t sr_u32(StateReader *r) { return (uint32_t)get_le(r, 4); }
uint64_t sr_u64(StateReader *r) { return get_le(r, 8); }

bool sr_bool(StateReader *r)
{
    uint8_t v = sr_u8(r);
    if (v > 1) {
        r->failed = true;
        return false;
    }
    return v;
}

void sr_str(StateReader *r, char *buf, size_t size)
{
    uint32_t n = sr_u32(r);
    if (r->failed || n >= size) {
        r->failed = true;
        if (size) {
            buf[0] = 0;
        }
        return;
    }
    sr_bytes(r, buf, n);
    buf[r->failed ? 0 : n] = 0;
}

void sr_u32s(StateReader *r, uint32_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        v[i] = sr_u32(r);
    }
}

void sr_u64s(StateReader *r, uint64_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        v[i] = sr_u64(r);
    }
}

uint32_t sr_u32_below(StateReader *r, uint32_t limit)
{
    uint32_t v = sr_u32(r);
    if (v >= limit) {
        r->failed = true;
        return 0;
    }
    return v;
}

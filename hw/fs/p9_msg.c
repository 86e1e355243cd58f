/*
 * hw/fs/p9_msg.c — bounds-checked 9P field readers and writers (see p9_msg.h).
 */
#include "hw/fs/p9_msg.h"

#include <string.h>

static const uint8_t *take(P9Reader *r, size_t n)
{
    if (r->bad || n > r->len - r->pos) {
        r->bad = true;
        return NULL;
    }
    const uint8_t *p = r->p + r->pos;
    r->pos += n;
    return p;
}

static uint64_t get_le(P9Reader *r, size_t n)
{
    const uint8_t *p = take(r, n);
    uint64_t v = 0;
    for (size_t i = 0; p && i < n; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

uint8_t p9r_u8(P9Reader *r)
{
    return (uint8_t)get_le(r, 1);
}

uint16_t p9r_u16(P9Reader *r)
{
    return (uint16_t)get_le(r, 2);
}

uint32_t p9r_u32(P9Reader *r)
{
    return (uint32_t)get_le(r, 4);
}

uint64_t p9r_u64(P9Reader *r)
{
    return get_le(r, 8);
}

P9Str p9r_str(P9Reader *r)
{
    uint16_t len = p9r_u16(r);
    const uint8_t *p = take(r, len);
    return p ? (P9Str){(const char *)p, len} : (P9Str){"", 0};
}

const uint8_t *p9r_bytes(P9Reader *r, size_t n)
{
    return take(r, n);
}

static uint8_t *room_for(P9Writer *w, size_t n)
{
    if (w->overflow || n > w->cap - w->pos) {
        w->overflow = true;
        return NULL;
    }
    uint8_t *p = w->p + w->pos;
    w->pos += n;
    return p;
}

static void put_le(P9Writer *w, uint64_t v, size_t n)
{
    uint8_t *p = room_for(w, n);
    for (size_t i = 0; p && i < n; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

void p9w_u8(P9Writer *w, uint8_t v)
{
    put_le(w, v, 1);
}

void p9w_u16(P9Writer *w, uint16_t v)
{
    put_le(w, v, 2);
}

void p9w_u32(P9Writer *w, uint32_t v)
{
    put_le(w, v, 4);
}

void p9w_u64(P9Writer *w, uint64_t v)
{
    put_le(w, v, 8);
}

void p9w_bytes(P9Writer *w, const void *data, size_t len)
{
    uint8_t *p = room_for(w, len);
    if (p && len) {
        memcpy(p, data, len);
    }
}

void p9w_str(P9Writer *w, const char *s, size_t len)
{
    if (len > 0xffff) {
        w->overflow = true;
        return;
    }
    p9w_u16(w, (uint16_t)len);
    p9w_bytes(w, s, len);
}

void p9w_qid(P9Writer *w, const P9Qid *q)
{
    p9w_u8(w, q->type);
    p9w_u32(w, q->version);
    p9w_u64(w, q->path);
}

size_t p9w_room(const P9Writer *w)
{
    return w->overflow ? 0 : w->cap - w->pos;
}

void p9w_put_u32_at(P9Writer *w, size_t at, uint32_t v)
{
    if (at <= w->cap && w->cap - at >= 4) {
        for (int i = 0; i < 4; i++) {
            w->p[at + (size_t)i] = (uint8_t)(v >> (8 * i));
        }
    }
}

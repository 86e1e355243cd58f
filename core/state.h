/*
 * core/state.h — the byte stream devices save their state to and load it from: fixed
 * little-endian encoding whatever the host, no padding, no pointers.  A writer grows its
 * buffer; a reader never reads past its end (a short or malformed stream sets `failed`
 * and reads zeros from then on, so a device's load can read everything and check once).
 */
#ifndef CORE_STATE_H
#define CORE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct StateWriter {
    uint8_t *buf;
    size_t len, cap;
    bool failed;                 /* out of memory: the stream is incomplete */
} StateWriter;

void sw_init(StateWriter *w);
void sw_free(StateWriter *w);
void sw_bytes(StateWriter *w, const void *p, size_t n);
void sw_u8(StateWriter *w, uint8_t v);
void sw_u16(StateWriter *w, uint16_t v);
void sw_u32(StateWriter *w, uint32_t v);
void sw_u64(StateWriter *w, uint64_t v);
static inline void sw_bool(StateWriter *w, bool v) { sw_u8(w, v ? 1 : 0); }
static inline void sw_i64(StateWriter *w, int64_t v) { sw_u64(w, (uint64_t)v); }
/* A string: u32 length, then the bytes (no terminator). */
void sw_str(StateWriter *w, const char *s);
/* Arrays of fixed-width words, each word encoded little-endian. */
void sw_u32s(StateWriter *w, const uint32_t *v, size_t n);
void sw_u64s(StateWriter *w, const uint64_t *v, size_t n);

typedef struct StateReader {
    const uint8_t *buf;
    size_t len, pos;
    bool failed;                 /* read past the end, or a value out of range */
    char why[192];               /* "" or the first reason given by sr_failf */
} StateReader;

void sr_init(StateReader *r, const void *buf, size_t len);
void sr_bytes(StateReader *r, void *p, size_t n);
uint8_t sr_u8(StateReader *r);
uint16_t sr_u16(StateReader *r);
uint32_t sr_u32(StateReader *r);
uint64_t sr_u64(StateReader *r);
/* A bool must be 0 or 1 (anything else fails the stream). */
bool sr_bool(StateReader *r);
static inline int64_t sr_i64(StateReader *r) { return (int64_t)sr_u64(r); }
/* A string into buf (NUL-terminated); fails if it does not fit. */
void sr_str(StateReader *r, char *buf, size_t size);
void sr_u32s(StateReader *r, uint32_t *v, size_t n);
void sr_u64s(StateReader *r, uint64_t *v, size_t n);
/* A u32 that must be < limit (an index or a count): fails the stream otherwise. */
uint32_t sr_u32_below(StateReader *r, uint32_t limit);
/* Mark the stream malformed (a device's own consistency check). */
static inline void sr_fail(StateReader *r) { r->failed = true; }
/* The same with a one-line reason for the user ("9p fid 3 'a/b': no longer exists"):
 * machine_load_devices reports the first reason given instead of "malformed state". */
void sr_failf(StateReader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Everything read, nothing failed. */
static inline bool sr_done(const StateReader *r) { return !r->failed && r->pos == r->len; }

#endif

/*
 * hw/fs/p9_msg.h — 9P wire encoding: little-endian integers, strings as len[2] bytes[len],
 * qids as type[1] version[4] path[8].  Readers never read past the message: a short
 * field sets `bad` and yields zeros, so handlers decode everything first and check once.
 * Writers never write past their buffer: an overflow sets `overflow`.
 */
#ifndef HW_FS_P9_MSG_H
#define HW_FS_P9_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define P9_HDR_SIZE 7u /* size[4] type[1] tag[2] */

/* Message types of 9P2000.L (and the 9P2000 ones Linux uses with it). */
enum {
    P9_TLERROR = 6, P9_RLERROR,
    P9_TSTATFS = 8, P9_RSTATFS,
    P9_TLOPEN = 12, P9_RLOPEN,
    P9_TLCREATE = 14, P9_RLCREATE,
    P9_TSYMLINK = 16, P9_RSYMLINK,
    P9_TMKNOD = 18, P9_RMKNOD,
    P9_TRENAME = 20, P9_RRENAME,
    P9_TREADLINK = 22, P9_RREADLINK,
    P9_TGETATTR = 24, P9_RGETATTR,
    P9_TSETATTR = 26, P9_RSETATTR,
    P9_TXATTRWALK = 30, P9_RXATTRWALK,
    P9_TXATTRCREATE = 32, P9_RXATTRCREATE,
    P9_TREADDIR = 40, P9_RREADDIR,
    P9_TFSYNC = 50, P9_RFSYNC,
    P9_TLOCK = 52, P9_RLOCK,
    P9_TGETLOCK = 54, P9_RGETLOCK,
    P9_TLINK = 70, P9_RLINK,
    P9_TMKDIR = 72, P9_RMKDIR,
    P9_TRENAMEAT = 74, P9_RRENAMEAT,
    P9_TUNLINKAT = 76, P9_RUNLINKAT,
    P9_TVERSION = 100, P9_RVERSION,
    P9_TAUTH = 102, P9_RAUTH,
    P9_TATTACH = 104, P9_RATTACH,
    P9_TFLUSH = 108, P9_RFLUSH,
    P9_TWALK = 110, P9_RWALK,
    P9_TREAD = 116, P9_RREAD,
    P9_TWRITE = 118, P9_RWRITE,
    P9_TCLUNK = 120, P9_RCLUNK,
    P9_TREMOVE = 122, P9_RREMOVE,
};

#define P9_QID_DIR 0x80
#define P9_QID_SYMLINK 0x02
#define P9_QID_FILE 0x00
#define P9_QID_SIZE 13u

typedef struct P9Qid {
    uint8_t type;
    uint32_t version;
    uint64_t path;
} P9Qid;

/* A string inside the request: not NUL-terminated, may contain anything. */
typedef struct P9Str {
    const char *s;
    uint16_t len;
} P9Str;

typedef struct P9Reader {
    const uint8_t *p;
    size_t len, pos;
    bool bad;
} P9Reader;

uint8_t p9r_u8(P9Reader *r);
uint16_t p9r_u16(P9Reader *r);
uint32_t p9r_u32(P9Reader *r);
uint64_t p9r_u64(P9Reader *r);
P9Str p9r_str(P9Reader *r);
/* n bytes in place (NULL and `bad` if fewer remain). */
const uint8_t *p9r_bytes(P9Reader *r, size_t n);

typedef struct P9Writer {
    uint8_t *p;
    size_t cap, pos;
    bool overflow;
} P9Writer;

void p9w_u8(P9Writer *w, uint8_t v);
void p9w_u16(P9Writer *w, uint16_t v);
void p9w_u32(P9Writer *w, uint32_t v);
void p9w_u64(P9Writer *w, uint64_t v);
void p9w_str(P9Writer *w, const char *s, size_t len); /* len > 65535: overflow */
void p9w_bytes(P9Writer *w, const void *data, size_t len);
void p9w_qid(P9Writer *w, const P9Qid *q);
/* Space left (0 after an overflow). */
size_t p9w_room(const P9Writer *w);
/* Patch a u32 written earlier at offset `at`. */
void p9w_put_u32_at(P9Writer *w, size_t at, uint32_t v);

#endif

/*
 * core/host/emscripten.c — core/host.h for the Wasm build, run by cli/qemu-wasm.js under
 * Node.  All C code runs in workers (-sPROXY_TO_PTHREAD); the Node main thread only runs
 * the launcher's event loop.
 *
 * - Files and console output call Node's fs directly from the calling worker (EM_JS),
 *   not through emscripten's FS, which would proxy every call to the main thread
 *   (NOTES.md: 13-75 us per call, and stdout stalls while the main thread is busy).
 * - Console input: the launcher owns stdin.  It writes the bytes into `stdin_ring`, a
 *   single-producer (JS main thread) / single-consumer (whoever calls host_console_read)
 *   ring in shared memory, whose address it gets from host_stdin_ring().
 * - Guest RAM comes straight from sbrk when large: fresh linear memory is zero and costs
 *   no RSS until touched, while calloc would memset it all.
 *
 * Process-wide state (the only globals of the Wasm host layer): stdin_ring, and the
 * table of large RAM blocks (ram_blocks, under ram_lock).
 */
#include "core/host.h"

#include <emscripten.h>
#include <emscripten/threading.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- clocks ---------------------------------------------------------------------- */

static uint64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t host_clock_ns(void)
{
    return clock_ns(CLOCK_MONOTONIC);
}

uint64_t host_wall_ns(void)
{
    return clock_ns(CLOCK_REALTIME);
}

/* ---- Node fs from the calling worker ---------------------------------------------- */

/* Pointers arrive in JS as signed i32: `>>> 0` makes those above 2 GiB usable. */

/* Write all of buf to fd; waits out EAGAIN (a non-blocking pipe that is full); gives up
 * silently on other errors (EPIPE: nobody reads our output any more). */
EM_JS(void, js_write_all, (int fd, const void *buf, size_t len), {
    var fs = require('fs');
    var p = buf >>> 0, n = len >>> 0;
    while (n > 0) {
        try {
            var w = fs.writeSync(fd, HEAPU8, p, n);
            p += w;
            n -= w;
        } catch (e) {
            if (e.code !== 'EAGAIN') {
                return;
            }
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        }
    }
});

/* Open a file for reading; returns an fd (>= 0) with its size in *size (0 for pipes
 * and the like), or -1 with Node's error code ("ENOENT") in code. */
EM_JS(int, js_file_open, (const char *path, double *size, char *code, size_t codelen), {
    var fs = require('fs');
    var fd = -1;
    try {
        fd = fs.openSync(UTF8ToString(path >>> 0), 'r');
        var st = fs.fstatSync(fd);
        if (st.isDirectory()) {
            fs.closeSync(fd);
            stringToUTF8('EISDIR', code >>> 0, codelen >>> 0);
            return -1;
        }
        HEAPF64[(size >>> 0) >>> 3] = st.isFile() ? st.size : 0;
        return fd;
    } catch (e) {
        if (fd >= 0) {
            try { fs.closeSync(fd); } catch (e2) { }
        }
        stringToUTF8(String(e.code || e.message), code >>> 0, codelen >>> 0);
        return -1;
    }
});

/* Read up to len bytes at the current position: the count (0 at EOF) or -1 and code. */
EM_JS(int, js_file_read, (int fd, void *buf, size_t len, char *code, size_t codelen), {
    var fs = require('fs');
    for (;;) {
        try {
            return fs.readSync(fd, HEAPU8, buf >>> 0, len >>> 0, null);
        } catch (e) {
            if (e.code === 'EAGAIN' || e.code === 'EINTR') {
                Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
                continue;
            }
            stringToUTF8(String(e.code || e.message), code >>> 0, codelen >>> 0);
            return -1;
        }
    }
});

EM_JS(void, js_file_close, (int fd), {
    try { require('fs').closeSync(fd); } catch (e) { }
});

/* Node's error codes ("ENOENT") -> errno values; 0 if the code is not an errno. */
static int errcode_errno(const char *code)
{
    static const struct {
        const char *code;
        int err;
    } codes[] = {
        {"ENOENT", ENOENT}, {"EACCES", EACCES}, {"EPERM", EPERM},
        {"EISDIR", EISDIR}, {"ENOTDIR", ENOTDIR}, {"ELOOP", ELOOP},
        {"ENAMETOOLONG", ENAMETOOLONG}, {"EMFILE", EMFILE}, {"ENFILE", ENFILE},
        {"EIO", EIO}, {"ENXIO", ENXIO}, {"ENODEV", ENODEV},
        {"ENOMEM", ENOMEM}, {"EFBIG", EFBIG}, {"EINVAL", EINVAL},
        {"EBUSY", EBUSY}, {"EBADF", EBADF}, {"EOVERFLOW", EOVERFLOW},
        {"EROFS", EROFS}, {"ETXTBSY", ETXTBSY}, {"ENOSPC", ENOSPC},
        {"EDQUOT", EDQUOT}, {"EAGAIN", EAGAIN}, {"EINTR", EINTR},
    };
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        if (strcmp(code, codes[i].code) == 0) {
            return codes[i].err;
        }
    }
    return 0;
}

/* Node's error codes -> the C library's text ("No such file or directory"). */
static void errcode_text(const char *code, char *err, size_t errlen)
{
    if (!errlen) {
        return;
    }
    int e = errcode_errno(code);
    if (e) {
        snprintf(err, errlen, "%s", strerror(e));
    } else {
        snprintf(err, errlen, "%s", code); /* not an errno: Node's own message */
    }
}

bool host_read_file(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen)
{
    char code[128] = "";
    double fsize = 0;
    int fd = js_file_open(path, &fsize, code, sizeof(code));
    if (fd < 0) {
        errcode_text(code, err, errlen);
        return false;
    }
    if (fsize >= (double)(SIZE_MAX / 2)) {
        js_file_close(fd);
        errcode_text("EFBIG", err, errlen);
        return false;
    }
    size_t cap = fsize > 0 ? (size_t)fsize : 65536, used = 0;
    uint8_t *buf = malloc(cap);
    if (!buf) {
        js_file_close(fd);
        errcode_text("ENOMEM", err, errlen);
        return false;
    }
    for (;;) {
        uint8_t probe[4096];
        bool full = used == cap;
        /* When the buffer is full, read into a probe first: usually it just sees EOF. */
        int n = full ? js_file_read(fd, probe, sizeof(probe), code, sizeof(code))
                     : js_file_read(fd, buf + used, cap - used, code, sizeof(code));
        if (n < 0) {
            free(buf);
            js_file_close(fd);
            errcode_text(code, err, errlen);
            return false;
        }
        if (n == 0) {
            break;
        }
        if (full) {
            size_t ncap = cap * 2;
            uint8_t *nbuf = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nbuf) {
                free(buf);
                js_file_close(fd);
                errcode_text("ENOMEM", err, errlen);
                return false;
            }
            buf = nbuf;
            cap = ncap;
            memcpy(buf + used, probe, (size_t)n);
        }
        used += (size_t)n;
    }
    js_file_close(fd);
    *data = buf;
    *len = used;
    return true;
}

/* ---- console ----------------------------------------------------------------------- */

void host_console_write(const void *buf, size_t len)
{
    if (len) {
        js_write_all(1, buf, len);
    }
}

void host_stderr_write(const void *buf, size_t len)
{
    if (len) {
        js_write_all(2, buf, len);
    }
}

void host_verror(const char *fmt, va_list ap)
{
    char msg[1024];
    int n = snprintf(msg, sizeof(msg), "qemu-wasm: ");
    vsnprintf(msg + n, sizeof(msg) - (size_t)n - 1, fmt, ap);
    size_t len = strlen(msg);
    msg[len++] = '\n';
    fflush(stdout);
    js_write_all(2, msg, len);
}

void host_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    host_verror(fmt, ap);
    va_end(ap);
}

/*
 * Console input ring.  Layout (the launcher relies on it; all fields 32-bit):
 *   +0  head  bytes consumed so far (written by C, release)
 *   +4  tail  bytes produced so far (written by JS with Atomics.store, then
 *             Atomics.notify on this word: host_sleep_ns waits on it)
 *   +8  size  capacity, a power of two (constant)
 *   +12 eof   set to 1 by JS when stdin has ended
 *   +16 data[size]
 * head and tail run freely and wrap at 2^32; tail - head is the fill level.
 */
#define STDIN_RING_SIZE 4096

typedef struct StdinRing {
    _Atomic uint32_t head;
    _Atomic uint32_t tail;
    uint32_t size;
    _Atomic uint32_t eof;
    uint8_t data[STDIN_RING_SIZE];
} StdinRing;

_Static_assert(offsetof(StdinRing, data) == 16, "layout shared with cli/qemu-wasm.js");

static StdinRing stdin_ring = {.size = STDIN_RING_SIZE};

EMSCRIPTEN_KEEPALIVE void *host_stdin_ring(void)
{
    return &stdin_ring;
}

size_t host_console_read(void *buf, size_t len)
{
    StdinRing *r = &stdin_ring;
    uint32_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    uint32_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    uint32_t avail = tail - head;
    size_t n = len < avail ? len : avail;
    uint8_t *out = buf;
    for (size_t i = 0; i < n; i++) {
        out[i] = r->data[(head + i) & (STDIN_RING_SIZE - 1)];
    }
    atomic_store_explicit(&r->head, head + (uint32_t)n, memory_order_release);
    return n;
}

/* Sleep up to ns; wakes early when console input arrives (the launcher notifies the
 * ring's tail word), so a thread idling for input reacts at once. */
void host_sleep_ns(uint64_t ns)
{
    if (ns == 0) {
        return;
    }
    uint32_t tail = atomic_load_explicit(&stdin_ring.tail, memory_order_acquire);
    emscripten_futex_wait((void *)&stdin_ring.tail, tail, (double)ns / 1e6);
}

/* Sleepers wait on the ring's tail word: a wake on it without new input is just a
 * spurious wake-up for them. */
void host_sleep_wake(void)
{
    emscripten_futex_wake((void *)&stdin_ring.tail, INT32_MAX);
}

/* ---- guest RAM --------------------------------------------------------------------- */

#define RAM_SBRK_MIN (16u << 20)   /* smaller blocks come from calloc */
#define RAM_ALIGN 65536u
#define RAM_MAX_BLOCKS 16

typedef struct RamBlock {
    uint8_t *p;
    size_t cap;
    bool live;
} RamBlock;

static RamBlock ram_blocks[RAM_MAX_BLOCKS];
static pthread_mutex_t ram_lock = PTHREAD_MUTEX_INITIALIZER;

/* Fresh memory above the break: never handed out before (dlmalloc here never trims),
 * hence zero.  sbrk takes a signed 32-bit increment: grow in steps of at most 1 GiB and
 * give up if another thread's sbrk got in between. */
static uint8_t *sbrk_fresh(size_t size, size_t *cap)
{
    size_t want = size + RAM_ALIGN;
    uint8_t *start = sbrk(0), *end = start;
    size_t got = 0;
    while (got < want) {
        size_t step = want - got > (1u << 30) ? (1u << 30) : want - got;
        void *p = sbrk((intptr_t)step);
        if (p == (void *)-1 || (uint8_t *)p != end) {
            return NULL; /* out of linear memory (or raced): the caller reports it */
        }
        got += step;
        end += step;
    }
    uintptr_t mask = RAM_ALIGN - 1;
    uint8_t *aligned = (uint8_t *)(((uintptr_t)start + mask) & ~mask);
    *cap = got - (size_t)(aligned - start);
    return aligned;
}

void *host_alloc_ram(uint64_t size)
{
    if (size == 0 || size > SIZE_MAX - RAM_ALIGN) {
        return NULL;
    }
    if (size < RAM_SBRK_MIN) {
        void *p = aligned_alloc(4096, (size_t)((size + 4095) & ~(uint64_t)4095));
        if (p) {
            memset(p, 0, (size_t)size);
        }
        return p;
    }
    pthread_mutex_lock(&ram_lock);
    /* Reuse a freed block (dirty: clear it) before taking more linear memory. */
    RamBlock *best = NULL, *slot = NULL;
    for (int i = 0; i < RAM_MAX_BLOCKS; i++) {
        RamBlock *b = &ram_blocks[i];
        if (b->p && !b->live && b->cap >= size && (!best || b->cap < best->cap)) {
            best = b;
        }
        if (!b->p && !slot) {
            slot = b;
        }
    }
    uint8_t *p = NULL;
    if (best) {
        best->live = true;
        p = best->p;
        pthread_mutex_unlock(&ram_lock);
        memset(p, 0, (size_t)size);
        return p;
    }
    if (slot) {
        size_t cap;
        p = sbrk_fresh((size_t)size, &cap);
        if (p) {
            *slot = (RamBlock){.p = p, .cap = cap, .live = true};
        }
    }
    pthread_mutex_unlock(&ram_lock);
    return p;
}

void host_free_ram(void *p, uint64_t size)
{
    if (!p) {
        return;
    }
    if (size < RAM_SBRK_MIN) {
        free(p);
        return;
    }
    pthread_mutex_lock(&ram_lock);
    for (int i = 0; i < RAM_MAX_BLOCKS; i++) {
        if (ram_blocks[i].p == p) {
            ram_blocks[i].live = false; /* kept for reuse: sbrk memory cannot be returned */
        }
    }
    pthread_mutex_unlock(&ram_lock);
}

/* Rare and not time-critical (e.g. dumpdtb): C stdio, which NODERAWFS maps to host files. */
bool host_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "%s", strerror(errno));
        return false;
    }
    size_t n = fwrite(data, 1, len, f);
    int e = n == len ? 0 : errno;
    if (fclose(f) != 0 && e == 0) {
        e = errno;
    }
    if (e) {
        snprintf(err, errlen, "%s", strerror(e));
        return false;
    }
    return true;
}

/* process.env, not getenv(): emscripten's C environment is not the host's. */
EM_JS(void, js_machine_ready, (void), {
    var fd = Number(process.env.QEMU_WASM_CONTROL_FD || -1);
    if (fd >= 0) {
        try { require('fs').writeSync(fd, 'ready\n'); } catch (e) { }
    }
});

void host_machine_ready(void)
{
    js_machine_ready();
}

/* ---- block-device files (-drive) ------------------------------------------------- */

/* Open for reading, or reading and writing: an fd, or -1 with Node's error code in code. */
EM_JS(int, js_blk_open, (const char *path, int writable, char *code, size_t codelen), {
    var fs = require('fs');
    var fd = -1;
    try {
        fd = fs.openSync(UTF8ToString(path >>> 0), writable ? 'r+' : 'r');
        if (fs.fstatSync(fd).isDirectory()) {
            fs.closeSync(fd);
            stringToUTF8('EISDIR', code >>> 0, codelen >>> 0);
            return -1;
        }
        return fd;
    } catch (e) {
        stringToUTF8(String(e.code || e.message), code >>> 0, codelen >>> 0);
        return -1;
    }
});

/* Open for writing, created if missing: truncated ('w') or appended to ('a'). */
EM_JS(int, js_file_create, (const char *path, int append, char *code, size_t codelen), {
    try {
        return require('fs').openSync(UTF8ToString(path >>> 0), append ? 'a' : 'w');
    } catch (e) {
        stringToUTF8(String(e.code || e.message), code >>> 0, codelen >>> 0);
        return -1;
    }
});

/* Positioned read or write of exactly len bytes (a read past EOF is zero-filled), straight
 * between the file and the shared heap; 0, or -1 with Node's error code in code. */
EM_JS(int, js_blk_rw, (int fd, int write, void *buf, size_t len, double off, char *code,
                       size_t codelen), {
    var fs = require('fs');
    var p = buf >>> 0, n = len >>> 0;
    try {
        while (n > 0) {
            var k = write ? fs.writeSync(fd, HEAPU8, p, n, off) : fs.readSync(fd, HEAPU8, p, n, off);
            if (k <= 0) {
                if (write) {
                    stringToUTF8('EIO', code >>> 0, codelen >>> 0);
                    return -1;
                }
                HEAPU8.fill(0, p, p + n);
                return 0;
            }
            p += k;
            n -= k;
            off += k;
        }
        return 0;
    } catch (e) {
        stringToUTF8(String(e.code || e.message), code >>> 0, codelen >>> 0);
        return -1;
    }
});

/* fdatasync (0), fstat size (>= 0), or -1 with the error code. */
EM_JS(double, js_blk_meta, (int fd, int what, char *code, size_t codelen), {
    var fs = require('fs');
    try {
        if (what === 0) {
            fs.fdatasyncSync(fd);
            return 0;
        }
        return fs.fstatSync(fd).size;
    } catch (e) {
        stringToUTF8(String(e.code || e.message), code >>> 0, codelen >>> 0);
        return -1;
    }
});

static int blk_errno(const char *code)
{
    int e = errcode_errno(code);
    return e ? -e : -EIO;
}

int host_file_open(const char *path, bool writable, char *err, size_t errlen)
{
    char code[128] = "";
    int fd = js_blk_open(path, writable, code, sizeof(code));
    if (fd < 0) {
        errcode_text(code, err, errlen);
        return blk_errno(code);
    }
    return fd;
}

int host_file_create(const char *path, bool append, char *err, size_t errlen)
{
    char code[128] = "";
    int fd = js_file_create(path, append, code, sizeof(code));
    if (fd < 0) {
        errcode_text(code, err, errlen);
        return blk_errno(code);
    }
    return fd;
}

int host_file_pread(int fd, void *buf, size_t len, uint64_t off)
{
    char code[64] = "";
    return js_blk_rw(fd, 0, buf, len, (double)off, code, sizeof(code)) < 0 ? blk_errno(code) : 0;
}

int host_file_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
    char code[64] = "";
    return js_blk_rw(fd, 1, (void *)buf, len, (double)off, code, sizeof(code)) < 0
               ? blk_errno(code) : 0;
}

int host_file_sync(int fd)
{
    char code[64] = "";
    return js_blk_meta(fd, 0, code, sizeof(code)) < 0 ? blk_errno(code) : 0;
}

int64_t host_file_length(int fd)
{
    char code[64] = "";
    double n = js_blk_meta(fd, 1, code, sizeof(code));
    return n < 0 ? blk_errno(code) : (int64_t)n;
}

void host_file_close(int fd)
{
    if (fd >= 0) {
        js_file_close(fd);
    }
}

/* Node's CSPRNG.  randomFillSync into a private buffer, then copied: the heap is shared. */
EM_JS(void, js_random, (void *buf, size_t len), {
    var b = new Uint8Array(len >>> 0);
    require('crypto').randomFillSync(b);
    HEAPU8.set(b, buf >>> 0);
});

void host_random(void *buf, size_t len)
{
    if (len) {
        js_random(buf, len);
    }
}

/*
 * core/host/native.c — core/host.h for the gcc build (Linux and other POSIX hosts).
 *
 * Process-wide state: `stdin_eof` (console input has ended), written and read by the
 * single console consumer, and host_sleep_ns's wake-up condition (a wake meant for one
 * machine's I/O thread only makes another's re-check its timers).
 */
#include "core/host.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int stdin_eof;

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

/* write() all of buf, waiting out EINTR and EAGAIN (fd may be non-blocking, e.g. a pipe
 * a parent set up).  Errors such as EPIPE drop the rest silently, as a console should. */
static void write_all(int fd, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n > 0) {
            p += n;
            len -= (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && errno == EAGAIN) {
            struct pollfd pfd = {.fd = fd, .events = POLLOUT};
            poll(&pfd, 1, 100);
        } else {
            return;
        }
    }
}

void host_console_write(const void *buf, size_t len)
{
    write_all(1, buf, len);
}

void host_stderr_write(const void *buf, size_t len)
{
    write_all(2, buf, len);
}

size_t host_console_read(void *buf, size_t len)
{
    if (stdin_eof || len == 0) {
        return 0;
    }
    struct pollfd pfd = {.fd = 0, .events = POLLIN};
    if (poll(&pfd, 1, 0) <= 0 || !(pfd.revents & (POLLIN | POLLHUP | POLLERR))) {
        return 0;
    }
    ssize_t n = read(0, buf, len);
    if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        stdin_eof = 1; /* end of input (or a closed/invalid stdin): stop polling it */
        return 0;
    }
    return n > 0 ? (size_t)n : 0;
}

void host_verror(const char *fmt, va_list ap)
{
    char msg[1024];
    int n = snprintf(msg, sizeof(msg), "qemu-wasm: ");
    vsnprintf(msg + n, sizeof(msg) - (size_t)n - 1, fmt, ap);
    size_t len = strlen(msg);
    msg[len++] = '\n';
    fflush(stdout);
    write_all(2, msg, len);
}

void host_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    host_verror(fmt, ap);
    va_end(ap);
}

static bool fail(int e, char *err, size_t errlen)
{
    if (errlen) {
        snprintf(err, errlen, "%s", strerror(e));
    }
    return false;
}

bool host_read_file(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return fail(errno, err, errlen);
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        close(fd);
        return fail(e, err, errlen);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return fail(EISDIR, err, errlen);
    }
    /* Regular files are read at their stat size; pipes and /proc files grow as they go. */
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size >= SIZE_MAX / 2) {
        close(fd);
        return fail(EFBIG, err, errlen);
    }
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 65536;
    size_t used = 0;
    uint8_t *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return fail(ENOMEM, err, errlen);
    }
    for (;;) {
        uint8_t probe[4096];
        bool full = used == cap;
        /* When the buffer is full, read into a probe first: usually it just sees EOF. */
        ssize_t n = full ? read(fd, probe, sizeof(probe)) : read(fd, buf + used, cap - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return fail(e, err, errlen);
        }
        if (n == 0) {
            break;
        }
        if (full) {
            size_t ncap = cap * 2;
            uint8_t *nbuf = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nbuf) {
                free(buf);
                close(fd);
                return fail(ENOMEM, err, errlen);
            }
            buf = nbuf;
            cap = ncap;
            memcpy(buf + used, probe, (size_t)n);
        }
        used += (size_t)n;
    }
    close(fd);
    *data = buf;
    *len = used;
    return true;
}

void *host_alloc_ram(uint64_t size)
{
    if (size == 0 || size > SIZE_MAX) {
        return NULL;
    }
    /* Anonymous private memory is zero and costs nothing until the guest touches it. */
    void *p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void host_free_ram(void *p, uint64_t size)
{
    if (p) {
        munmap(p, (size_t)size);
    }
}

/* host_sleep_ns sleeps on this condition so that host_sleep_wake can cut it short. */
static pthread_mutex_t sleep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sleep_cond = PTHREAD_COND_INITIALIZER;
static uint64_t sleep_wakes; /* host_sleep_wake calls so far (sleep_lock) */

void host_sleep_ns(uint64_t ns)
{
    if (ns == 0) {
        return;
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    uint64_t t = (uint64_t)until.tv_nsec + ns % 1000000000u;
    until.tv_sec += (time_t)(ns / 1000000000u + t / 1000000000u);
    until.tv_nsec = (long)(t % 1000000000u);
    pthread_mutex_lock(&sleep_lock);
    uint64_t seen = sleep_wakes;
    while (sleep_wakes == seen) {
        if (pthread_cond_timedwait(&sleep_cond, &sleep_lock, &until) == ETIMEDOUT) {
            break;
        }
    }
    pthread_mutex_unlock(&sleep_lock);
}

void host_sleep_wake(void)
{
    pthread_mutex_lock(&sleep_lock);
    sleep_wakes++;
    pthread_cond_broadcast(&sleep_cond);
    pthread_mutex_unlock(&sleep_lock);
}

bool host_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        return fail(errno, err, errlen);
    }
    size_t n = fwrite(data, 1, len, f);
    int e = n == len ? 0 : errno;
    if (fclose(f) != 0 && e == 0) {
        e = errno;
    }
    if (e) {
        return fail(e, err, errlen);
    }
    return true;
}

void host_machine_ready(void)
{
    const char *fd = getenv("QEMU_WASM_CONTROL_FD");
    if (fd && *fd) {
        write_all(atoi(fd), "ready\n", 6);
    }
}

/* ---- block-device files (-drive) ------------------------------------------------- */

int host_file_open(const char *path, bool writable, char *err, size_t errlen)
{
    int fd = open(path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        fail(e, err, errlen);
        return -e;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        fail(EISDIR, err, errlen);
        return -EISDIR;
    }
    return fd;
}

int host_file_create(const char *path, bool append, char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
    if (fd < 0) {
        int e = errno;
        fail(e, err, errlen);
        return -e;
    }
    return fd;
}

int host_file_pread(int fd, void *buf, size_t len, uint64_t off)
{
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = pread(fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -errno;
        }
        if (n == 0) {
            memset(p, 0, len); /* past the end of the file */
            return 0;
        }
        p += n;
        len -= (size_t)n;
        off += (uint64_t)n;
    }
    return 0;
}

int host_file_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
    const uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = pwrite(fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n < 0 ? -errno : -EIO;
        }
        p += n;
        len -= (size_t)n;
        off += (uint64_t)n;
    }
    return 0;
}

int host_file_sync(int fd)
{
    return fdatasync(fd) < 0 ? -errno : 0;
}

int64_t host_file_length(int fd)
{
    off_t end = lseek(fd, 0, SEEK_END);
    return end < 0 ? -errno : (int64_t)end;
}

void host_file_close(int fd)
{
    if (fd >= 0) {
        close(fd);
    }
}

void host_random(void *buf, size_t len)
{
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            abort(); /* the kernel's CSPRNG is always there on Linux >= 3.17 */
        }
        p += n;
        len -= (size_t)n;
    }
}

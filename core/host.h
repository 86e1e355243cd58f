/*
 * core/host.h — everything the engine needs from the host, behind one small interface.
 * Two implementations: core/host/native.c (gcc build) and core/host/emscripten.c (Wasm
 * build under Node, where file I/O goes straight to Node's fs from the calling worker).
 */
#ifndef CORE_HOST_H
#define CORE_HOST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Monotonic clock in nanoseconds. */
uint64_t host_clock_ns(void);
/* Wall-clock time in nanoseconds since the Unix epoch (RTC devices). */
uint64_t host_wall_ns(void);

/* Console: bytes the guest writes go to stdout, unbuffered, in order. */
void host_console_write(const void *buf, size_t len);
/* Non-blocking read of console input; returns the number of bytes read (0 if none). */
size_t host_console_read(void *buf, size_t len);

/* Raw bytes to stderr, unbuffered (semihosting's debug console, as QEMU without a
 * semihosting chardev). */
void host_stderr_write(const void *buf, size_t len);

/* Print "qemu-wasm: <message>\n" on stderr (QEMU's style for fatal and warning messages). */
void host_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void host_verror(const char *fmt, va_list ap);

/*
 * Read a whole host file.  On success returns true and a malloc'd buffer (free()).  On
 * failure returns false and writes strerror-style text ("No such file or directory") to
 * err.
 */
bool host_read_file(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen);

/* Write a whole host file (created or truncated).  On failure returns false with
 * strerror-style text in err. */
bool host_write_file(const char *path, const void *data, size_t len, char *err,
                     size_t errlen);

/*
 * Block-device files (-drive): positioned I/O on an open host file.  Handles are small
 * non-negative ints.  Every function returns 0 / a byte count on success and a negative
 * errno (-ENOENT, ...) on failure; host_file_open writes strerror-style text to err too.
 * Under Node these call fs.*Sync directly from the calling worker (no proxying).
 */
int host_file_open(const char *path, bool writable, char *err, size_t errlen);
/* Open for writing (a console log, -chardev file): created if missing (mode 0666 less the
 * umask), truncated unless append.  The handle takes host_file_pwrite/length/close. */
int host_file_create(const char *path, bool append, char *err, size_t errlen);
/* Read/write exactly len bytes at off (a short read past the end of the file is zero-filled). */
int host_file_pread(int fd, void *buf, size_t len, uint64_t off);
int host_file_pwrite(int fd, const void *buf, size_t len, uint64_t off);
int host_file_sync(int fd);                 /* fdatasync */
int64_t host_file_length(int fd);           /* size in bytes, or a negative errno */
void host_file_close(int fd);

/* Fill buf with cryptographically secure random bytes from the host (virtio-rng). */
void host_random(void *buf, size_t len);

/* Allocate zeroed guest RAM of `size` bytes; NULL if the host cannot back it. */
void *host_alloc_ram(uint64_t size);
void host_free_ram(void *p, uint64_t size);

/* Sleep the calling thread for up to ns nanoseconds; wakes early when console input
 * arrives (Wasm build) or host_sleep_wake is called (both builds). */
void host_sleep_ns(uint64_t ns);
/* Wake every thread sleeping in host_sleep_ns (spurious wake-ups are harmless). */
void host_sleep_wake(void);

/*
 * The machine is built (every option and file accepted) and about to run guest code.  When
 * $QEMU_WASM_CONTROL_FD names a file descriptor (the JavaScript API, cli/index.js, sets it),
 * writes "ready\n" to it; otherwise does nothing.
 */
void host_machine_ready(void);

#endif

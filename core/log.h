/*
 * core/log.h — the -d / -D debug log of one machine (QEMU's "-d int,unimp,..." items).
 * Each machine has its own Log; nothing is global.
 */
#ifndef CORE_LOG_H
#define CORE_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct MachineConfig;

enum {
    LOG_UNIMP = 1,       /* unimplemented device registers / features */
    LOG_GUEST_ERROR = 2, /* the guest did something invalid (unmapped access, ...) */
    LOG_INT = 4,         /* every trap: exceptions and interrupts */
    LOG_EXEC = 8,        /* every translation block executed */
    LOG_JIT = 16,        /* compiled regions */
};

typedef struct Log {
    FILE *f;
    bool own_file;
    uint32_t mask;
} Log;

/* Open the log per cfg (-d items, -D file; default stderr).  false + message on error. */
bool log_open(Log *log, const struct MachineConfig *cfg, char *err, size_t errlen);
void log_close(Log *log);

static inline bool log_enabled(const Log *log, uint32_t item)
{
    return (log->mask & item) != 0;
}

void log_printf(Log *log, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "Log once" bookkeeping for a device's unimplemented registers: returns true the first
 * time an offset is seen (up to a few per device; after that, always false). */
typedef struct LogOnce {
    uint64_t seen[16];
    int n;
} LogOnce;
bool log_once(LogOnce *once, uint64_t key);

#endif

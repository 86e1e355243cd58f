/*
 * core/log.c — per-machine debug log.
 */
#include "core/log.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "core/config.h"

bool log_open(Log *log, const MachineConfig *cfg, char *err, size_t errlen)
{
    memset(log, 0, sizeof(*log));
    log->mask = (cfg->log_unimp ? LOG_UNIMP : 0) | (cfg->log_guest_errors ? LOG_GUEST_ERROR : 0) |
                (cfg->log_int ? LOG_INT : 0) | (cfg->log_exec ? LOG_EXEC : 0) |
                (cfg->log_jit ? LOG_JIT : 0);
    log->f = stderr;
    if (cfg->logfile) {
        FILE *f = fopen(cfg->logfile, "w");
        if (!f) {
            snprintf(err, errlen, "-D %s: could not open log file: %s", cfg->logfile,
                     strerror(errno));
            return false;
        }
        log->f = f;
        log->own_file = true;
    }
    return true;
}

void log_close(Log *log)
{
    if (log->own_file && log->f) {
        fclose(log->f);
    }
    log->f = NULL;
    log->own_file = false;
}

void log_printf(Log *log, const char *fmt, ...)
{
    if (!log->f) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log->f, fmt, ap);
    va_end(ap);
    if (log->f == stderr) {
        fflush(stderr);
    }
}

bool log_once(LogOnce *once, uint64_t key)
{
    for (int i = 0; i < once->n; i++) {
        if (once->seen[i] == key) {
            return false;
        }
    }
    if (once->n < (int)(sizeof(once->seen) / sizeof(once->seen[0]))) {
        once->seen[once->n++] = key;
        return true;
    }
    return false;
}

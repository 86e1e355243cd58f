/*
 * cli/main.c — the C entry point of both builds: parse the command line, build the
 * machine, run it.  User errors end here as one "qemu-wasm: ..." line on stderr and
 * exit status 1; the guest's own exit status (e.g. the SiFive test device) is returned
 * as the process's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/options.h"
#include "core/host.h"
#include "hw/board.h"

/*
 * Where the default firmware is when -L is not given: $QEMU_WASM_DATADIR, else (native
 * build) build/bios/<arch> next to the binary's build/native/ directory.  The Node
 * launcher passes -L itself.
 */
static const char *default_datadir(const char *arch, char *buf, size_t len)
{
    const char *env = getenv("QEMU_WASM_DATADIR");
    if (env && *env) {
        return env;
    }
#ifndef __EMSCRIPTEN__
    ssize_t n = readlink("/proc/self/exe", buf, len - 1);
    if (n > 0) {
        buf[n] = 0;
        char *slash = strrchr(buf, '/');
        if (slash) {
            *slash = 0;
            size_t used = strlen(buf);
            if ((size_t)snprintf(buf + used, len - used, "/../bios/%s", arch) < len - used) {
                return buf;
            }
        }
    }
#else
    (void)arch, (void)buf, (void)len;
#endif
    return NULL;
}

int main(int argc, char **argv)
{
    static char datadir[4096];
    static MachineConfig cfg; /* outlives the machine, which keeps a pointer to it */
    char err[512];

    switch (options_parse(argc, argv, &cfg, err, sizeof(err))) {
    case OPTIONS_OK:
        break;
    case OPTIONS_EXIT_SUCCESS:
        fflush(stdout);
        return 0;
    case OPTIONS_ERROR:
        host_error("%s", err);
        return 1;
    }

    if (!cfg.datadir) {
        cfg.datadir = default_datadir(cfg.arch, datadir, sizeof(datadir));
    }
    Machine *m = machine_create(&cfg, err, sizeof(err));
    if (!m) {
        host_error("%s", err);
        return 1;
    }
    host_machine_ready(); /* tells the JavaScript API (cli/index.js) that start succeeded */
    if (m->exit_after_init) {
        machine_destroy(m);
        return 0;
    }
    int status = machine_run(m);
    machine_destroy(m);
    fflush(stdout);
    return status;
}

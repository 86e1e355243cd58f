/*
 * cli/main.c — the C entry point of both builds: parse the command line, build the
 * machine, run it.  User errors end here as one "qemu-wasm: ..." line on stderr and
 * exit status 1; the guest's own exit status (e.g. the SiFive test device) is returned
 * as the process's.
 */
#include <stdio.h>

#include "cli/options.h"
#include "core/host.h"
#include "hw/machine.h"

int main(int argc, char **argv)
{
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

    Machine *m = machine_create(&cfg, err, sizeof(err));
    if (!m) {
        host_error("%s", err);
        return 1;
    }
    int status = machine_run(m);
    machine_destroy(m);
    fflush(stdout);
    return status;
}

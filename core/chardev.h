/*
 * core/chardev.h — character backends: where a serial-like device's bytes go and where its
 * input comes from (QEMU's "chardev" layer).
 *
 * A Chardev is a backend (null, stdio = the host console, file; a socket would be one more
 * ChardevOps).  Devices are its front ends: a device embeds a CharFrontend, attaches it to a
 * backend with chardev_fe_init, writes with chardev_fe_write, and receives input through two
 * callbacks: can_receive (how many bytes it can take now, e.g. its FIFO's room) and receive.
 *
 * A backend may have several front ends (on riscv virt, the UART and a virtio console share
 * the host console).  Output of each goes to the backend; input goes to one of them, chosen
 * here rather than by the board: the front end that last called chardev_fe_claim_input
 * (a virtio console does so once the guest writes to it), else the first one attached.
 * Input is taken from the backend only as fast as that front end accepts it: bytes it has
 * no room for stay queued in the backend (the host's console buffer).
 *
 * Threads: writes and polls run with the machine's device lock held (MMIO handlers, the
 * machine's poll), so a backend needs no lock of its own.  No globals: the backends belong
 * to a ChardevSet, which belongs to a machine.
 */
#ifndef CORE_CHARDEV_H
#define CORE_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"

typedef struct Chardev Chardev;

typedef struct CharFrontendOps {
    /* How many bytes the device can take now (0: none; the input waits). */
    size_t (*can_receive)(void *opaque);
    /* Input, at most what can_receive said. */
    void (*receive)(void *opaque, const uint8_t *buf, size_t len);
} CharFrontendOps;

typedef struct CharFrontend {
    Chardev *chr;                /* NULL: not connected (output dropped, no input) */
    const CharFrontendOps *ops;  /* NULL: the device takes no input */
    void *opaque;
} CharFrontend;

typedef struct ChardevOps {
    const char *driver;          /* "null", "stdio", "file", ... */
    void (*write)(Chardev *c, const void *buf, size_t len);
    /* Optional: non-blocking input, at most len bytes; returns how many (0 if none). */
    size_t (*read)(Chardev *c, void *buf, size_t len);
    /* Optional: free what the backend owns (its file, ...). */
    void (*close)(Chardev *c);
} ChardevOps;

#define CHARDEV_ID_MAX 32
#define CHARDEV_MAX_FRONTENDS 4

struct Chardev {
    const ChardevOps *ops;
    char id[CHARDEV_ID_MAX];
    void *opaque;                /* the backend's state (for backends defined elsewhere) */
    int fd;                      /* file: host file handle (core/host.h host_file_*) */
    uint64_t pos;                /* file: where the next byte goes */
    CharFrontend *fe[CHARDEV_MAX_FRONTENDS];
    int nfe;
    int focus;                   /* index into fe[] of the input's receiver; -1: fe[0] */
};

/* A backend with the given ops (opaque for the ops' use); NULL if out of memory. */
Chardev *chardev_new(const char *id, const ChardevOps *ops, void *opaque);
/* The backend a configuration asks for: opens a file backend's file.  On error NULL with
 * QEMU's message in err ("-serial file:/x: Could not open '/x': No such file or
 * directory"). */
Chardev *chardev_open(const ChardevConfig *cc, char *err, size_t errlen);
/* Close and free (front ends must not use it afterwards). */
void chardev_free(Chardev *c);

/* Output to the backend. */
void chardev_write(Chardev *c, const void *buf, size_t len);
/* Move backend input to the receiving front end, as much as it can take now. */
void chardev_poll(Chardev *c);
/* The front end that receives input now (NULL if none). */
CharFrontend *chardev_receiver(Chardev *c);

/* Attach fe to chr (chr may be NULL: a device with no backend).  ops may be NULL for an
 * output-only device.  false if chr already has CHARDEV_MAX_FRONTENDS front ends. */
bool chardev_fe_init(CharFrontend *fe, Chardev *chr, const CharFrontendOps *ops,
                     void *opaque);
/* Output of the device (dropped when not connected). */
void chardev_fe_write(CharFrontend *fe, const void *buf, size_t len);
/* This front end wants the backend's input from now on (see the top of this file). */
void chardev_fe_claim_input(CharFrontend *fe);
/* Did this front end claim the input, with no other claim since?  (Device state: a virtio
 * console saves it.) */
bool chardev_fe_claimed(const CharFrontend *fe);
/* Undo this front end's claim, if it holds one: input goes to the first front end again
 * (loading a state saved before the claim). */
void chardev_fe_release_input(CharFrontend *fe);
static inline bool chardev_fe_connected(const CharFrontend *fe)
{
    return fe->chr != NULL;
}

/*
 * A machine's backends, built from its configuration: every -chardev and -serial one, and
 * the host console's on demand.
 */
typedef struct ChardevSet {
    Chardev *devs[CONFIG_MAX_CHARDEVS + 1];
    int ndevs;
    Chardev *serial[CONFIG_MAX_SERIAL];
} ChardevSet;

/* Open every backend cfg names.  On error false (with QEMU's message in err) and nothing
 * left open. */
bool chardevs_init(ChardevSet *s, const MachineConfig *cfg, char *err, size_t errlen);
void chardevs_destroy(ChardevSet *s);
/* Serial port i's backend (QEMU's serial_hd(i)); NULL for none (-serial none, or a port the
 * command line did not give). */
Chardev *chardevs_serial(const ChardevSet *s, int i);
/* The host console's backend (stdio), created if no option made one: for devices that are
 * always on the console (a virtio console).  NULL if out of memory. */
Chardev *chardevs_console(ChardevSet *s);
/* Every backend's input to its front ends (the machine's poll, device lock held). */
void chardevs_poll(ChardevSet *s);

#endif

/*
 * core/device.h — the one interface every device has (and the CPUs and the boot loader
 * too): a name, reset, save, load, destroy.  The machine keeps its devices in a list in
 * the order they were added, so machine reset is one loop over it and so is a saved
 * state (a later snapshot is another).
 *
 * A device embeds a Device (anywhere in its struct; container_of-style casts get back)
 * and registers it with device_add.  Saved state is a versioned, little-endian byte stream
 * (core/state.h): save writes everything the guest could observe or that later behaviour
 * depends on; load reads the same fields (of that version) and rebuilds derived state
 * (interrupt line levels, armed timers), and returns false on a malformed stream without
 * leaving the device half-loaded in a way that crashes the host.  Save and load run with
 * the machine stopped (no vCPU running).
 */
#ifndef CORE_DEVICE_H
#define CORE_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/state.h"

struct Machine;
typedef struct Device Device;

typedef struct DeviceOps {
    const char *type;            /* "ns16550a", "plic", "riscv-cpu", ... */
    uint32_t version;            /* of the state save() writes */
    /* Optional: back to the state the device has at power-on. */
    void (*reset)(Device *d);
    /* Optional (a device with no state saves nothing). */
    void (*save)(Device *d, StateWriter *w);
    /* Read what save() wrote (of state version `version`, <= ops->version); false if the
     * stream is malformed.  Required when save is set. */
    bool (*load)(Device *d, StateReader *r, uint32_t version);
    /* Optional: free what the device owns (called once, at machine destruction, in the
     * reverse order of device_add). */
    void (*destroy)(Device *d);
} DeviceOps;

#define DEVICE_NAME_MAX 32

struct Device {
    const DeviceOps *ops;
    char name[DEVICE_NAME_MAX];  /* unique in the machine: "serial0", "cpu1", "virtio@10008000" */
    Device *next;
};

/* Add d to the machine's device list (at the end). */
void device_add(struct Machine *m, Device *d, const DeviceOps *ops, const char *name);

/* Every device's reset, in list order. */
void machine_reset_devices(struct Machine *m);
/* Every device's destroy, in reverse list order; the list is empty afterwards. */
void machine_destroy_devices(struct Machine *m);

/*
 * The state of every device, in list order: a header ("QWDS", format version, device
 * count) and one record per device (name, type, state version, payload length, payload).
 * Load checks that the stream names the same devices in the same order and refuses a
 * newer state version than the device knows; on any mismatch it returns false with a
 * one-line reason in err.
 */
bool machine_save_devices(struct Machine *m, StateWriter *w);
bool machine_load_devices(struct Machine *m, const void *buf, size_t len, char *err,
                          size_t errlen);

#endif

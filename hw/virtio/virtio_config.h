/*
 * hw/virtio/virtio_config.h — build the virtio devices the command line asks for
 * (MachineConfig.virtio[], from -drive/-device/-virtfs), for any board with virtio slots.
 */
#ifndef HW_VIRTIO_VIRTIO_CONFIG_H
#define HW_VIRTIO_VIRTIO_CONFIG_H

#include "hw/virtio/virtio.h"

/*
 * Create device number i of cfg->virtio[] (a virtio console goes on the host console's
 * character backend, shared with whatever else is there: core/chardev.h).  On error
 * returns NULL with a one-line message in QEMU's style ("-drive file=x: Could not open
 * 'x': No such file or directory") in err.
 */
VirtioDevice *virtio_create_from_config(Machine *m, const MachineConfig *cfg, int i,
                                        char *err, size_t errlen);

struct VirtioMmio;
/* Every device of the command line into a board's virtio-mmio slots (slots[0 .. n-1], in
 * address order) as QEMU's virt boards fill them: the first device into the highest slot,
 * which the device tree lists first, so a guest probes it first (one -drive is /dev/vda).
 * Extra devices beyond n are the options parser's error already. */
bool virtio_mmio_attach_config(Machine *m, struct VirtioMmio *slots, int n, char *err,
                               size_t errlen);

#endif

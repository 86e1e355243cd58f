/*
 * hw/virtio/virtio_console.h — virtio console (virtio 1.2, section 5.3) with one port,
 * the guest's hvc0, on the host's console (stdio, shared with the serial port).
 *
 * -device virtio-serial-device creates it; -device virtconsole names its port (accepted,
 * as in QEMU, after a virtio-serial-device).  Output always goes to stdout.  Input goes
 * to the serial port until the guest first writes to hvc0 (e.g. -append console=hvc0),
 * then to hvc0; with -serial none it goes to hvc0 from the start.
 */
#ifndef HW_VIRTIO_VIRTIO_CONSOLE_H
#define HW_VIRTIO_VIRTIO_CONSOLE_H

#include "hw/virtio/virtio.h"

VirtioDevice *virtio_console_create(Machine *m, bool owns_input);

/* Does console input belong to this device now (rather than to the serial port)? */
bool virtio_console_owns_input(VirtioDevice *vdev);

#endif

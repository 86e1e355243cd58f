/*
 * hw/virtio/virtio_console.h — virtio console (virtio 1.2, section 5.3) with one port,
 * the guest's hvc0, on the host's console (stdio, shared with the serial port).
 *
 * -device virtio-serial-device creates it; -device virtconsole names its port (accepted,
 * as in QEMU, after a virtio-serial-device).  It is a front end of a character backend
 * (core/chardev.h), the host console's: output goes there, and it claims the console's
 * input once the guest first writes to hvc0 (e.g. -append console=hvc0); until then input
 * goes to the backend's first front end (the serial port, if that is on the console too).
 */
#ifndef HW_VIRTIO_VIRTIO_CONSOLE_H
#define HW_VIRTIO_VIRTIO_CONSOLE_H

#include "core/chardev.h"
#include "hw/virtio/virtio.h"

/* A virtio console on backend chr (NULL: none); NULL if out of memory or chr has no room
 * for another front end. */
VirtioDevice *virtio_console_create(Machine *m, Chardev *chr);

#endif

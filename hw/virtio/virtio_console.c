/*
 * hw/virtio/virtio_console.c — virtio console, single port (no VIRTIO_CONSOLE_F_MULTIPORT):
 * queue 0 receives (host -> guest), queue 1 transmits (guest -> host).  The config space
 * holds cols, rows, max_nr_ports and emerg_wr (VIRTIO_CONSOLE_F_EMERG_WRITE: a byte written
 * there is printed at once, e.g. by early console code).
 */
#include "hw/virtio/virtio_console.h"

#include <stdlib.h>
#include <string.h>

#define VIRTIO_CONSOLE_F_EMERG_WRITE 2
#define CFG_EMERG_WR 8
#define CFG_LEN 12
#define QUEUE_SIZE 128
#define RXQ 0
#define TXQ 1

typedef struct VirtioConsole {
    VirtioDevice vdev;
    CharFrontend chr;
    bool rx_held;        /* rx_elem is a receive buffer taken from the ring, not yet filled */
    VirtqElem *rx_elem;
} VirtioConsole;

static void console_output(VirtioConsole *c, const uint8_t *buf, size_t len)
{
    if (len) {
        chardev_fe_write(&c->chr, buf, len);
        chardev_fe_claim_input(&c->chr); /* the guest uses hvc0: give it the keyboard */
    }
}

static void console_notify(VirtioDevice *vdev, unsigned q)
{
    VirtioConsole *c = (VirtioConsole *)vdev;
    if (q != TXQ) {
        return; /* new receive buffers: taken by the next poll */
    }
    bool any = false;
    while (virtio_pop(vdev, q)) {
        VirtqElem *e = vdev->elem;
        for (unsigned i = 0; i < e->nout; i++) {
            console_output(c, e->seg[i].host, e->seg[i].len);
        }
        virtio_push(vdev, q, e, 0);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, q);
    }
}

/* Console input: room in the next receive buffer (taken from the ring and held until
 * bytes arrive); 0 while the driver has given none. */
static size_t console_can_receive(void *opaque)
{
    VirtioConsole *c = opaque;
    VirtioDevice *vdev = &c->vdev;
    if (!virtio_queue_usable(vdev, RXQ)) {
        return 0;
    }
    if (!c->rx_held) {
        const char *why = NULL;
        int r = virtq_pop(&vdev->vq[RXQ], &vdev->machine->as, c->rx_elem, &why);
        if (r < 0) {
            virtio_error(vdev, "receive queue: %s", why);
            return 0;
        }
        if (r == 0) {
            return 0;
        }
        c->rx_held = true;
    }
    return c->rx_elem->in_len;
}

static void console_receive(void *opaque, const uint8_t *buf, size_t len)
{
    VirtioConsole *c = opaque;
    if (!c->rx_held || len == 0) {
        return;
    }
    virtq_elem_from_buf(c->rx_elem, 0, buf, len);
    c->rx_held = false;
    virtio_push(&c->vdev, RXQ, c->rx_elem, (uint32_t)len);
    virtio_notify(&c->vdev, RXQ);
}

static const CharFrontendOps console_chr_ops = {console_can_receive, console_receive};

static void console_config_written(VirtioDevice *vdev, uint32_t offset, unsigned size)
{
    if (offset <= CFG_EMERG_WR && offset + size > CFG_EMERG_WR) {
        console_output((VirtioConsole *)vdev, &vdev->config[CFG_EMERG_WR], 1);
    }
    memset(vdev->config + CFG_EMERG_WR, 0, 4);
}

static void console_reset(VirtioDevice *vdev)
{
    ((VirtioConsole *)vdev)->rx_held = false;
}

static void console_destroy(VirtioDevice *vdev)
{
    VirtioConsole *c = (VirtioConsole *)vdev;
    free(c->rx_elem);
    virtio_device_cleanup(vdev);
    free(c);
}

static void console_save(VirtioDevice *vdev, StateWriter *w);
static bool console_load(VirtioDevice *vdev, StateReader *r);

static const VirtioDeviceOps console_ops = {
    .notify = console_notify,
    .reset = console_reset,
    .config_written = console_config_written,
    .destroy = console_destroy,
    .save = console_save,
    .load = console_load,
};

VirtioDevice *virtio_console_create(Machine *m, Chardev *chr)
{
    VirtioConsole *c = calloc(1, sizeof(*c));
    if (c) {
        c->rx_elem = malloc(sizeof(*c->rx_elem));
    }
    if (!c || !c->rx_elem ||
        !virtio_device_init(&c->vdev, &console_ops, "virtio-console", m, VIRTIO_ID_CONSOLE,
                            1ull << VIRTIO_CONSOLE_F_EMERG_WRITE, 2, QUEUE_SIZE, CFG_LEN)) {
        if (c) {
            free(c->rx_elem);
            virtio_device_cleanup(&c->vdev);
        }
        free(c);
        return NULL;
    }
    if (!chardev_fe_init(&c->chr, chr, &console_chr_ops, c)) {
        console_destroy(&c->vdev);
        return NULL;
    }
    /* cols, rows: 0 (unknown); max_nr_ports: 1 (meaningful only with MULTIPORT) */
    virtio_config_put32(&c->vdev, 4, 1);
    return &c->vdev;
}

/* ---- saved state (after the common virtio part, which has the queues) ----
 * Whether input is hvc0's (it claimed its backend's input), and the receive buffer held
 * for input, if one is: it was taken from the ring (last_avail counts it), so it is saved
 * by its guest addresses. */
#define CONSOLE_STATE_VERSION 1

static void console_save(VirtioDevice *vdev, StateWriter *w)
{
    VirtioConsole *c = (VirtioConsole *)vdev;
    sw_u32(w, CONSOLE_STATE_VERSION);
    sw_bool(w, chardev_fe_claimed(&c->chr));
    sw_bool(w, c->rx_held);
    if (c->rx_held) {
        virtq_elem_save(c->rx_elem, w);
    }
}

static bool console_load(VirtioDevice *vdev, StateReader *r)
{
    VirtioConsole *c = (VirtioConsole *)vdev;
    uint32_t version = sr_u32(r);
    if (!r->failed && version != CONSOLE_STATE_VERSION) {
        sr_failf(r, "virtio-console: state version %u is not supported (this build: %u)",
                 version, CONSOLE_STATE_VERSION);
    }
    bool owns = sr_bool(r), held = sr_bool(r);
    if (r->failed ||
        (held && !virtq_elem_load(&vdev->vq[RXQ], &vdev->machine->as, c->rx_elem, r))) {
        c->rx_held = false; /* rx_elem may be half loaded: never use it */
        sr_fail(r);
        return false;
    }
    if (owns) {
        chardev_fe_claim_input(&c->chr);
    } else {
        chardev_fe_release_input(&c->chr);
    }
    c->rx_held = held;
    return true;
}

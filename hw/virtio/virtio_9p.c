/*
 * hw/virtio/virtio_9p.c — the virtio-9p device: one request queue; each chain carries one
 * 9P message in its device-readable part and gets the reply in its device-writable part.
 * Config space: u16 tag_len, then the mount tag (VIRTIO_9P_MOUNT_TAG).  The message is
 * gathered into a buffer, handled by p9_server_handle() and scattered back; requests are
 * served in ring order, one at a time (hw/fs/p9.h relies on that).
 */
#include "hw/virtio/virtio_9p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VIRTIO_9P_MOUNT_TAG 0
#define QUEUE_SIZE 128
#define MIN_REPLY 11        /* an Rlerror: size[4] type[1] tag[2] ecode[4] */
#define BUF_SIZE (P9_MAX_MSIZE + 4096)

#define STATE_VERSION 1   /* of what p9_save writes after the common virtio state */

typedef struct Virtio9p {
    VirtioDevice vdev;
    P9Server *server;
    uint8_t *req, *resp;  /* BUF_SIZE each: scratch for one request, nothing kept */
} Virtio9p;

static void p9_notify(VirtioDevice *vdev, unsigned q)
{
    Virtio9p *d = (Virtio9p *)vdev;
    bool any = false;
    while (virtio_pop(vdev, q)) {
        VirtqElem *e = vdev->elem;
        if (e->out_len < 7 || e->out_len > BUF_SIZE || e->in_len < MIN_REPLY) {
            virtio_error(vdev, "9P request of %llu bytes with %llu bytes for the reply",
                         (unsigned long long)e->out_len, (unsigned long long)e->in_len);
            return;
        }
        size_t req_len = virtq_elem_to_buf(e, 0, d->req, (size_t)e->out_len);
        size_t cap = e->in_len < BUF_SIZE ? (size_t)e->in_len : BUF_SIZE;
        size_t n = p9_server_handle(d->server, d->req, req_len, d->resp, cap);
        if (n > cap) {
            n = cap;
        }
        virtq_elem_from_buf(e, 0, d->resp, n);
        virtio_push(vdev, q, e, (uint32_t)n);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, q);
    }
}

static void p9_reset(VirtioDevice *vdev)
{
    Virtio9p *d = (Virtio9p *)vdev;
    if (d->server) {
        p9_server_reset(d->server);
    }
}

static void p9_destroy(VirtioDevice *vdev)
{
    Virtio9p *d = (Virtio9p *)vdev;
    if (d->server) {
        p9_server_destroy(d->server);
    }
    free(d->req);
    free(d->resp);
    virtio_device_cleanup(vdev);
    free(d);
}

/* Requests complete synchronously in p9_notify: between two notifications the device
 * holds no chain, only the server's fids. */
static void p9_save(VirtioDevice *vdev, StateWriter *w)
{
    Virtio9p *d = (Virtio9p *)vdev;
    sw_u32(w, STATE_VERSION);
    p9_server_save(d->server, w);
}

static bool p9_load(VirtioDevice *vdev, StateReader *r)
{
    Virtio9p *d = (Virtio9p *)vdev;
    uint32_t version = sr_u32(r);
    if (r->failed) {
        return false;
    }
    if (version == 0 || version > STATE_VERSION) {
        sr_failf(r, "virtio-9p: state version %u is not supported (this build: %u)", version,
                 STATE_VERSION);
        return false;
    }
    /* the common part checked the config space: this share has the state's mount tag */
    return p9_server_load(d->server, r);
}

static const VirtioDeviceOps p9_ops = {
    .notify = p9_notify,
    .reset = p9_reset,
    .destroy = p9_destroy,
    .save = p9_save,
    .load = p9_load,
};

VirtioDevice *virtio_9p_create(Machine *m, const P9Config *cfg, char *err, size_t errlen)
{
    size_t tag_len = strlen(cfg->mount_tag);
    if (tag_len == 0 || tag_len > VIRTIO_CONFIG_MAX - 2) {
        snprintf(err, errlen, "mount_tag '%s' must be 1 to %d bytes long", cfg->mount_tag,
                 VIRTIO_CONFIG_MAX - 2);
        return NULL;
    }
    Virtio9p *d = calloc(1, sizeof(*d));
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    d->req = malloc(BUF_SIZE);
    d->resp = malloc(BUF_SIZE);
    if (!d->req || !d->resp ||
        !virtio_device_init(&d->vdev, &p9_ops, "virtio-9p", m, VIRTIO_ID_9P,
                            1ull << VIRTIO_9P_MOUNT_TAG, 1, QUEUE_SIZE,
                            (uint32_t)(2 + tag_len))) {
        snprintf(err, errlen, "out of memory");
        p9_destroy(&d->vdev);
        return NULL;
    }
    d->server = p9_server_create(cfg, err, errlen);
    if (!d->server) {
        p9_destroy(&d->vdev);
        return NULL;
    }
    virtio_config_put16(&d->vdev, 0, (uint16_t)tag_len);
    memcpy(d->vdev.config + 2, cfg->mount_tag, tag_len);
    return &d->vdev;
}

/*
 * hw/virtio/virtio_config.c — MachineConfig.virtio[i] -> a device with its backend.
 */
#include "hw/virtio/virtio_config.h"
#include "hw/virtio/virtio_mmio.h"

#include <stdio.h>
#include <string.h>

#include "hw/block/block.h"
#include "hw/virtio/virtio_9p.h"
#include "hw/virtio/virtio_blk.h"
#include "hw/virtio/virtio_console.h"
#include "hw/virtio/virtio_rng.h"

static VirtioDevice *create_blk(Machine *m, const DriveConfig *d, char *err, size_t errlen)
{
    BlockConfig bc = {
        .file = d->file,
        .readonly = d->readonly,
        .snapshot = d->snapshot,
        .cache = (BlockCacheMode)d->cache,
        .format = d->format,
    };
    char why[512];
    BlockBackend *bb = blk_open(&bc, why, sizeof(why));
    if (!bb) {
        snprintf(err, errlen, "-drive %s: %s", d->opt, why);
        return NULL;
    }
    VirtioDevice *v = virtio_blk_create(m, bb);
    if (!v) {
        snprintf(err, errlen, "-drive %s: out of memory", d->opt);
    }
    return v;
}

static VirtioDevice *create_9p(Machine *m, const MachineConfig *cfg, const VirtioDevConfig *vc,
                               char *err, size_t errlen)
{
    const FsdevConfig *f = &cfg->fsdevs[vc->fsdev];
    P9Config pc = {
        .root = f->path,
        .mount_tag = vc->mount_tag,
        .security_model = (P9SecurityModel)f->security_model,
        .readonly = f->readonly,
    };
    char why[512];
    VirtioDevice *v = virtio_9p_create(m, &pc, why, sizeof(why));
    if (!v) {
        /* The server names the option generically ("-virtfs: ..."); we have its text. */
        const char *msg = strncmp(why, "-virtfs: ", 9) == 0 ? why + 9 : why;
        snprintf(err, errlen, "%s: %s", f->opt, msg);
    }
    return v;
}

VirtioDevice *virtio_create_from_config(Machine *m, const MachineConfig *cfg, int i,
                                        char *err, size_t errlen)
{
    const VirtioDevConfig *vc = &cfg->virtio[i];
    VirtioDevice *v = NULL;
    switch (vc->kind) {
    case VIRTIO_DEV_BLK:
        return create_blk(m, &cfg->drives[vc->drive], err, errlen);
    case VIRTIO_DEV_9P:
        return create_9p(m, cfg, vc, err, errlen);
    case VIRTIO_DEV_RNG:
        v = virtio_rng_create(m);
        break;
    case VIRTIO_DEV_CONSOLE:
        v = virtio_console_create(m, machine_console_chardev(m)); /* hvc0 on the console */
        break;
    }
    if (!v) {
        snprintf(err, errlen, "%s: out of memory", vc->opt);
    }
    return v;
}

bool virtio_mmio_attach_config(Machine *m, VirtioMmio *slots, int n, char *err, size_t errlen)
{
    const MachineConfig *cfg = m->cfg;
    for (int i = 0; i < cfg->nvirtio && i < n; i++) {
        VirtioDevice *d = virtio_create_from_config(m, cfg, i, err, errlen);
        if (!d) {
            return false;
        }
        virtio_mmio_attach(&slots[n - 1 - i], d);
    }
    return true;
}

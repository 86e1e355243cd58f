/*
 * core/device.c — the machine's device list: reset, destroy, save and load loops.
 */
#include "core/device.h"

#include <stdio.h>
#include <string.h>

#include "core/machine.h"

#define DEVICES_MAGIC 0x53445751u /* "QWDS" little-endian */
#define DEVICES_FORMAT 1

void device_add(Machine *m, Device *d, const DeviceOps *ops, const char *name)
{
    d->ops = ops;
    snprintf(d->name, sizeof(d->name), "%s", name);
    d->next = NULL;
    Device **p = &m->devices;
    while (*p) {
        p = &(*p)->next;
    }
    *p = d;
}

void machine_reset_devices(Machine *m)
{
    for (Device *d = m->devices; d; d = d->next) {
        if (d->ops->reset) {
            d->ops->reset(d);
        }
    }
}

static void destroy_from(Device *d)
{
    if (!d) {
        return;
    }
    destroy_from(d->next); /* reverse order: later devices may use earlier ones */
    if (d->ops->destroy) {
        d->ops->destroy(d);
    }
}

void machine_destroy_devices(Machine *m)
{
    Device *list = m->devices;
    m->devices = NULL;
    destroy_from(list);
}

bool machine_save_devices(Machine *m, StateWriter *w)
{
    uint32_t n = 0;
    for (Device *d = m->devices; d; d = d->next) {
        n++;
    }
    sw_u32(w, DEVICES_MAGIC);
    sw_u32(w, DEVICES_FORMAT);
    sw_u32(w, n);
    for (Device *d = m->devices; d; d = d->next) {
        sw_str(w, d->name);
        sw_str(w, d->ops->type);
        sw_u32(w, d->ops->save ? d->ops->version : 0);
        size_t len_at = w->len;
        sw_u32(w, 0); /* payload length, patched below */
        size_t start = w->len;
        if (d->ops->save) {
            d->ops->save(d, w);
        }
        if (!w->failed) {
            uint32_t len = (uint32_t)(w->len - start);
            for (int i = 0; i < 4; i++) {
                w->buf[len_at + (size_t)i] = (uint8_t)(len >> (8 * i));
            }
        }
    }
    return !w->failed;
}

bool machine_load_devices(Machine *m, const void *buf, size_t len, char *err, size_t errlen)
{
    StateReader r;
    sr_init(&r, buf, len);
    uint32_t magic = sr_u32(&r), format = sr_u32(&r), n = sr_u32(&r);
    if (r.failed || magic != DEVICES_MAGIC) {
        snprintf(err, errlen, "not a qemu-wasm device state");
        return false;
    }
    if (format != DEVICES_FORMAT) {
        snprintf(err, errlen, "device state format %u is not supported (this build: %u)",
                 format, DEVICES_FORMAT);
        return false;
    }
    uint32_t have = 0;
    for (Device *d = m->devices; d; d = d->next) {
        have++;
    }
    if (n != have) {
        snprintf(err, errlen, "the state has %u devices, this machine %u", n, have);
        return false;
    }
    for (Device *d = m->devices; d; d = d->next) {
        char name[DEVICE_NAME_MAX], type[64];
        sr_str(&r, name, sizeof(name));
        sr_str(&r, type, sizeof(type));
        uint32_t version = sr_u32(&r), plen = sr_u32(&r);
        if (r.failed || plen > r.len - r.pos) {
            snprintf(err, errlen, "device state truncated at '%s'", d->name);
            return false;
        }
        if (strcmp(name, d->name) != 0 || strcmp(type, d->ops->type) != 0) {
            snprintf(err, errlen, "the state has device '%s' (%s) where this machine has '%s' "
                     "(%s)", name, type, d->name, d->ops->type);
            return false;
        }
        StateReader sub;
        sr_init(&sub, r.buf + r.pos, plen);
        r.pos += plen;
        if (!d->ops->save) {
            if (plen != 0) {
                snprintf(err, errlen, "device '%s': unexpected state", d->name);
                return false;
            }
            continue;
        }
        if (version > d->ops->version) {
            snprintf(err, errlen, "device '%s': state version %u is newer than this build's "
                     "(%u)", d->name, version, d->ops->version);
            return false;
        }
        if (!d->ops->load(d, &sub, version) || !sr_done(&sub)) {
            snprintf(err, errlen, "device '%s': %s", d->name,
                     sub.why[0] ? sub.why : "malformed state");
            return false;
        }
    }
    if (r.pos != r.len) {
        snprintf(err, errlen, "device state has trailing bytes");
        return false;
    }
    return true;
}

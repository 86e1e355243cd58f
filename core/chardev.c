/*
 * core/chardev.c — character backends (null, stdio, file) and the routing of their input
 * to one front end.  See core/chardev.h.
 */
#include "core/chardev.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/host.h"

/* ---- backends ---------------------------------------------------------------------- */

static void null_write(Chardev *c, const void *buf, size_t len)
{
    (void)c, (void)buf, (void)len;
}

static const ChardevOps null_ops = {.driver = "null", .write = null_write};

static void stdio_write(Chardev *c, const void *buf, size_t len)
{
    (void)c;
    host_console_write(buf, len);
}

static size_t stdio_read(Chardev *c, void *buf, size_t len)
{
    (void)c;
    return host_console_read(buf, len);
}

/* The Ctrl-A escapes of mon:stdio are the launcher's (cli/qemu-wasm.js), before the bytes
 * reach host_console_read: stdio and mon:stdio are the same backend here. */
static const ChardevOps stdio_ops = {.driver = "stdio", .write = stdio_write,
                                     .read = stdio_read};

/* Written through at once (a console's last lines must be in the file even if the process
 * is killed), with the positioned writes that are cheap in both builds. */
static void file_write(Chardev *c, const void *buf, size_t len)
{
    if (c->fd >= 0 && len && host_file_pwrite(c->fd, buf, len, c->pos) == 0) {
        c->pos += len;
    }
}

static void file_close(Chardev *c)
{
    if (c->fd >= 0) {
        host_file_close(c->fd);
        c->fd = -1;
    }
}

static const ChardevOps file_ops = {.driver = "file", .write = file_write,
                                    .close = file_close};

/* ---- a backend and its front ends ---------------------------------------------------- */

Chardev *chardev_new(const char *id, const ChardevOps *ops, void *opaque)
{
    Chardev *c = calloc(1, sizeof(*c));
    if (!c) {
        return NULL;
    }
    c->ops = ops;
    c->opaque = opaque;
    c->fd = -1;
    c->focus = -1;
    snprintf(c->id, sizeof(c->id), "%s", id ? id : "");
    return c;
}

Chardev *chardev_open(const ChardevConfig *cc, char *err, size_t errlen)
{
    static const ChardevOps *const ops[] = {
        [CHARDEV_NULL] = &null_ops, [CHARDEV_STDIO] = &stdio_ops, [CHARDEV_FILE] = &file_ops,
    };
    Chardev *c = chardev_new(cc->id, ops[cc->backend], NULL);
    if (!c) {
        snprintf(err, errlen, "%s %s: out of memory", cc->opt, cc->arg);
        return NULL;
    }
    if (cc->backend == CHARDEV_FILE) {
        char why[256];
        int fd = host_file_create(cc->path, cc->append, why, sizeof(why));
        if (fd < 0) {
            snprintf(err, errlen, "%s %s: Could not open '%s': %s", cc->opt, cc->arg,
                     cc->path, why);
            free(c);
            return NULL;
        }
        c->fd = fd;
        int64_t len = cc->append ? host_file_length(fd) : 0;
        c->pos = len > 0 ? (uint64_t)len : 0;
    }
    return c;
}

void chardev_free(Chardev *c)
{
    if (c) {
        if (c->ops->close) {
            c->ops->close(c);
        }
        free(c);
    }
}

void chardev_write(Chardev *c, const void *buf, size_t len)
{
    c->ops->write(c, buf, len);
}

CharFrontend *chardev_receiver(Chardev *c)
{
    if (c->nfe == 0) {
        return NULL;
    }
    return c->fe[c->focus >= 0 ? c->focus : 0];
}

void chardev_poll(Chardev *c)
{
    CharFrontend *fe = chardev_receiver(c);
    if (!c->ops->read || !fe || !fe->ops) {
        return; /* nobody to take input: it stays with the host */
    }
    size_t room = fe->ops->can_receive(fe->opaque);
    uint8_t buf[512];
    if (room > sizeof(buf)) {
        room = sizeof(buf);
    }
    if (room == 0) {
        return;
    }
    size_t n = c->ops->read(c, buf, room);
    if (n) {
        fe->ops->receive(fe->opaque, buf, n);
    }
}

bool chardev_fe_init(CharFrontend *fe, Chardev *chr, const CharFrontendOps *ops,
                     void *opaque)
{
    fe->chr = NULL;
    fe->ops = ops;
    fe->opaque = opaque;
    if (!chr) {
        return true;
    }
    if (chr->nfe >= CHARDEV_MAX_FRONTENDS) {
        return false;
    }
    chr->fe[chr->nfe++] = fe;
    fe->chr = chr;
    return true;
}

void chardev_fe_write(CharFrontend *fe, const void *buf, size_t len)
{
    if (fe->chr && len) {
        chardev_write(fe->chr, buf, len);
    }
}

void chardev_fe_claim_input(CharFrontend *fe)
{
    Chardev *c = fe->chr;
    if (!c) {
        return;
    }
    for (int i = 0; i < c->nfe; i++) {
        if (c->fe[i] == fe) {
            c->focus = i;
        }
    }
}

bool chardev_fe_claimed(const CharFrontend *fe)
{
    const Chardev *c = fe->chr;
    return c && c->focus >= 0 && c->fe[c->focus] == fe;
}

void chardev_fe_release_input(CharFrontend *fe)
{
    if (chardev_fe_claimed(fe)) {
        fe->chr->focus = -1;
    }
}

/* ---- a machine's backends ------------------------------------------------------------ */

bool chardevs_init(ChardevSet *s, const MachineConfig *cfg, char *err, size_t errlen)
{
    memset(s, 0, sizeof(*s));
    for (int i = 0; i < cfg->nchardevs; i++) {
        Chardev *c = chardev_open(&cfg->chardevs[i], err, errlen);
        if (!c) {
            chardevs_destroy(s);
            return false;
        }
        s->devs[s->ndevs++] = c;
    }
    for (int i = 0; i < cfg->nserial && i < CONFIG_MAX_SERIAL; i++) {
        int k = cfg->serial[i];
        s->serial[i] = k >= 0 && k < s->ndevs ? s->devs[k] : NULL;
    }
    return true;
}

void chardevs_destroy(ChardevSet *s)
{
    for (int i = s->ndevs - 1; i >= 0; i--) {
        chardev_free(s->devs[i]);
    }
    memset(s, 0, sizeof(*s));
}

Chardev *chardevs_serial(const ChardevSet *s, int i)
{
    return i >= 0 && i < CONFIG_MAX_SERIAL ? s->serial[i] : NULL;
}

Chardev *chardevs_console(ChardevSet *s)
{
    for (int i = 0; i < s->ndevs; i++) {
        if (s->devs[i]->ops == &stdio_ops) {
            return s->devs[i];
        }
    }
    if (s->ndevs >= (int)(sizeof(s->devs) / sizeof(s->devs[0]))) {
        return NULL;
    }
    Chardev *c = chardev_new("console", &stdio_ops, NULL);
    if (c) {
        s->devs[s->ndevs++] = c;
    }
    return c;
}

void chardevs_poll(ChardevSet *s)
{
    for (int i = 0; i < s->ndevs; i++) {
        chardev_poll(s->devs[i]);
    }
}

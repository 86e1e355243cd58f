/*
 * hw/fs/p9_fid.c — the fid table: the guest's handles, hashed by number.
 *
 * The table grows with the number of fids (Linux with cache=loose keeps a fid per cached
 * dentry) up to P9_MAX_FIDS.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hw/fs/p9_int.h"

#define INITIAL_BUCKETS 256u
/* what a fid costs besides its path, charged with the path (held_path) */
#define FID_COST (sizeof(P9Fid) + 32u)

static size_t bucket_of(const P9FidTable *t, uint32_t id)
{
    return (size_t)((id * 2654435761u) & (uint32_t)(t->nbuckets - 1));
}

int p9_fids_init(P9FidTable *t)
{
    t->buckets = calloc(INITIAL_BUCKETS, sizeof(*t->buckets));
    t->nbuckets = INITIAL_BUCKETS;
    t->count = 0;
    return t->buckets ? 0 : -1;
}

void p9_fids_fini(P9FidTable *t)
{
    p9_fids_clear(t);
    free(t->buckets);
    t->buckets = NULL;
}

bool p9_fid_charge(P9FidTable *t, P9Fid *f, size_t n)
{
    if (n > P9_MAX_HELD - t->held) {
        return false;
    }
    t->held += n;
    f->held_state += n;
    return true;
}

bool p9_fid_path_fits(const P9FidTable *t, const P9Fid *f, const char *path)
{
    return strlen(path) + 1 + FID_COST <= P9_MAX_HELD - (t->held - f->held_path);
}

int p9_fid_set_path(P9FidTable *t, P9Fid *f, char *path)
{
    size_t n = strlen(path) + 1 + FID_COST;
    if (!p9_fid_path_fits(t, f, path)) {
        free(path);
        return -ENOMEM;
    }
    t->held = t->held - f->held_path + n;
    f->held_path = n;
    free(f->path);
    f->path = path;
    return 0;
}

void p9_fid_reset_state(P9FidTable *t, P9Fid *f)
{
    t->held -= f->held_state;
    f->held_state = 0;
    if (f->fd >= 0) {
        host_fs_close(f->fd);
        f->fd = -1;
    }
    for (size_t i = 0; i < f->nents; i++) {
        free(f->ents[i].name);
    }
    free(f->ents);
    f->ents = NULL;
    f->nents = 0;
    f->have_snapshot = false;
    free(f->xbuf);
    free(f->xname);
    f->xbuf = NULL;
    f->xname = NULL;
    f->xlen = f->xfilled = 0;
    f->xflags = 0;
    f->kind = P9_FID_PATH;
}

static void destroy(P9FidTable *t, P9Fid *f)
{
    p9_fid_reset_state(t, f);
    t->held -= f->held_path;
    free(f->path);
    free(f);
}

void p9_fids_clear(P9FidTable *t)
{
    for (size_t b = 0; b < t->nbuckets; b++) {
        P9Fid *f = t->buckets[b];
        while (f) {
            P9Fid *next = f->next;
            destroy(t, f);
            f = next;
        }
        t->buckets[b] = NULL;
    }
    t->count = 0;
    t->held = 0;
}

P9Fid *p9_fid_get(P9FidTable *t, uint32_t id)
{
    for (P9Fid *f = t->buckets[bucket_of(t, id)]; f; f = f->next) {
        if (f->id == id) {
            return f;
        }
    }
    return NULL;
}

/* Double the buckets when the chains get long (best effort: stays usable on failure). */
static void maybe_grow(P9FidTable *t)
{
    if (t->count < t->nbuckets * 2) {
        return;
    }
    size_t n = t->nbuckets * 2;
    P9Fid **nb = calloc(n, sizeof(*nb));
    if (!nb) {
        return;
    }
    P9Fid **old = t->buckets;
    size_t oldn = t->nbuckets;
    t->buckets = nb;
    t->nbuckets = n;
    for (size_t b = 0; b < oldn; b++) {
        P9Fid *f = old[b];
        while (f) {
            P9Fid *next = f->next;
            size_t i = bucket_of(t, f->id);
            f->next = nb[i];
            nb[i] = f;
            f = next;
        }
    }
    free(old);
}

P9Fid *p9_fid_new(P9FidTable *t, uint32_t id, const char *path, uint32_t uid)
{
    if (id == P9_NOFID || t->count >= P9_MAX_FIDS || p9_fid_get(t, id)) {
        return NULL;
    }
    size_t n = strlen(path) + 1 + FID_COST;
    if (n > P9_MAX_HELD - t->held) {
        return NULL;
    }
    P9Fid *f = calloc(1, sizeof(*f));
    char *p = strdup(path);
    if (!f || !p) {
        free(f);
        free(p);
        return NULL;
    }
    t->held += n;
    f->held_path = n;
    f->id = id;
    f->path = p;
    f->uid = uid;
    f->fd = -1;
    f->kind = P9_FID_PATH;
    maybe_grow(t);
    size_t b = bucket_of(t, id);
    f->next = t->buckets[b];
    t->buckets[b] = f;
    t->count++;
    return f;
}

void p9_fid_free(P9FidTable *t, P9Fid *f)
{
    for (P9Fid **pp = &t->buckets[bucket_of(t, f->id)]; *pp; pp = &(*pp)->next) {
        if (*pp == f) {
            *pp = f->next;
            t->count--;
            destroy(t, f);
            return;
        }
    }
}

void p9_fid_foreach(P9FidTable *t, void (*fn)(P9Fid *f, void *ctx), void *ctx)
{
    for (size_t b = 0; b < t->nbuckets; b++) {
        for (P9Fid *f = t->buckets[b]; f; f = f->next) {
            fn(f, ctx);
        }
    }
}

/*
 * hw/fs/p9_path.c — which host object a guest name means (the confinement rules, shared by
 * both builds).
 *
 * A fid holds a guest path: validated components from the share's root, never "." or
 * "..", never containing '/' (walks resolve ".." lexically; the root's ".." is the root).
 * Every request re-resolves its path from the root handle, one component at a time, with
 * host_fs_dir_open(), which never follows a symlink: a symlink anywhere but in the last
 * position fails the request (-ELOOP/-ENOTDIR), and operations on the last component
 * act on the entry itself.  So no guest name reaches outside the root, whatever symlinks
 * the host or the guest made, and a guest rename only changes which in-share object a
 * path means (fids below a renamed directory follow it: p9_paths_renamed).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hw/fs/p9_int.h"

/* Host errno -> the Linux number the guest expects. */
int p9_linux_errno(int neg_host_errno)
{
    static const struct {
        int host, linux_no;
    } map[] = {
        {EPERM, 1}, {ENOENT, 2}, {ESRCH, 3}, {EINTR, 4}, {EIO, 5}, {ENXIO, 6}, {E2BIG, 7},
        {EBADF, 9}, {EAGAIN, 11}, {ENOMEM, 12}, {EACCES, 13}, {EFAULT, 14}, {EBUSY, 16},
        {EEXIST, 17}, {EXDEV, 18}, {ENODEV, 19}, {ENOTDIR, 20}, {EISDIR, 21}, {EINVAL, 22},
        {ENFILE, 23}, {EMFILE, 24}, {ENOTTY, 25}, {ETXTBSY, 26}, {EFBIG, 27}, {ENOSPC, 28},
        {ESPIPE, 29}, {EROFS, 30}, {EMLINK, 31}, {EPIPE, 32}, {ERANGE, 34},
        {ENAMETOOLONG, 36}, {ENOLCK, 37}, {ENOSYS, 38}, {ENOTEMPTY, 39}, {ELOOP, 40},
        {ENODATA, 61}, {EPROTO, 71}, {EBADMSG, 74}, {EOVERFLOW, 75}, {EMSGSIZE, 90},
        {EOPNOTSUPP, 95}, {ENOTSUP, 95}, {ESTALE, 116}, {EDQUOT, 122},
    };
    int e = -neg_host_errno;
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (map[i].host == e) {
            return map[i].linux_no;
        }
    }
    return 5; /* EIO */
}

int p9_name_copy(P9Str n, char *out)
{
    if (n.len == 0) {
        return -EINVAL;
    }
    if (n.len > P9_NAME_MAX) {
        return -ENAMETOOLONG;
    }
    if (memchr(n.s, '/', n.len) || memchr(n.s, '\0', n.len)) {
        return -EINVAL;
    }
    memcpy(out, n.s, n.len);
    out[n.len] = '\0';
    return 0;
}

bool p9_name_is_dot(const char *name)
{
    return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

bool p9_name_hidden(const P9Server *s, const char *name)
{
    return s->model == P9_SECURITY_MAPPED_FILE &&
           (strcmp(name, ".virtfs_metadata") == 0 || strcmp(name, ".virtfs_metadata_root") == 0);
}

char *p9_path_join(const char *parent, const char *name)
{
    size_t pl = strlen(parent), nl = strlen(name);
    if (pl + 1 + nl >= P9_PATH_MAX * 4) {
        return NULL; /* deeper than any host allows: refuse rather than grow forever */
    }
    char *p = malloc(pl + 1 + nl + 1);
    if (!p) {
        return NULL;
    }
    if (pl) {
        memcpy(p, parent, pl);
        p[pl++] = '/';
    }
    memcpy(p + pl, name, nl + 1);
    return p;
}

char *p9_path_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t len = slash ? (size_t)(slash - path) : 0;
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, path, len);
        p[len] = '\0';
    }
    return p;
}

/* Open the directories named by the first `len` bytes of path (components separated by
 * '/'), starting at the root. */
static int open_prefix(P9Server *s, const char *path, size_t len, HostFsDir **out)
{
    HostFsDir *cur = s->root;
    size_t i = 0;
    char comp[P9_NAME_MAX + 1];
    while (i < len) {
        const char *end = memchr(path + i, '/', len - i);
        size_t n = end ? (size_t)(end - (path + i)) : len - i;
        if (n == 0 || n > P9_NAME_MAX) {
            p9_dir_put(s, cur);
            return -EINVAL; /* cannot happen: paths are built from validated names */
        }
        memcpy(comp, path + i, n);
        comp[n] = '\0';
        HostFsDir *next;
        int r = host_fs_dir_open(cur, comp, &next);
        p9_dir_put(s, cur);
        if (r < 0) {
            return r;
        }
        cur = next;
        i += n + 1;
    }
    *out = cur;
    return 0;
}

int p9_resolve(P9Server *s, const char *path, HostFsDir **dir, const char **name)
{
    if (!*path) {
        *dir = s->root;
        *name = NULL;
        return 0;
    }
    const char *slash = strrchr(path, '/');
    size_t plen = slash ? (size_t)(slash - path) : 0;
    *name = slash ? slash + 1 : path;
    return open_prefix(s, path, plen, dir);
}

int p9_open_dir(P9Server *s, const char *path, HostFsDir **dir)
{
    return open_prefix(s, path, strlen(path), dir);
}

void p9_dir_put(P9Server *s, HostFsDir *d)
{
    if (d && d != s->root) {
        host_fs_dir_close(d);
    }
}

typedef struct RenameCtx {
    P9FidTable *fids;
    const char *oldpath, *newpath;
    size_t oldlen;
} RenameCtx;

static void rename_one(P9Fid *f, void *opaque)
{
    RenameCtx *c = opaque;
    if (strncmp(f->path, c->oldpath, c->oldlen) != 0 ||
        (f->path[c->oldlen] != '\0' && f->path[c->oldlen] != '/')) {
        return;
    }
    size_t nl = strlen(c->newpath), rest = strlen(f->path + c->oldlen);
    char *np = malloc(nl + rest + 1);
    if (!np) {
        return; /* the fid keeps its old path: it fails later with ENOENT, never escapes */
    }
    memcpy(np, c->newpath, nl);
    memcpy(np + nl, f->path + c->oldlen, rest + 1);
    p9_fid_set_path(c->fids, f, np); /* over budget: likewise */
}

void p9_paths_renamed(P9Server *s, const char *oldpath, const char *newpath)
{
    RenameCtx c = {&s->fids, oldpath, newpath, strlen(oldpath)};
    if (c.oldlen) {
        p9_fid_foreach(&s->fids, rename_one, &c);
    }
}

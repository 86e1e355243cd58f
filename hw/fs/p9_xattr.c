/*
 * hw/fs/p9_xattr.c — which extended attributes the guest may see and set, per security
 * model (QEMU's local driver's rules):
 *
 *  user.*                   passed through, except that mapped-xattr keeps its own
 *                           user.virtfs.* out of reach (get/remove: ENODATA, set: EACCES).
 *  system.posix_acl_access  passthrough, mapped-file: the host file's ACL.
 *  system.posix_acl_default mapped-xattr: kept in user.virtfs.system.posix_acl_* (an ACL
 *                           must not change who may access the *host* file).
 *                           none: not available (get: ENOTSUP), setting it is ignored.
 *  anything else            EOPNOTSUPP, and not listed: security.* and trusted.* would
 *                           let a guest root set file capabilities or labels on the host.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/fs/p9_int.h"

#define VIRTFS_PREFIX "user.virtfs."
#define ACL_ACCESS "system.posix_acl_access"
#define ACL_DEFAULT "system.posix_acl_default"

typedef enum { NS_USER, NS_ACL, NS_OTHER } XattrNs;

static XattrNs classify(const char *xname)
{
    if (strncmp(xname, "user.", 5) == 0) {
        return NS_USER;
    }
    if (strcmp(xname, ACL_ACCESS) == 0 || strcmp(xname, ACL_DEFAULT) == 0) {
        return NS_ACL;
    }
    return NS_OTHER;
}

static bool is_private(const P9Server *s, const char *xname)
{
    return s->model == P9_SECURITY_MAPPED_XATTR &&
           strncmp(xname, VIRTFS_PREFIX, strlen(VIRTFS_PREFIX)) == 0;
}

/* The host attribute behind a guest ACL name in mapped-xattr. */
static void mapped_acl(const char *xname, char *out, size_t cap)
{
    snprintf(out, cap, VIRTFS_PREFIX "%s", xname);
}

int64_t p9_xattr_get(P9Server *s, HostFsDir *d, const char *name, const char *xname,
                     void *buf, size_t cap)
{
    char host[P9_NAME_MAX + 16];
    switch (classify(xname)) {
    case NS_USER:
        return is_private(s, xname) ? -ENODATA : host_fs_getxattr(d, name, xname, buf, cap);
    case NS_ACL:
        if (s->model == P9_SECURITY_NONE) {
            return -ENOTSUP;
        }
        if (s->model == P9_SECURITY_MAPPED_XATTR) {
            mapped_acl(xname, host, sizeof(host));
            return host_fs_getxattr(d, name, host, buf, cap);
        }
        return host_fs_getxattr(d, name, xname, buf, cap);
    default:
        return -EOPNOTSUPP;
    }
}

int p9_xattr_set(P9Server *s, HostFsDir *d, const char *name, const char *xname,
                 const void *val, size_t len, int flags)
{
    char host[P9_NAME_MAX + 16];
    switch (classify(xname)) {
    case NS_USER:
        return is_private(s, xname) ? -EACCES
                                    : host_fs_setxattr(d, name, xname, val, len, flags);
    case NS_ACL:
        if (s->model == P9_SECURITY_NONE) {
            return 0;
        }
        if (s->model == P9_SECURITY_MAPPED_XATTR) {
            mapped_acl(xname, host, sizeof(host));
            return host_fs_setxattr(d, name, host, val, len, flags);
        }
        return host_fs_setxattr(d, name, xname, val, len, flags);
    default:
        return -EOPNOTSUPP;
    }
}

int p9_xattr_remove(P9Server *s, HostFsDir *d, const char *name, const char *xname)
{
    char host[P9_NAME_MAX + 16];
    switch (classify(xname)) {
    case NS_USER:
        return is_private(s, xname) ? -ENODATA : host_fs_removexattr(d, name, xname);
    case NS_ACL:
        if (s->model == P9_SECURITY_NONE) {
            return 0;
        }
        if (s->model == P9_SECURITY_MAPPED_XATTR) {
            mapped_acl(xname, host, sizeof(host));
            return host_fs_removexattr(d, name, host);
        }
        return host_fs_removexattr(d, name, xname);
    default:
        return -EOPNOTSUPP;
    }
}

/* The guest's name for a host attribute, or NULL if the guest does not see it. */
static const char *guest_name(const P9Server *s, const char *host)
{
    switch (classify(host)) {
    case NS_USER:
        if (!is_private(s, host)) {
            return host;
        }
        host += strlen(VIRTFS_PREFIX); /* mapped-xattr: its stored ACLs show as ACLs */
        return classify(host) == NS_ACL ? host : NULL;
    case NS_ACL:
        return s->model == P9_SECURITY_PASSTHROUGH || s->model == P9_SECURITY_MAPPED_FILE
                   ? host
                   : NULL;
    default:
        return NULL;
    }
}

int64_t p9_xattr_list(P9Server *s, HostFsDir *d, const char *name, char *buf, size_t cap)
{
    int64_t n = host_fs_listxattr(d, name, NULL, 0);
    if (n <= 0) {
        return n;
    }
    char *all = malloc((size_t)n + 1);
    if (!all) {
        return -ENOMEM;
    }
    n = host_fs_listxattr(d, name, all, (size_t)n); /* -ERANGE if it grew meanwhile */
    if (n < 0) {
        free(all);
        return n;
    }
    all[n] = '\0'; /* the last name is NUL-terminated already; this guards a bad host */
    size_t out = 0;
    for (size_t i = 0; i < (size_t)n;) {
        size_t len = strlen(all + i) + 1;
        const char *g = guest_name(s, all + i);
        if (g) {
            size_t glen = strlen(g) + 1;
            if (cap && out + glen > cap) {
                free(all);
                return -ERANGE;
            }
            if (cap) {
                memcpy(buf + out, g, glen);
            }
            out += glen;
        }
        i += len;
    }
    free(all);
    return (int64_t)out;
}

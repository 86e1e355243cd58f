/*
 * hw/fs/p9_int.h — the 9P server's internals, shared by hw/fs/p9*.c (not for devices:
 * they use hw/fs/p9.h).
 *
 * Errors inside the server are negative errno values of the host C library; they become
 * Linux numbers only when the Rlerror is written (p9_linux_errno), because emscripten's
 * errno numbering is not Linux's.
 */
#ifndef HW_FS_P9_INT_H
#define HW_FS_P9_INT_H

#include "core/host_fs.h"
#include "hw/fs/p9.h"
#include "hw/fs/p9_msg.h"

#define P9_NOFID 0xffffffffu
#define P9_NAME_MAX 255u
#define P9_PATH_MAX 4096u        /* guest-visible paths and symlink targets */
#define P9_XATTR_SIZE_MAX 65536u /* Linux's XATTR_SIZE_MAX */
#define P9_MAX_FIDS (1u << 20)   /* bounds the memory a guest can make us hold: */
#define P9_MAX_HELD (64u << 20)  /* ... and so does this: bytes of fids, paths, readdir
                                  * snapshots and xattr buffers, all fids together (the Wasm
                                  * build aborts when malloc fails: stay far from that) */
#define P9_MIN_MSIZE 4096u

typedef enum {
    P9_FID_PATH,        /* names a file; not open */
    P9_FID_FILE,        /* lopen'd/lcreate'd non-directory: fd */
    P9_FID_DIR,         /* lopen'd directory: readdir snapshot */
    P9_FID_XATTR_READ,  /* from Txattrwalk: xbuf holds the value or the name list */
    P9_FID_XATTR_WRITE, /* from Txattrcreate: the value arrives by Twrite, set at clunk */
} P9FidKind;

typedef struct P9DirEntry {
    char *name;
    uint64_t ino;
    uint32_t type; /* S_IFMT bits, 0 if unknown */
} P9DirEntry;

typedef struct P9Fid {
    uint32_t id;
    struct P9Fid *next; /* hash chain */
    char *path;         /* from the root: "" or "a/b/c" of validated components */
    uint32_t uid;       /* the attaching user (n_uname): owner of what this fid creates */
    P9FidKind kind;
    int fd;             /* P9_FID_FILE: host fd, else -1 */
    unsigned open_flags;/* P9_FID_FILE: the HOSTFS_O_* it was opened with, minus TRUNC
                         * (a loaded state reopens the file so) */
    P9DirEntry *ents;   /* P9_FID_DIR: snapshot taken at readdir offset 0 */
    size_t nents;
    bool have_snapshot;
    uint8_t *xbuf;      /* xattr fids */
    size_t xlen, xfilled;
    char *xname;
    int xflags;
    size_t held_path, held_state; /* bytes charged to the table (P9_MAX_HELD): the fid
                                   * itself and its path; its snapshot or xattr buffer */
} P9Fid;

typedef struct P9FidTable {
    P9Fid **buckets;
    size_t nbuckets, count;
    size_t held; /* sum of the fids' held_path + held_state */
} P9FidTable;

struct P9Server {
    P9SecurityModel model;
    bool readonly;
    char *root_path;
    char *mount_tag;
    HostFsDir *root;
    uint32_t msize;
    P9FidTable fids;
};

typedef struct P9Server P9Server;

/* ---- p9_fid.c ---- */
int p9_fids_init(P9FidTable *t);
void p9_fids_fini(P9FidTable *t);
void p9_fids_clear(P9FidTable *t);
P9Fid *p9_fid_get(P9FidTable *t, uint32_t id);
/* NULL if id is NOFID, in use, or the table is full. path is copied. */
P9Fid *p9_fid_new(P9FidTable *t, uint32_t id, const char *path, uint32_t uid);
/* Close what the fid holds (fd, snapshot, xattr buffer) and make it P9_FID_PATH again. */
void p9_fid_reset_state(P9FidTable *t, P9Fid *f);
/* Give the fid a new path (taking ownership of the malloc'd string); -ENOMEM (and the
 * string freed, the fid unchanged) when that would exceed P9_MAX_HELD. */
int p9_fid_set_path(P9FidTable *t, P9Fid *f, char *path);
bool p9_fid_path_fits(const P9FidTable *t, const P9Fid *f, const char *path);
/* Account n more bytes of state (snapshot, xattr buffer) to f; false if over budget. */
bool p9_fid_charge(P9FidTable *t, P9Fid *f, size_t n);
void p9_fid_free(P9FidTable *t, P9Fid *f);
void p9_fid_foreach(P9FidTable *t, void (*fn)(P9Fid *f, void *ctx), void *ctx);

/* ---- p9_path.c: guest names and paths -> host directory handles ---- */
int p9_linux_errno(int neg_host_errno);
/* Copy a guest name component into out[P9_NAME_MAX + 1]: -EINVAL for empty, '/' or NUL,
 * -ENAMETOOLONG past 255 bytes.  "." and ".." pass (callers decide). */
int p9_name_copy(P9Str n, char *out);
bool p9_name_is_dot(const char *name); /* "." or ".." */
/* Names the guest must never see or create (mapped-file metadata). */
bool p9_name_hidden(const P9Server *s, const char *name);
/* malloc'd "parent/name" ("name" at the root); NULL if too long or out of memory. */
char *p9_path_join(const char *parent, const char *name);
/* malloc'd parent of path ("" for a top-level name and for the root itself). */
char *p9_path_parent(const char *path);
/* The directory holding path's last component, and that component (NULL for the root,
 * where *dir is the root itself).  *name points into path. */
int p9_resolve(P9Server *s, const char *path, HostFsDir **dir, const char **name);
/* path itself as a directory handle. */
int p9_open_dir(P9Server *s, const char *path, HostFsDir **dir);
/* Release a handle from p9_resolve/p9_open_dir (the root handle stays open). */
void p9_dir_put(P9Server *s, HostFsDir *d);
/* After a rename: every fid at or below oldpath now names the same object under newpath. */
void p9_paths_renamed(P9Server *s, const char *oldpath, const char *newpath);

/* ---- p9_cred.c: the security models ---- */
enum { P9_CRED_UID = 1, P9_CRED_GID = 2, P9_CRED_MODE = 4, P9_CRED_RDEV = 8 };
typedef struct P9Cred {
    unsigned mask;
    uint32_t uid, gid, mode;
    uint64_t rdev;
} P9Cred;
bool p9_model_mapped(const P9Server *s);
/* The guest's view of (d, name)'s metadata: mapped models override uid/gid/mode/rdev. */
void p9_cred_apply(P9Server *s, HostFsDir *d, const char *name, HostFsStat *st);
/* Record the guest's uid/gid/mode/rdev (mapped models only). */
int p9_cred_store(P9Server *s, HostFsDir *d, const char *name, const P9Cred *c);
/* Bookkeeping after the host entry was removed / renamed / hard-linked (mapped-file). */
void p9_cred_forget(P9Server *s, HostFsDir *d, const char *name);
void p9_cred_rename(P9Server *s, HostFsDir *od, const char *on, HostFsDir *nd, const char *nn);
void p9_cred_link(P9Server *s, HostFsDir *od, const char *on, HostFsDir *nd, const char *nn);
/* Create a new entry as the guest asked, in the server's model.  mode has the S_IFMT
 * bits (S_IFREG, S_IFDIR, S_IFLNK with target, or a device/fifo/socket with rdev).  For
 * S_IFREG, *fd_out (if not NULL) receives the open fd (open_flags) instead of closing it. */
int p9_create(P9Server *s, HostFsDir *d, const char *name, uint32_t mode, uint32_t uid,
              uint32_t gid, uint64_t rdev, const char *target, unsigned open_flags,
              int *fd_out);
/* setattr's chmod and chown in the server's model (stat: the entry's current guest view). */
int p9_cred_chmod(P9Server *s, HostFsDir *d, const char *name, const HostFsStat *st,
                  uint32_t mode);
int p9_cred_chown(P9Server *s, HostFsDir *d, const char *name, uint32_t uid, uint32_t gid);
/* readlink in the server's model; returns the length. */
int p9_readlink(P9Server *s, HostFsDir *d, const char *name, char *buf, size_t cap);
/* Guest xattr access in the server's model (hides user.virtfs.* in mapped-xattr). */
int64_t p9_xattr_get(P9Server *s, HostFsDir *d, const char *name, const char *xname,
                     void *buf, size_t cap);
int64_t p9_xattr_list(P9Server *s, HostFsDir *d, const char *name, char *buf, size_t cap);
int p9_xattr_set(P9Server *s, HostFsDir *d, const char *name, const char *xname,
                 const void *val, size_t len, int flags);
int p9_xattr_remove(P9Server *s, HostFsDir *d, const char *name, const char *xname);

/* ---- p9.c / p9_ops.c / p9_file.c: request handlers ---- */
typedef int (*P9Handler)(P9Server *s, P9Reader *r, P9Writer *w);
void p9_qid_from_stat(const HostFsStat *st, P9Qid *q);
/* lstat (d, name) with the model's view applied. */
int p9_stat(P9Server *s, HostFsDir *d, const char *name, HostFsStat *st);
int p9_stat_path(P9Server *s, const char *path, HostFsStat *st);

/* Open (d, name) as lopen does: only a regular host file (never a symlink, device node or
 * FIFO, even one swapped in between the checks).  Returns the fd or a negative errno. */
int p9_open_regular(HostFsDir *d, const char *name, unsigned flags);

int p9_op_lopen(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_lcreate(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_read(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_write(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_readdir(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_fsync(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_lock(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_getlock(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_xattrwalk(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_xattrcreate(P9Server *s, P9Reader *r, P9Writer *w);
/* Finish an xattr-write fid at clunk time (sets or removes the attribute). */
int p9_xattr_commit(P9Server *s, P9Fid *f);

int p9_op_mkdir(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_symlink(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_mknod(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_readlink(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_link(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_rename(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_renameat(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_unlinkat(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_remove(P9Server *s, P9Reader *r, P9Writer *w);
int p9_op_setattr(P9Server *s, P9Reader *r, P9Writer *w);

#endif

/*
 * test/p9_e2e/p9fd.c — runs inside a Linux guest (cross-compiled, static): serves ROOT
 * with hw/fs/p9*.c over a socketpair and mounts it at MNT with the kernel's own 9p client
 * (trans=fd), so the server meets the real v9fs.  See run.sh.
 *
 * usage: p9fd ROOT passthrough|none|mapped-xattr|mapped-file MNT MOUNT_OPTIONS [ro]
 * Set P9TRACE=1 for a line per request on stderr.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hw/fs/p9.h"

static int read_all(int fd, void *buf, size_t n)
{
    for (size_t got = 0; got < n;) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r <= 0) {
            return -1;
        }
        got += (size_t)r;
    }
    return 0;
}

static int write_all(int fd, const void *buf, size_t n)
{
    for (size_t done = 0; done < n;) {
        ssize_t r = write(fd, (const char *)buf + done, n - done);
        if (r <= 0) {
            return -1;
        }
        done += (size_t)r;
    }
    return 0;
}

static void serve(P9Server *s, int fd)
{
    uint8_t *req = malloc(P9_MAX_MSIZE), *resp = malloc(P9_MAX_MSIZE);
    bool trace = getenv("P9TRACE") != NULL;
    while (req && resp && read_all(fd, req, 4) == 0) {
        uint32_t size = req[0] | req[1] << 8 | req[2] << 16 | (uint32_t)req[3] << 24;
        if (size < 4 || size > P9_MAX_MSIZE || read_all(fd, req + 4, size - 4) != 0) {
            break;
        }
        size_t n = p9_server_handle(s, req, size, resp, P9_MAX_MSIZE);
        if (trace) {
            fprintf(stderr, "p9fd: T%u (%u bytes) -> R%u (%zu bytes)%s%u\n", req[4], size, resp[4],
                    n, resp[4] == 7 ? " errno " : "", resp[4] == 7 ? resp[7] : 0u);
        }
        if (write_all(fd, resp, n) != 0) {
            break;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: p9fd ROOT MODEL MNT MOUNT_OPTIONS [ro]\n");
        return 2;
    }
    static const struct {
        const char *name;
        P9SecurityModel model;
    } models[] = {{"passthrough", P9_SECURITY_PASSTHROUGH}, {"none", P9_SECURITY_NONE},
                  {"mapped-xattr", P9_SECURITY_MAPPED_XATTR},
                  {"mapped-file", P9_SECURITY_MAPPED_FILE}};
    P9Config cfg = {.root = argv[1], .mount_tag = "share", .readonly = argc > 5};
    size_t i = 0;
    while (i < 4 && strcmp(argv[2], models[i].name) != 0) {
        i++;
    }
    if (i == 4) {
        fprintf(stderr, "p9fd: unknown model %s\n", argv[2]);
        return 2;
    }
    cfg.security_model = models[i].model;
    char err[256];
    P9Server *s = p9_server_create(&cfg, err, sizeof(err));
    if (!s) {
        fprintf(stderr, "p9fd: %s\n", err);
        return 1;
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
        perror("p9fd: socketpair");
        return 1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        serve(s, sv[1]); /* until the kernel drops the connection (umount) */
        _exit(0);
    }
    close(sv[1]);
    char opts[512];
    snprintf(opts, sizeof(opts), "trans=fd,rfdno=%d,wfdno=%d,version=9p2000.L,%s", sv[0], sv[0],
             argv[4]);
    if (mount("share", argv[3], "9p", 0, opts) != 0) {
        perror("p9fd: mount");
        kill(pid, SIGKILL);
        return 1;
    }
    return 0;
}

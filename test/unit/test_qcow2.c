/*
 * test/unit/test_qcow2.c — hw/block/qcow2.c against images made by QEMU's own qemu-img
 * (Debian's qemu-utils): read through a backing file, write partial and whole clusters
 * (new L2 tables, new refcount blocks with 512-byte clusters), then `qemu-img check` must
 * find the image clean and `qemu-img convert` must give exactly the bytes we expect.
 * Fails when qemu-img is missing (scripts/setup.sh installs qemu-utils).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hw/block/block.h"
#include "test/unit/test.h"

#define SIZE (4u << 20)

static char dir[] = "/tmp/qemu-wasm-qcow2-XXXXXX";
static uint8_t *expect;

static int sh(const char *fmt, const char *a, const char *b)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), fmt, a, b);
    return system(cmd);
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(data, 1, len, f) == len);
    if (f) {
        fclose(f);
    }
}

static bool same_as_expect(const char *raw)
{
    FILE *f = fopen(raw, "rb");
    uint8_t *got = malloc(SIZE);
    bool ok = f && got && fread(got, 1, SIZE, f) == SIZE && memcmp(got, expect, SIZE) == 0;
    if (f) {
        fclose(f);
    }
    free(got);
    return ok;
}

/* Writes a test pattern through the backend and into `expect`. */
static void do_writes(BlockBackend *bb)
{
    static uint8_t buf[300000];
    struct {
        uint64_t off;
        size_t len;
    } w[] = {
        {0, 512}, {700, 100}, {65536 - 10, 20}, {1 << 20, sizeof(buf)}, {SIZE - 512, 512},
        {3000000, 70000}, {700, 5000},
    };
    for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
        for (size_t k = 0; k < w[i].len; k++) {
            buf[k] = (uint8_t)(i * 37 + k * 7 + 1);
        }
        CHECK_EQ_U64(blk_write(bb, w[i].off, buf, w[i].len), 0);
        memcpy(expect + w[i].off, buf, w[i].len);
    }
}

static void roundtrip(const char *create_opts)
{
    char base[256], img[256], out[256];
    snprintf(base, sizeof(base), "%s/base.raw", dir);
    snprintf(img, sizeof(img), "%s/img.qcow2", dir);
    snprintf(out, sizeof(out), "%s/out.raw", dir);
    for (uint32_t i = 0; i < SIZE; i++) {
        expect[i] = (uint8_t)(i * 13 + (i >> 12));
    }
    write_file(base, expect, SIZE);
    CHECK(sh("qemu-img create -q -f qcow2 -b base.raw -F raw %s %s 4M", create_opts, img) == 0);

    char err[512];
    BlockConfig bc = {.file = img}; /* format probed */
    BlockBackend *bb = blk_open(&bc, err, sizeof(err));
    CHECK(bb != NULL);
    if (!bb) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK_EQ_U64(bb->length, SIZE);
    uint8_t *got = malloc(SIZE);
    CHECK_EQ_U64(blk_read(bb, 0, got, SIZE), 0);
    CHECK(memcmp(got, expect, SIZE) == 0); /* all from the backing file */
    do_writes(bb);
    CHECK_EQ_U64(blk_flush(bb), 0);
    CHECK_EQ_U64(blk_read(bb, 0, got, SIZE), 0);
    CHECK(memcmp(got, expect, SIZE) == 0);
    blk_close(bb);
    free(got);

    CHECK(sh("qemu-img check -q %s%s", img, "") == 0);
    CHECK(sh("qemu-img convert -O raw %s %s", img, out) == 0);
    CHECK(same_as_expect(out));

    /* reopen: the data is in the image, and a second round of writes in place */
    bb = blk_open(&bc, err, sizeof(err));
    CHECK(bb != NULL);
    if (bb) {
        do_writes(bb);
        blk_close(bb);
    }
    CHECK(sh("qemu-img check -q %s%s", img, "") == 0);
    CHECK(sh("qemu-img convert -O raw %s %s", img, out) == 0);
    CHECK(same_as_expect(out));

    /* snapshot=on: the guest's writes stay in memory */
    unlink(out);
    CHECK(sh("cp %s %s", img, out) == 0);
    BlockConfig snap = {.file = img, .format = "qcow2", .snapshot = true};
    bb = blk_open(&snap, err, sizeof(err));
    CHECK(bb != NULL);
    if (bb) {
        uint8_t z[4096] = {0};
        CHECK_EQ_U64(blk_write(bb, 8192, z, sizeof(z)), 0);
        blk_close(bb);
    }
    CHECK(sh("cmp -s %s %s", img, out) == 0);
    unlink(img);
    unlink(out);
    unlink(base);
}

TEST(qcow2_v3_64k)
{
    roundtrip("");
}

TEST(qcow2_v3_small_clusters)
{
    roundtrip("-o cluster_size=512"); /* many L2 tables and refcount blocks */
}

TEST(qcow2_v2)
{
    roundtrip("-o compat=0.10,cluster_size=4096");
}

TEST(qcow2_refusals)
{
    char img[256], err[512];
    snprintf(img, sizeof(img), "%s/snap.qcow2", dir);
    CHECK(sh("qemu-img create -q -f qcow2 %s 1M%s", img, "") == 0);
    CHECK(sh("qemu-img snapshot -c s1 %s%s", img, "") == 0);
    BlockConfig bc = {.file = img};
    CHECK(blk_open(&bc, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "internal snapshots") != NULL);
    bc.readonly = true;
    BlockBackend *bb = blk_open(&bc, err, sizeof(err));
    CHECK(bb != NULL);
    blk_close(bb);
    unlink(img);
}

int main(void)
{
    if (system("qemu-img --version >/dev/null 2>&1") != 0) {
        /* scripts/setup.sh installs it: a missing reference is a failure, not a skip */
        printf("FAIL: qemu-img is not installed (apt-get install qemu-utils)\n");
        return 1;
    }
    if (!mkdtemp(dir) || chdir(dir) != 0) {
        perror(dir);
        return 1;
    }
    expect = malloc(SIZE);
    RUN(qcow2_v3_64k);
    RUN(qcow2_v3_small_clusters);
    RUN(qcow2_v2);
    RUN(qcow2_refusals);
    free(expect);
    rmdir(dir);
    return test_summary();
}

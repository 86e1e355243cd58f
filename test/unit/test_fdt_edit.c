/*
 * test/unit/test_fdt_edit.c — editing a user-supplied device tree (-dtb): /chosen gets
 * -append and -initrd, everything else is kept, and malformed input is refused without
 * ever being read out of bounds (run under ASan in development).
 */
#include <stdlib.h>
#include <string.h>

#include "hw/fdt.h"
#include "hw/fdt_edit.h"
#include "hw/riscv/virt_fdt.h"
#include "test/unit/test.h"

static uint8_t *virt_tree(const char *bootargs, size_t *len)
{
    VirtFdtConfig c = {0};
    c.ram_base = VIRT_DRAM_BASE;
    c.ram_size = 256u << 20;
    c.nharts = 2;
    c.isa = "rv64imafdc";
    c.bootargs = bootargs;
    uint8_t *blob = NULL;
    if (virt_build_fdt(&c, &blob, len) != 0) {
        return NULL;
    }
    return blob;
}

static int contains(const uint8_t *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle) + 1; /* with the NUL: whole property values */
    for (size_t i = 0; i + k <= n; i++) {
        if (memcmp(hay + i, needle, k) == 0) {
            return 1;
        }
    }
    return 0;
}

TEST(replaces_bootargs_and_adds_initrd)
{
    size_t len, out_len;
    uint8_t *in = virt_tree("console=old", &len), *out = NULL;
    CHECK(in != NULL);
    FdtChosen ch = {"console=new quiet", 0x84000000u, 0x84100000u};
    CHECK_EQ_U64(fdt_rewrite_chosen(in, len, &ch, &out, &out_len), 0);
    CHECK(contains(out, out_len, "console=new quiet"));
    CHECK(!contains(out, out_len, "console=old"));
    CHECK(contains(out, out_len, "linux,initrd-start"));
    CHECK(contains(out, out_len, "ns16550a")); /* the rest of the tree is kept */
    /* editing is stable: doing it again gives the same bytes */
    uint8_t *again = NULL;
    size_t again_len;
    CHECK_EQ_U64(fdt_rewrite_chosen(out, out_len, &ch, &again, &again_len), 0);
    CHECK_EQ_U64(again_len, out_len);
    CHECK(again && memcmp(again, out, out_len) == 0);
    /* no edits: the bootargs stay */
    uint8_t *same = NULL;
    size_t same_len;
    FdtChosen none = {NULL, 0, 0};
    CHECK_EQ_U64(fdt_rewrite_chosen(in, len, &none, &same, &same_len), 0);
    CHECK(contains(same, same_len, "console=old"));
    free(in);
    free(out);
    free(again);
    free(same);
}

TEST(malformed_input_is_refused)
{
    size_t len;
    uint8_t *in = virt_tree("x", &len);
    FdtChosen ch = {"y", 0, 0};
    uint8_t *out;
    size_t out_len;
    /* every truncation */
    for (size_t n = 0; n < len; n++) {
        uint8_t *cut = malloc(n ? n : 1);
        memcpy(cut, in, n);
        /* a truncated buffer whose header still claims the full size must fail */
        out = NULL;
        int rc = fdt_rewrite_chosen(cut, n, &ch, &out, &out_len);
        CHECK(rc < 0);
        free(out);
        free(cut);
    }
    /* random corruption: any result is fine, as long as nothing breaks */
    uint32_t seed = 12345;
    for (int i = 0; i < 3000; i++) {
        uint8_t *bad = malloc(len);
        memcpy(bad, in, len);
        for (int k = 0; k < 4; k++) {
            seed = seed * 1103515245u + 12345u;
            bad[(seed >> 8) % len] ^= (uint8_t)(1u << ((seed >> 4) & 7));
        }
        out = NULL;
        if (fdt_rewrite_chosen(bad, len, &ch, &out, &out_len) == 0) {
            CHECK(out_len > 0);
        }
        free(out);
        free(bad);
    }
    free(in);
}

int main(void)
{
    RUN(replaces_bootargs_and_adds_initrd);
    RUN(malformed_input_is_refused);
    return test_summary();
}

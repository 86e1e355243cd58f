/*
 * test/unit/test_boot_props.c — hw/boot.c's -M key=value parser: bool, string and enum
 * properties into a board's struct, and QEMU's messages for what is wrong.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "hw/boot.h"
#include "test.h"

typedef struct Props {
    bool acpi;
    char *dumpdtb;
    char *label;
    int gic;
} Props;

static const char *const gic_versions[] = {"2", "3", "max", NULL};

static const BootProp props[] = {
    {"acpi", BOOT_PROP_BOOL, offsetof(Props, acpi), NULL, NULL},
    {"dumpdtb", BOOT_PROP_STRING, offsetof(Props, dumpdtb), NULL, "a file name"},
    {"label", BOOT_PROP_STRING, offsetof(Props, label), NULL, NULL},
    {"gic-version", BOOT_PROP_ENUM, offsetof(Props, gic), gic_versions, NULL},
    {0},
};

static bool parse(Props *p, const char *opts, char *err, size_t errlen)
{
    return boot_parse_props("virt", props, opts, p, err, errlen);
}

TEST(values)
{
    Props p = {.gic = -1};
    char err[256] = "";
    CHECK(parse(&p, NULL, err, sizeof(err)));
    CHECK(parse(&p, "", err, sizeof(err)));
    CHECK(!p.acpi && !p.dumpdtb && p.gic == -1);
    CHECK(parse(&p, "acpi=on,dumpdtb=/tmp/a.dtb,gic-version=3,label=", err, sizeof(err)));
    CHECK(p.acpi);
    CHECK(p.dumpdtb && strcmp(p.dumpdtb, "/tmp/a.dtb") == 0);
    CHECK(p.label && p.label[0] == 0); /* an empty value where none is required */
    CHECK(p.gic == 1);
    /* QEMU's other spellings; the last one given wins */
    const char *off[] = {"acpi=off", "acpi=no", "acpi=false", "acpi=n"};
    const char *on[] = {"acpi=on", "acpi=yes", "acpi=true", "acpi=y"};
    for (int i = 0; i < 4; i++) {
        CHECK(parse(&p, off[i], err, sizeof(err)) && !p.acpi);
        CHECK(parse(&p, on[i], err, sizeof(err)) && p.acpi);
    }
    CHECK(parse(&p, "dumpdtb=x.dtb,dumpdtb=y.dtb,gic-version=max", err, sizeof(err)));
    CHECK(strcmp(p.dumpdtb, "y.dtb") == 0);
    CHECK(p.gic == 2);
    boot_free_props(props, &p);
    CHECK(p.dumpdtb == NULL && p.label == NULL);
}

TEST(errors)
{
    Props p = {0};
    char err[256];
    CHECK(!parse(&p, "bogus=1", err, sizeof(err)));
    CHECK(strcmp(err, "Property 'virt-machine.bogus' not found") == 0);
    CHECK(!parse(&p, "acpi=on,acpix=on", err, sizeof(err)));
    CHECK(strcmp(err, "Property 'virt-machine.acpix' not found") == 0);
    CHECK(!parse(&p, "acpi=maybe", err, sizeof(err)));
    CHECK(strcmp(err, "Parameter 'acpi' expects 'on' or 'off'") == 0);
    CHECK(!parse(&p, "acpi=", err, sizeof(err)));
    CHECK(strcmp(err, "Parameter 'acpi' expects 'on' or 'off'") == 0);
    CHECK(!parse(&p, "acpi", err, sizeof(err)));
    CHECK(strcmp(err, "-M virt,acpi: Expected '=' after parameter 'acpi'") == 0);
    CHECK(!parse(&p, "dumpdtb=", err, sizeof(err)));
    CHECK(strcmp(err, "-machine dumpdtb: a file name is required") == 0);
    CHECK(!parse(&p, "gic-version=4", err, sizeof(err)));
    CHECK(strcmp(err, "Parameter 'gic-version' does not accept value '4'") == 0);
    CHECK(!parse(&p, "gic-version=3x", err, sizeof(err)));
    CHECK(strcmp(err, "Parameter 'gic-version' does not accept value '3x'") == 0);
    boot_free_props(props, &p);
}

int main(void)
{
    RUN(values);
    RUN(errors);
    return test_summary();
}

/*
 * hw/boot.h — what runs at reset: firmware, kernel, initrd and device tree, put into guest
 * memory the way QEMU's boards do, and put back at every reset.  A board describes its
 * facts in a BootLayout (where RAM is, where its arch's kernels go, its default firmware)
 * and calls boot_load; the module reads the files the command line named (MachineConfig),
 * places them, builds (through the board's callback) or edits (-dtb) the device tree,
 * handles -M dumpdtb=FILE, and keeps a copy of every image in one "boot" device whose
 * reset writes them again (power-on and guest reset see the same memory).  The board's
 * own reset code (a boot ROM, a stub) goes in with boot_add_blob.
 *
 * Also here: the board's -M key=value properties (boot_parse_props), parsed from a table
 * with QEMU's messages.
 *
 * Messages are one line without the "qemu-wasm: " prefix, e.g.
 * "could not load kernel 'x.elf': ELF is for x86-64, not RISC-V".
 */
#ifndef HW_BOOT_H
#define HW_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/device.h"
#include "core/machine.h"
#include "hw/loader.h"

/* Where the initrd's distance is counted from (both: + min(RAM/2, initrd_max_offset)). */
typedef enum BootInitrdBase {
    BOOT_INITRD_FROM_KERNEL,     /* the kernel's entry (QEMU's riscv boards) */
    BOOT_INITRD_FROM_RAM,        /* the start of RAM (QEMU's arm boards) */
} BootInitrdBase;

/* A board's boot facts. */
typedef struct BootLayout {
    uint16_t elf_machine;        /* ELF_MACHINE_*: what -kernel / -bios ELF files must be */
    LinuxImageArch image;        /* the Image header its Linux kernels carry */
    uint64_t ram_base, ram_size; /* the RAM the images go into */
    /* Firmware: -bios FILE, or `firmware` from the MachineConfig's datadir (-L) when
     * there is no -bios; -bios none, or no default: none.  ELF at its addresses, else raw
     * at ram_base. */
    const char *firmware;        /* default file name (BoardInfo.firmware), or NULL */
    /* The kernel's slot: the first multiple of kernel_align at or above the end of the
     * firmware and of the first low_reserved bytes of RAM (the board's own stub).  ELF
     * kernels go at their addresses instead.  A riscv Image (and a raw file) goes at the
     * slot; an arm64 Image at slot + text_offset (0x80000 without one, as for a raw
     * file), as booting.rst asks (the slot must then be 2 MiB aligned). */
    uint64_t kernel_align;
    uint64_t low_reserved;
    /* The initrd: at its base + min(ram_size / 2, initrd_max_offset), page-aligned above
     * the kernel's end if that is higher. */
    BootInitrdBase initrd_base;
    uint64_t initrd_max_offset;
    /* The device tree: at the top of the first fdt_window bytes of RAM, fdt_headroom
     * bytes below it for the guest to grow it, rounded down to fdt_align. */
    uint64_t fdt_window;
    uint64_t fdt_align;
    uint64_t fdt_headroom;
    /* Instead: right after where the initrd goes (its end, or the slot it would take when
     * there is none), rounded up to fdt_align (QEMU's arm boards). */
    bool fdt_after_initrd;
} BootLayout;

typedef enum BootKernelKind {
    BOOT_KERNEL_NONE,
    BOOT_KERNEL_ELF,
    BOOT_KERNEL_IMAGE,           /* a Linux Image of the board's arch */
    BOOT_KERNEL_RAW,
} BootKernelKind;

/* Where everything went. */
typedef struct BootInfo {
    bool firmware;               /* a firmware image was loaded */
    uint64_t firmware_entry, firmware_end;
    BootKernelKind kernel;
    uint64_t kernel_entry;       /* with no -kernel: the slot one would go to (what a
                                    firmware hands over to, e.g. fw_dynamic's next_addr) */
    uint64_t kernel_start, kernel_end; /* loaded range; end includes an Image's bss */
    uint64_t start;              /* where the CPUs begin: the firmware, else the kernel */
    uint64_t initrd_start, initrd_end; /* both 0: no initrd */
    uint64_t fdt_addr;
    size_t fdt_len;
    bool dumped;                 /* -M dumpdtb: the tree was written, nothing runs
                                    (Machine.exit_after_init is set) */
} BootInfo;

/* The board's device tree for what was loaded (bootargs, initrd range from info): a
 * malloc'd blob in *dtb, or a negative FDT_ERR_* code. */
typedef int (*BootBuildFdt)(void *opaque, Machine *m, const BootInfo *info, uint8_t **dtb,
                            size_t *len);

typedef struct BootBlob BootBlob;

/* The boot device: embedded in the board's struct. */
typedef struct Boot {
    Device dev;                  /* "boot" */
    Machine *m;
    uint16_t elf_machine;
    BootBlob *blobs;             /* what reset writes again, in load order */
    int nblobs, cap;
} Boot;

/* Register the "boot" device (the position in the device list is the board's choice:
 * resets and saved state follow it).  Nothing is loaded yet. */
void boot_init(Boot *b, Machine *m, uint16_t elf_machine);

/*
 * Everything the command line asks for, in QEMU's order: firmware, kernel (-kernel),
 * initrd (-initrd), then the device tree: -dtb FILE with -append and the initrd written
 * into /chosen, else build(opaque, ...).  dumpdtb (the board's -M dumpdtb=FILE, or NULL)
 * writes the tree to that file instead of loading it and sets m->exit_after_init.
 * false + message on error.
 */
bool boot_load(Boot *b, const BootLayout *l, BootBuildFdt build, void *opaque,
               const char *dumpdtb, BootInfo *info, char *err, size_t errlen);

/* The steps of boot_load, for boards that need another order (info accumulates). */
bool boot_load_firmware(Boot *b, const BootLayout *l, BootInfo *info, char *err,
                        size_t errlen);
bool boot_load_kernel(Boot *b, const BootLayout *l, const char *path, BootInfo *info,
                      char *err, size_t errlen);
bool boot_load_initrd(Boot *b, const BootLayout *l, const char *path, BootInfo *info,
                      char *err, size_t errlen);
/* Place dtb (taken over: freed on error too) at the layout's device-tree address. */
bool boot_place_fdt(Boot *b, const BootLayout *l, uint8_t *dtb, size_t len, BootInfo *info,
                    char *err, size_t errlen);

/* A copy of data written at addr now and at every reset (a boot ROM).  false: out of
 * memory, or not all of [addr, addr+len) is RAM/ROM. */
bool boot_add_blob(Boot *b, uint64_t addr, const void *data, size_t len);

/*
 * -M NAME,key=value,...: a board's properties.  Each entry's value lives at `offset` in
 * the board's struct `dst`: BOOT_PROP_BOOL a bool (on/yes/true/y, off/no/false/n),
 * BOOT_PROP_STRING a char * (malloc'd; boot_free_props frees it), BOOT_PROP_ENUM an int
 * (the index of the value in `choices`).  Messages are QEMU's:
 *   "Property 'virt-machine.foo' not found", "Parameter 'x' expects 'on' or 'off'",
 *   "Parameter 'x' does not accept value 'y'", "-M virt,x: Expected '=' after parameter 'x'".
 */
typedef enum BootPropType { BOOT_PROP_BOOL, BOOT_PROP_STRING, BOOT_PROP_ENUM } BootPropType;

typedef struct BootProp {
    const char *name;            /* NULL ends the table */
    BootPropType type;
    size_t offset;
    const char *const *choices;  /* ENUM: NULL-terminated */
    const char *required;        /* STRING: what an empty value lacks ("a file name":
                                    "-machine dumpdtb: a file name is required"); NULL:
                                    an empty string is a value */
} BootProp;

bool boot_parse_props(const char *machine, const BootProp *props, const char *opts, void *dst,
                      char *err, size_t errlen);
void boot_free_props(const BootProp *props, void *dst);

#endif

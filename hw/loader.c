/*
 * hw/loader.c — ELF64 little-endian executables into guest physical memory.
 *
 * The file is untrusted: every header field is checked against the buffer before use,
 * all arithmetic on file values is overflow-checked, and nothing is written to guest
 * memory until every segment has been validated (a bad file leaves memory untouched).
 * As on QEMU, the parts of a segment that fall outside RAM/ROM are skipped (GNU ld's
 * -Ttext=ADDR puts the ELF headers in a segment just below ADDR); a segment with no byte
 * in RAM/ROM is an error.
 * Messages are the reason only ("ELF is for x86-64, not RISC-V"); the caller adds
 * the file name: "could not load kernel 'x.elf': <reason>".
 * Also: recognising a Linux Image header (linux_image_parse, at the end).
 */
#include "hw/loader.h"

#include <stdio.h>
#include <string.h>

/* ELF64 layout (System V gABI): offsets of the fields we use. */
#define EHDR_SIZE 64
#define EI_CLASS 4
#define EI_DATA 5
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define E_TYPE 16
#define E_MACHINE 18
#define E_ENTRY 24
#define E_PHOFF 32
#define E_PHENTSIZE 54
#define E_PHNUM 56
#define ET_REL 1
#define ET_EXEC 2
#define ET_DYN 3
#define ET_CORE 4
#define PN_XNUM 0xffff

#define PHDR_SIZE 56
#define P_TYPE 0
#define P_OFFSET 8
#define P_PADDR 24
#define P_FILESZ 32
#define P_MEMSZ 40
#define PT_LOAD 1

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static const char *machine_name(uint16_t m)
{
    switch (m) {
    case ELF_MACHINE_RISCV:
        return "RISC-V";
    case ELF_MACHINE_AARCH64:
        return "AArch64";
    case ELF_MACHINE_X86_64:
        return "x86-64";
    case 3:
        return "i386";
    case 40:
        return "ARM";
    case 8:
        return "MIPS";
    case 20:
        return "PowerPC";
    case 21:
        return "PowerPC64";
    case 22:
        return "S/390";
    case 258:
        return "LoongArch";
    default:
        return NULL;
    }
}

static const char *type_name(uint16_t t)
{
    switch (t) {
    case ET_REL:
        return "a relocatable object (.o), not an executable";
    case ET_CORE:
        return "a core dump, not an executable";
    default:
        return "not an executable";
    }
}

/* Visit the RAM/ROM visible in segment [paddr, paddr+memsz) (no wrap: checked by the
 * caller), whose first filesz bytes come from src: with copy, copy and zero-fill it.
 * Device windows and holes in it are skipped (a RAM block may be partly hidden by a
 * device of higher priority: only what the guest sees is written).  Returns the bytes
 * covered and their lowest and highest-plus-one addresses. */
static uint64_t segment_in_ram(AddressSpace *as, uint64_t paddr, uint64_t memsz,
                               const uint8_t *src, uint64_t filesz, bool copy,
                               uint64_t *lo, uint64_t *hi)
{
    uint64_t last = paddr + memsz - 1, covered = 0;
    MemSection s;
    for (uint64_t p = paddr; as_next_section(as, p, &s) && s.start <= last; p = s.last + 1) {
        uint64_t a = s.start > p ? s.start : p;
        uint64_t b = s.last < last ? s.last : last; /* [a, b] */
        if (s.mr->ram) {
            if (copy) {
                uint8_t *dst = s.mr->ram + mem_section_offset(&s, a);
                uint64_t seg_off = a - paddr, n = b - a + 1;
                uint64_t from_file = seg_off < filesz ? filesz - seg_off : 0;
                if (from_file > n) {
                    from_file = n;
                }
                memcpy(dst, src + seg_off, (size_t)from_file);
                memset(dst + from_file, 0, (size_t)(n - from_file));
            }
            if (covered == 0 || a < *lo) {
                *lo = a;
            }
            if (covered == 0 || b + 1 > *hi) {
                *hi = b + 1;
            }
            covered += b - a + 1;
        }
        if (s.last >= last) {
            break; /* also keeps p = s.last + 1 from wrapping */
        }
    }
    return covered;
}

bool is_elf(const uint8_t *data, size_t len)
{
    return len >= 4 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
}

bool load_elf(AddressSpace *as, const uint8_t *data, size_t len, uint16_t machine,
              uint64_t *entry, uint64_t *low, uint64_t *high, char *err, size_t errlen)
{
#define FAIL(...)                                \
    do {                                         \
        if (errlen) {                            \
            snprintf(err, errlen, __VA_ARGS__); \
        }                                        \
        return false;                            \
    } while (0)

    if (!is_elf(data, len)) {
        FAIL("not an ELF file");
    }
    if (len < EHDR_SIZE) {
        FAIL("truncated ELF header (%zu bytes)", len);
    }
    if (data[EI_CLASS] == ELFCLASS32) {
        FAIL("32-bit ELF (only ELF64 is supported)");
    }
    if (data[EI_CLASS] != ELFCLASS64) {
        FAIL("invalid ELF class %u", data[EI_CLASS]);
    }
    if (data[EI_DATA] != ELFDATA2LSB) {
        FAIL("big-endian or invalid ELF data encoding (only little-endian is supported)");
    }
    uint16_t e_machine = rd16(data + E_MACHINE);
    if (e_machine != machine) {
        const char *want = machine_name(machine), *got = machine_name(e_machine);
        if (got) {
            FAIL("ELF is for %s, not %s", got, want ? want : "this machine");
        }
        FAIL("ELF is for machine %u, not %s", e_machine, want ? want : "this machine");
    }
    uint16_t e_type = rd16(data + E_TYPE);
    if (e_type != ET_EXEC && e_type != ET_DYN) {
        FAIL("ELF file is %s", type_name(e_type));
    }

    uint64_t phoff = rd64(data + E_PHOFF);
    uint16_t phentsize = rd16(data + E_PHENTSIZE);
    uint16_t phnum = rd16(data + E_PHNUM);
    if (phnum == 0) {
        FAIL("ELF has no program headers");
    }
    if (phnum == PN_XNUM) {
        FAIL("ELF has too many program headers");
    }
    if (phentsize < PHDR_SIZE) {
        FAIL("invalid ELF program header size %u", phentsize);
    }
    if (phoff > len || (uint64_t)phnum * phentsize > len - phoff) {
        FAIL("truncated ELF: program headers extend past the end of the file");
    }

    /* Pass 1: validate every loadable segment. */
    uint64_t lo = UINT64_MAX, hi = 0;
    int nload = 0;
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = data + phoff + (uint64_t)i * phentsize;
        if (rd32(ph + P_TYPE) != PT_LOAD) {
            continue;
        }
        uint64_t off = rd64(ph + P_OFFSET), paddr = rd64(ph + P_PADDR);
        uint64_t filesz = rd64(ph + P_FILESZ), memsz = rd64(ph + P_MEMSZ);
        if (filesz > memsz) {
            FAIL("invalid ELF: segment %u has a file size larger than its memory size", i);
        }
        if (off > len || filesz > len - off) {
            FAIL("truncated ELF: segment %u extends past the end of the file", i);
        }
        if (memsz == 0) {
            continue;
        }
        if (paddr > UINT64_MAX - memsz) {
            FAIL("invalid ELF: segment %u wraps around the address space", i);
        }
        uint64_t seg_lo = 0, seg_hi = 0;
        if (segment_in_ram(as, paddr, memsz, NULL, 0, false, &seg_lo, &seg_hi) == 0) {
            FAIL("segment %u at 0x%llx-0x%llx is outside guest RAM", i,
                 (unsigned long long)paddr, (unsigned long long)(paddr + memsz - 1));
        }
        lo = seg_lo < lo ? seg_lo : lo;
        hi = seg_hi > hi ? seg_hi : hi;
        nload++;
    }
    if (nload == 0) {
        FAIL("ELF has no loadable segments");
    }

    /* Pass 2: copy and zero-fill. */
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = data + phoff + (uint64_t)i * phentsize;
        uint64_t memsz = rd64(ph + P_MEMSZ);
        if (rd32(ph + P_TYPE) != PT_LOAD || memsz == 0) {
            continue;
        }
        uint64_t off = rd64(ph + P_OFFSET), paddr = rd64(ph + P_PADDR);
        uint64_t filesz = rd64(ph + P_FILESZ);
        uint64_t seg_lo, seg_hi;
        segment_in_ram(as, paddr, memsz, data + off, filesz, true, &seg_lo, &seg_hi);
    }

    *entry = rd64(data + E_ENTRY);
    if (low) {
        *low = lo;
    }
    if (high) {
        *high = hi;
    }
    return true;
#undef FAIL
}

bool linux_image_parse(LinuxImageArch arch, const uint8_t *data, size_t len,
                       LinuxImageHeader *h)
{
    if (len < LINUX_IMAGE_HEADER_SIZE) {
        return false;
    }
    switch (arch) {
    case LINUX_IMAGE_ARM64:
        if (memcmp(data + 56, "ARM\x64", 4) != 0) {
            return false;
        }
        break;
    case LINUX_IMAGE_RISCV:
        /* magic2 is the one to check; kernels before header version 0.2 only had the
         * (now deprecated) 8-byte magic */
        if (memcmp(data + 56, "RSC\x05", 4) != 0 && memcmp(data + 48, "RISCV\0\0\0", 8) != 0) {
            return false;
        }
        break;
    default:
        return false;
    }
    memset(h, 0, sizeof(*h));
    h->text_offset = rd64(data + 8);
    h->image_size = rd64(data + 16);
    h->flags = rd64(data + 24);
    h->big_endian = h->flags & 1;
    if (arch == LINUX_IMAGE_ARM64) {
        static const unsigned page_kib[4] = {0, 4, 16, 64};
        h->page_kib = page_kib[(h->flags >> 1) & 3];
        h->place_anywhere = (h->flags >> 3) & 1;
    }
    return true;
}

/* Just enough flattened device tree (Devicetree Specification v0.4, chapter 5 "Flattened
 * Devicetree (DTB) Format") to count the harts and to reserve the firmware's memory. */
#include "fw.h"

#define FDT_MAGIC      0xd00dfeedU
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9

/* Header fields (big-endian u32), by byte offset. */
#define H_MAGIC        0
#define H_TOTALSIZE    4
#define H_OFF_STRUCT   8
#define H_OFF_STRINGS  12
#define H_OFF_RSVMAP   16
#define H_VERSION      20
#define H_SIZE_STRINGS 32
#define H_SIZE_STRUCT  36

#define FDT_MAX_SIZE   (4U << 20)   /* sanity bound */

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t hdr(const uint8_t *f, int off) { return be32(f + off); }
static uint32_t align4(uint32_t v) { return (v + 3) & ~3U; }

static bool streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static size_t slen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

static bool fdt_valid(const uint8_t *f)
{
	uint32_t total = hdr(f, H_TOTALSIZE);
	return hdr(f, H_MAGIC) == FDT_MAGIC && hdr(f, H_VERSION) >= 17 && total <= FDT_MAX_SIZE &&
	       hdr(f, H_OFF_STRUCT) + hdr(f, H_SIZE_STRUCT) <= total &&
	       hdr(f, H_OFF_STRINGS) + hdr(f, H_SIZE_STRINGS) <= total;
}

/* Hart ids of the /cpus/cpu@N nodes with device_type = "cpu" and a status that is
 * absent, "okay" or "ok" (Devicetree Specification §3.7 "CPUs Node Properties"; the
 * RISC-V binding puts the hart id in `reg`). */
unsigned long fdt_hart_mask(const void *fdt)
{
	const uint8_t *f = fdt;
	unsigned long mask = 0;
	if (!fdt_valid(f))
		return 0;
	const uint8_t *p = f + hdr(f, H_OFF_STRUCT);
	const uint8_t *end = p + hdr(f, H_SIZE_STRUCT);
	const char *strings = (const char *)f + hdr(f, H_OFF_STRINGS);
	uint32_t strings_size = hdr(f, H_SIZE_STRINGS);
	int depth = 0;
	bool in_cpus = false, is_cpu = false, okay = true;
	uint32_t reg = ~0U;

	while (p + 4 <= end) {
		uint32_t tok = be32(p);
		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;
			size_t n = slen(name, end - p);
			p += align4(n + 1);
			depth++;
			if (depth == 2)
				in_cpus = streq(name, "cpus");
			if (depth == 3) {
				is_cpu = false;
				okay = true;
				reg = ~0U;
			}
		} else if (tok == FDT_END_NODE) {
			if (depth == 3 && in_cpus && is_cpu && okay && reg < MAX_HARTS)
				mask |= 1UL << reg;
			if (depth == 2)
				in_cpus = false;
			if (--depth < 0)
				break;
		} else if (tok == FDT_PROP) {
			if (p + 8 > end)
				break;
			uint32_t len = be32(p), nameoff = be32(p + 4);
			const char *data = (const char *)p + 8;
			p += 8 + align4(len);
			if (p > end || nameoff >= strings_size)
				break;
			if (depth != 3 || !in_cpus || len == 0)
				continue;
			const char *pname = strings + nameoff;
			if (streq(pname, "device_type"))
				is_cpu = streq(data, "cpu");
			else if (streq(pname, "reg") && len >= 4)
				reg = be32((const uint8_t *)data + len - 4);   /* last cell */
			else if (streq(pname, "status"))
				okay = streq(data, "okay") || streq(data, "ok");
		} else if (tok == FDT_NOP) {
			continue;
		} else {
			break;   /* FDT_END or corrupt */
		}
	}
	return mask;
}

/* Add a memory reservation block entry (§5.3) for [base, base + size).  The blob grows
 * in place by 16 bytes if the block has no room; like any firmware that edits the FDT,
 * this assumes the bytes after totalsize are free (QEMU puts the FDT near the top of RAM
 * with at least that much room).  Returns 0, or -1 when the blob's layout is unexpected. */
int fdt_add_memreserve(void *fdt, uint64_t base, uint64_t size)
{
	uint8_t *f = fdt;
	if (!fdt_valid(f))
		return -1;
	uint32_t total = hdr(f, H_TOTALSIZE);
	uint32_t rsv = hdr(f, H_OFF_RSVMAP), off_struct = hdr(f, H_OFF_STRUCT);
	uint32_t off_strings = hdr(f, H_OFF_STRINGS);
	if ((rsv & 7) || rsv >= off_struct || off_struct > off_strings)
		return -1;

	uint32_t t = rsv;   /* the terminating (0, 0) entry */
	for (;; t += 16) {
		if (t + 16 > off_struct)
			return -1;
		uint64_t b = (uint64_t)be32(f + t) << 32 | be32(f + t + 4);
		uint64_t s = (uint64_t)be32(f + t + 8) << 32 | be32(f + t + 12);
		if (!b && !s)
			break;
		if (b <= base && base + size <= b + s)
			return 0;   /* already reserved */
	}
	if (t + 32 > off_struct) {
		/* Make room: move the structure and strings blocks up by 16 bytes. */
		memmove(f + t + 16, f + t, total - t);
		put_be32(f + H_OFF_STRUCT, off_struct + 16);
		put_be32(f + H_OFF_STRINGS, off_strings + 16);
		put_be32(f + H_TOTALSIZE, total + 16);
	}
	put_be32(f + t, base >> 32);
	put_be32(f + t + 4, (uint32_t)base);
	put_be32(f + t + 8, size >> 32);
	put_be32(f + t + 12, (uint32_t)size);
	memset(f + t + 16, 0, 16);
	return 0;
}

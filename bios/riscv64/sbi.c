/* SBI call dispatch (§3 "Binary Encoding") and the Base extension (§4). */
#include "fw.h"

#define SBI_SPEC_VERSION ((2UL << 24) | 0)   /* v2.0: major in bits 30:24, minor in 23:0 */

bool sbi_probe(unsigned long eid)
{
	switch (eid) {
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_HSM:
	case SBI_EXT_SRST:
	case SBI_EXT_PMU:
	case SBI_EXT_DBCN:
		return true;
	default:
		return eid <= SBI_EXT_LEGACY_LAST;   /* §5: legacy EIDs 0x00..0x08 */
	}
}

/* §4.1 to §4.7 */
static struct sbiret sbi_base(unsigned long fid, const unsigned long *a)
{
	switch (fid) {
	case 0: return (struct sbiret){ 0, SBI_SPEC_VERSION };
	case 1: return (struct sbiret){ 0, FW_IMPL_ID };
	case 2: return (struct sbiret){ 0, FW_IMPL_VERSION };
	case 3: return (struct sbiret){ 0, sbi_probe(a[0]) };
	case 4: return (struct sbiret){ 0, (long)csr_read(mvendorid) };
	case 5: return (struct sbiret){ 0, (long)csr_read(marchid) };
	case 6: return (struct sbiret){ 0, (long)csr_read(mimpid) };
	default: return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	}
}

/* ecall from S-mode: a7 = EID, a6 = FID, a0..a5 = arguments; returns a0 = error,
 * a1 = value.  Every register but a0/a1 is preserved (the frame is restored). */
void sbi_ecall(struct trap_frame *tf)
{
	unsigned long eid = tf->x[REG_A7], fid = tf->x[REG_A6];
	unsigned long a[6];
	struct sbiret r;

	for (int i = 0; i < 6; i++)
		a[i] = tf->x[REG_A0 + i];
	tf->mepc += 4;   /* past the ecall (never compressed) */

	if (eid <= SBI_EXT_LEGACY_LAST) {
		sbi_legacy(eid, tf);
		return;
	}
	switch (eid) {
	case SBI_EXT_BASE:   r = sbi_base(fid, a); break;
	case SBI_EXT_TIME:   r = sbi_time(fid, a); break;
	case SBI_EXT_IPI:    r = sbi_ipi(fid, a); break;
	case SBI_EXT_RFENCE: r = sbi_rfence(fid, a); break;
	case SBI_EXT_HSM:    r = sbi_hsm(fid, a); break;
	case SBI_EXT_SRST:   r = sbi_srst(fid, a); break;
	case SBI_EXT_PMU:    r = sbi_pmu(fid, a); break;
	case SBI_EXT_DBCN:   r = sbi_dbcn(fid, a); break;
	default:             r = (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 }; break;
	}
	tf->x[REG_A0] = (unsigned long)r.error;
	tf->x[REG_A1] = (unsigned long)r.value;
}

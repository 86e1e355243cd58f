/* RFENCE extension (§8, EID 0x52464E43 "RFNC").
 *
 * The calling hart fences itself directly.  Every other target gets a ticket
 * (fence_req) and an M-mode software interrupt; it runs fence.i + a full sfence.vma
 * (a superset of any requested range) and publishes the ticket it has reached in
 * fence_done.  The caller returns once all targets have passed its tickets, so the
 * remote fences are complete when the SBI call returns.  While waiting, the caller
 * serves requests aimed at itself, so two harts fencing each other cannot deadlock. */
#include "fw.h"

#define MAX_RANGE_PAGES 64
#define PAGE_SIZE 4096UL

void rfence_process(struct hart *h)
{
	unsigned long req = __atomic_load_n(&h->fence_req, __ATOMIC_ACQUIRE);
	if (req == h->fence_done)
		return;
	__asm__ volatile("fence.i\n\tsfence.vma" ::: "memory");
	__atomic_store_n(&h->fence_done, req, __ATOMIC_RELEASE);
}

static void fence_local(int kind, unsigned long start, unsigned long size, unsigned long asid)
{
	if (kind == RFENCE_I) {
		__asm__ volatile("fence.i" ::: "memory");
		return;
	}
	/* §8: start = size = 0, or size = -1, means the whole address space. */
	bool all = (!start && !size) || size == -1UL || size > MAX_RANGE_PAGES * PAGE_SIZE ||
	           start + size < start;
	if (all) {
		if (kind == RFENCE_VMA_ASID)
			__asm__ volatile("sfence.vma zero, %0" :: "r"(asid) : "memory");
		else
			__asm__ volatile("sfence.vma" ::: "memory");
		return;
	}
	for (unsigned long va = start & ~(PAGE_SIZE - 1); va < start + size; va += PAGE_SIZE) {
		if (kind == RFENCE_VMA_ASID)
			__asm__ volatile("sfence.vma %0, %1" :: "r"(va), "r"(asid) : "memory");
		else
			__asm__ volatile("sfence.vma %0" :: "r"(va) : "memory");
	}
}

long rfence_mask(unsigned long mask, unsigned long base, int kind, unsigned long start,
                 unsigned long size, unsigned long asid)
{
	unsigned long targets, self = current_hartid();
	unsigned long ticket[MAX_HARTS];
	long err = ipi_targets(mask, base, &targets);
	if (err)
		return err;
	/* Harts that never reached the firmware cannot answer; they fence when started. */
	targets &= __atomic_load_n(&fw_hart_alive, __ATOMIC_ACQUIRE);

	if ((targets >> self) & 1)
		fence_local(kind, start, size, asid);
	targets &= ~(1UL << self);
	for (unsigned long h = 0; h < MAX_HARTS; h++) {
		if (!((targets >> h) & 1))
			continue;
		ticket[h] = __atomic_add_fetch(&harts[h].fence_req, 1, __ATOMIC_ACQ_REL);
		clint_set_msip(h, 1);
	}
	for (unsigned long h = 0; h < MAX_HARTS; h++) {
		if (!((targets >> h) & 1))
			continue;
		while ((long)(__atomic_load_n(&harts[h].fence_done, __ATOMIC_ACQUIRE) - ticket[h]) < 0) {
			rfence_process(this_hart());
			cpu_relax();
		}
	}
	return SBI_SUCCESS;
}

struct sbiret sbi_rfence(unsigned long fid, const unsigned long *a)
{
	long err;
	switch (fid) {
	case 0:   /* §8.1 remote_fence_i(hart_mask, hart_mask_base) */
		err = rfence_mask(a[0], a[1], RFENCE_I, 0, 0, 0);
		break;
	case 1:   /* §8.2 remote_sfence_vma(hart_mask, hart_mask_base, start_addr, size) */
		err = rfence_mask(a[0], a[1], RFENCE_VMA, a[2], a[3], 0);
		break;
	case 2:   /* §8.3 remote_sfence_vma_asid(..., start_addr, size, asid) */
		err = rfence_mask(a[0], a[1], RFENCE_VMA_ASID, a[2], a[3], a[4]);
		break;
	default:  /* §8.4-8.7 hfence.*: no hypervisor support here */
		err = SBI_ERR_NOT_SUPPORTED;
		break;
	}
	return (struct sbiret){ err, 0 };
}

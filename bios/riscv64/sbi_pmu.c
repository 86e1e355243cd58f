/* Performance Monitoring Unit extension (§11, EID 0x504D55 "PMU").
 *
 * Only the two fixed hardware counters are offered:
 *   counter_idx 0 = mcycle   (read in S/U as `cycle`,   CSR 0xc00): SBI_PMU_HW_CPU_CYCLES
 *   counter_idx 2 = minstret (read in S/U as `instret`, CSR 0xc02): SBI_PMU_HW_INSTRUCTIONS
 * Both are 64 bits wide.  counter_idx 1 would be `time`, which counts no event, so it is
 * reported as an invalid counter (§11.6 allows holes: SBI_ERR_INVALID_PARAM); the
 * mhpmcounter3..31 of our harts are not implemented and are not offered either.  There
 * are no firmware counters and no snapshot shared memory.
 *
 * State is per hart (every function acts on the calling hart, §11): which counters are
 * started and which are configured (mapped to an event by config_matching).  The software
 * state is authoritative; mcountinhibit ("Machine Counter-Inhibit CSR (mcountinhibit)",
 * privileged spec) is written to match when the hart has it.  The `virt` machine of
 * qemu-wasm has a writable mcountinhibit but its counters keep counting when inhibited.
 *
 * Linux's riscv_pmu_sbi driver needs this extension to probe; its CPU-starting hook is
 * what sets scounteren.TM, so user-mode `rdtime` (the vDSO) works. */
#include "fw.h"
#include "guard.h"

#define PMU_NUM_COUNTERS 3            /* logical counter_idx 0..2, of which 1 is invalid */
#define PMU_CTR_CYCLE    0
#define PMU_CTR_INSTRET  2
#define PMU_VALID_MASK   ((1UL << PMU_CTR_CYCLE) | (1UL << PMU_CTR_INSTRET))
#define PMU_CTR_WIDTH    63           /* §11.6: one less than the number of bits */
#define CSR_CYCLE_NUM    0xc00        /* user-level counter CSRs: cycle + counter_idx */

/* §11.1 event_idx: type in bits 19:16, code in 15:0.  Hardware general events (type 0). */
#define PMU_EVENT_HW_CPU_CYCLES   0x00001UL
#define PMU_EVENT_HW_INSTRUCTIONS 0x00002UL
#define PMU_EVENT_NONE            0UL     /* SBI_PMU_HW_NO_EVENT: "event_idx cannot be zero" */

/* §11.7 config_matching flags (bits 3..7 are filtering hints: ignored, as allowed). */
#define CFG_FLAG_SKIP_MATCH  (1UL << 0)
#define CFG_FLAG_CLEAR_VALUE (1UL << 1)
#define CFG_FLAG_AUTO_START  (1UL << 2)
/* §11.8 start flags, §11.9 stop flags. */
#define START_FLAG_SET_INIT_VALUE (1UL << 0)
#define START_FLAG_INIT_SNAPSHOT  (1UL << 1)
#define STOP_FLAG_RESET           (1UL << 0)
#define STOP_FLAG_TAKE_SNAPSHOT   (1UL << 1)

struct pmu_hart {
	unsigned long started;                       /* bit per counter_idx */
	unsigned long configured;                    /* bit per counter_idx: event mapped */
	unsigned long event[PMU_NUM_COUNTERS];       /* event_idx of a configured counter */
	bool have_inhibit;                           /* mcountinhibit is implemented */
};

static struct pmu_hart pmu_harts[MAX_HARTS];

static struct pmu_hart *pmu_this(void) { return &pmu_harts[current_hartid()]; }

/* mcountinhibit bit i inhibits the counter at CSR cycle + i, i.e. our counter_idx i. */
static void pmu_update_inhibit(struct pmu_hart *p)
{
	if (p->have_inhibit)
		csr_write(CSR_MCOUNTINHIBIT, ~p->started & 0xffffffffUL);
}

/* Per-hart set-up (main.c): cycle and instret run, as before this extension existed,
 * so they count as started (and unconfigured); hpm counters 3..31 are inhibited.
 * Linux stops every counter it knows of when a CPU comes up (counter_stop with RESET). */
void pmu_init_hart(void)
{
	struct pmu_hart *p = pmu_this();
	unsigned long old;

	memset(p, 0, sizeof(*p));
	p->started = PMU_VALID_MASK;
	old = guard_begin();
	p->have_inhibit = csr_try_write(CSR_MCOUNTINHIBIT, ~PMU_VALID_MASK & 0xffffffffUL);
	guard_end(old);
}

/* §3-style counter set: bit i of mask names counter_idx base + i.  Returns the set as a
 * bit mask over counter_idx 0..PMU_NUM_COUNTERS-1, or -1 if it names any counter that
 * is invalid (the INVALID_PARAM case of §11.7 to §11.9). */
static long pmu_counter_set(unsigned long base, unsigned long mask)
{
	unsigned long set;

	if (!mask)
		return 0;
	if (base >= PMU_NUM_COUNTERS || (mask >> (PMU_NUM_COUNTERS - base)))
		return -1;
	set = mask << base;
	if (set & ~PMU_VALID_MASK)
		return -1;
	return (long)set;
}

static bool pmu_event_fits(unsigned long idx, unsigned long event_idx)
{
	return (idx == PMU_CTR_CYCLE && event_idx == PMU_EVENT_HW_CPU_CYCLES) ||
	       (idx == PMU_CTR_INSTRET && event_idx == PMU_EVENT_HW_INSTRUCTIONS);
}

/* Write a counter's value from M-mode: mcycle / minstret ("Hardware Performance
 * Monitor", privileged spec). */
static void pmu_write_counter(unsigned long idx, uint64_t value)
{
	if (idx == PMU_CTR_CYCLE)
		csr_write(mcycle, value);
	else
		csr_write(minstret, value);
}

/* §11.6 */
static struct sbiret pmu_get_info(unsigned long idx)
{
	if (idx >= PMU_NUM_COUNTERS || !((PMU_VALID_MASK >> idx) & 1))
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	/* csr[11:0], width[17:12], type[XLEN-1] = 0 (hardware) */
	return (struct sbiret){ SBI_SUCCESS,
	                        (long)((CSR_CYCLE_NUM + idx) | ((unsigned long)PMU_CTR_WIDTH << 12)) };
}

/* §11.7: find a counter of the set that is neither started nor configured and can count
 * the event (or, with SKIP_MATCH, take the first counter of the set), map the event to
 * it, optionally clear it and start it. */
static struct sbiret pmu_config_matching(unsigned long base, unsigned long mask,
                                         unsigned long flags, unsigned long event_idx,
                                         uint64_t event_data)
{
	struct pmu_hart *p = pmu_this();
	long set = pmu_counter_set(base, mask);
	unsigned long idx;

	(void)event_data;   /* unused for hardware general events (§11.1) */
	if (set < 0)
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	if (flags & CFG_FLAG_SKIP_MATCH) {
		/* §11.7 NOTE: "unconditionally select the first counter from the set" */
		if (!set)
			return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
		idx = (unsigned long)__builtin_ctzl((unsigned long)set);
	} else {
		for (idx = 0; idx < PMU_NUM_COUNTERS; idx++) {
			unsigned long bit = 1UL << idx;
			if ((set & bit) && !(p->started & bit) && !(p->configured & bit) &&
			    pmu_event_fits(idx, event_idx))
				break;
		}
		if (idx == PMU_NUM_COUNTERS)
			return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	}

	p->configured |= 1UL << idx;
	p->event[idx] = event_idx;
	if (flags & CFG_FLAG_CLEAR_VALUE)
		pmu_write_counter(idx, 0);
	if (flags & CFG_FLAG_AUTO_START) {   /* §11.7 NOTE: no impact on the counter value */
		p->started |= 1UL << idx;
		pmu_update_inhibit(p);
	}
	return (struct sbiret){ SBI_SUCCESS, (long)idx };
}

/* §11.8: start every counter of the set; ALREADY_STARTED if one of them was running
 * (the others are still started). */
static struct sbiret pmu_start(unsigned long base, unsigned long mask, unsigned long flags,
                               uint64_t initial_value)
{
	struct pmu_hart *p = pmu_this();
	long set = pmu_counter_set(base, mask);
	long err = SBI_SUCCESS;

	if (set < 0)
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	if (flags & START_FLAG_INIT_SNAPSHOT)
		return (struct sbiret){ SBI_ERR_NO_SHMEM, 0 };   /* no snapshot memory (§11.12) */
	for (unsigned long idx = 0; idx < PMU_NUM_COUNTERS; idx++) {
		unsigned long bit = 1UL << idx;
		if (!(set & bit))
			continue;
		if (p->started & bit) {
			err = SBI_ERR_ALREADY_STARTED;
			continue;
		}
		if (flags & START_FLAG_SET_INIT_VALUE)
			pmu_write_counter(idx, initial_value);
		p->started |= bit;
	}
	pmu_update_inhibit(p);
	return (struct sbiret){ err, 0 };
}

/* §11.9: stop every counter of the set; with RESET also drop its event mapping, even for
 * a counter that was not running (config_matching without AUTO_START leaves it so). */
static struct sbiret pmu_stop(unsigned long base, unsigned long mask, unsigned long flags)
{
	struct pmu_hart *p = pmu_this();
	long set = pmu_counter_set(base, mask);
	long err = SBI_SUCCESS;

	if (set < 0)
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	if (flags & STOP_FLAG_TAKE_SNAPSHOT)
		return (struct sbiret){ SBI_ERR_NO_SHMEM, 0 };
	for (unsigned long idx = 0; idx < PMU_NUM_COUNTERS; idx++) {
		unsigned long bit = 1UL << idx;
		if (!(set & bit))
			continue;
		if (!(p->started & bit))
			err = SBI_ERR_ALREADY_STOPPED;
		p->started &= ~bit;
		if (flags & STOP_FLAG_RESET) {
			p->configured &= ~bit;
			p->event[idx] = PMU_EVENT_NONE;
		}
	}
	pmu_update_inhibit(p);
	return (struct sbiret){ err, 0 };
}

struct sbiret sbi_pmu(unsigned long fid, const unsigned long *a)
{
	switch (fid) {
	case 0:   /* §11.5 num_counters() */
		return (struct sbiret){ SBI_SUCCESS, PMU_NUM_COUNTERS };
	case 1:   /* §11.6 counter_get_info(counter_idx) */
		return pmu_get_info(a[0]);
	case 2:   /* §11.7 counter_config_matching(base, mask, flags, event_idx, event_data) */
		return pmu_config_matching(a[0], a[1], a[2], a[3], a[4]);
	case 3:   /* §11.8 counter_start(base, mask, flags, initial_value) */
		return pmu_start(a[0], a[1], a[2], a[3]);
	case 4:   /* §11.9 counter_stop(base, mask, flags) */
		return pmu_stop(a[0], a[1], a[2]);
	case 5:   /* §11.10 counter_fw_read(counter_idx) */
	case 6:   /* §11.11 counter_fw_read_hi(counter_idx) */
		/* No firmware counters: every counter_idx is a hardware or an invalid one. */
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	case 7:   /* §11.12 snapshot_set_shmem(lo, hi, flags): optional, not implemented */
	default:
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	}
}

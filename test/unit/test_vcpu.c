/*
 * test/unit/test_vcpu.c — core/vcpu.c on real threads: exclusive sections really exclude
 * (no vCPU is between two safe points while one runs, nested requests queue up, a sleeping
 * vCPU does not hold one up), a kick wakes a sleeping vCPU at once, and nothing deadlocks
 * when every vCPU requests sections at the same time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/host.h"
#include "core/vcpu.h"
#include "core/machine.h"
#include "test/unit/test.h"

#define NCPUS 4

typedef struct Fixture {
    Machine m;
    CPUState cpu[NCPUS];
    int in_guest[NCPUS];   /* between two safe points ("running translated code") */
    int exclusive_active;  /* some vCPU is inside an exclusive section */
    int violations;        /* a vCPU ran guest code during a section, or vice versa */
    int sections;          /* sections completed */
    int stop;
} Fixture;

typedef struct Worker {
    Fixture *f;
    int index;
    int sections_wanted;   /* how many sections this vCPU requests itself */
    int sleeps;            /* every so often: sleep briefly as a halted vCPU would */
} Worker;

static void fixture_init(Fixture *f)
{
    memset(f, 0, sizeof(*f));
    vcpu_sync_init(&f->m.sync, true);
    f->m.ncpus = NCPUS;
    for (int i = 0; i < NCPUS; i++) {
        f->cpu[i].machine = &f->m;
        f->cpu[i].index = i;
        pthread_cond_init(&f->cpu[i].wake, NULL);
        f->m.cpus[i] = &f->cpu[i];
    }
}

static void fixture_destroy(Fixture *f)
{
    for (int i = 0; i < NCPUS; i++) {
        pthread_cond_destroy(&f->cpu[i].wake);
    }
    vcpu_sync_destroy(&f->m.sync);
}

/* Mimics cpu_exec: a safe point, then "guest code" that must never overlap a section. */
static void *worker_main(void *opaque)
{
    Worker *w = opaque;
    Fixture *f = w->f;
    CPUState *cpu = &f->cpu[w->index];
    VcpuSync *s = &f->m.sync;
    pthread_mutex_lock(&s->lock);
    s->running++;
    pthread_mutex_unlock(&s->lock);
    unsigned iter = 0;
    int done_sections = 0;
    while (!__atomic_load_n(&f->stop, __ATOMIC_ACQUIRE)) {
        /* the safe point */
        __atomic_exchange_n(&cpu->exit_request, 0, __ATOMIC_SEQ_CST);
        if (vcpu_exclusive_pending(s)) {
            vcpu_park(cpu);
        }
        if (done_sections < w->sections_wanted && iter % 64 == (unsigned)w->index) {
            vcpu_exclusive_begin(&f->m, cpu);
            if (__atomic_fetch_add(&f->exclusive_active, 1, __ATOMIC_SEQ_CST) != 0) {
                __atomic_fetch_add(&f->violations, 1, __ATOMIC_SEQ_CST);
            }
            for (int i = 0; i < NCPUS; i++) {
                if (__atomic_load_n(&f->in_guest[i], __ATOMIC_SEQ_CST)) {
                    __atomic_fetch_add(&f->violations, 1, __ATOMIC_SEQ_CST);
                }
            }
            __atomic_fetch_sub(&f->exclusive_active, 1, __ATOMIC_SEQ_CST);
            __atomic_fetch_add(&f->sections, 1, __ATOMIC_SEQ_CST);
            vcpu_exclusive_end(&f->m, cpu);
            done_sections++;
        }
        if (w->sleeps && iter % 97 == 0) {
            vcpu_sleep(cpu, 200000); /* 0.2 ms, as a halted vCPU */
        }
        /* "guest code": runs until an exit request, or a few hundred iterations */
        __atomic_store_n(&f->in_guest[w->index], 1, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&f->exclusive_active, __ATOMIC_SEQ_CST)) {
            __atomic_fetch_add(&f->violations, 1, __ATOMIC_SEQ_CST);
        }
        for (int k = 0; k < 200 && !__atomic_load_n(&cpu->exit_request, __ATOMIC_RELAXED); k++) {
            __asm__ volatile("" ::: "memory");
        }
        __atomic_store_n(&f->in_guest[w->index], 0, __ATOMIC_SEQ_CST);
        iter++;
    }
    pthread_mutex_lock(&s->lock);
    s->running--;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* Every vCPU requests sections while the others run; all complete, none overlaps. */
static void run_workers(int sections_each, int sleeps, int outside_sections)
{
    Fixture *f = malloc(sizeof(*f));
    fixture_init(f);
    Worker w[NCPUS];
    pthread_t th[NCPUS];
    for (int i = 0; i < NCPUS; i++) {
        w[i] = (Worker){ .f = f, .index = i, .sections_wanted = sections_each, .sleeps = sleeps };
        pthread_create(&th[i], NULL, worker_main, &w[i]);
    }
    /* sections from a thread that runs no vCPU (self = NULL), like the I/O thread */
    for (int k = 0; k < outside_sections; k++) {
        vcpu_exclusive_begin(&f->m, NULL);
        for (int i = 0; i < NCPUS; i++) {
            CHECK(!__atomic_load_n(&f->in_guest[i], __ATOMIC_SEQ_CST));
        }
        __atomic_fetch_add(&f->sections, 1, __ATOMIC_SEQ_CST);
        vcpu_exclusive_end(&f->m, NULL);
    }
    uint64_t t0 = host_clock_ns();
    while (__atomic_load_n(&f->sections, __ATOMIC_SEQ_CST) < NCPUS * sections_each + outside_sections &&
           host_clock_ns() - t0 < 20000000000ull) {
        host_sleep_ns(1000000);
    }
    __atomic_store_n(&f->stop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < NCPUS; i++) {
        cpu_exit_request(&f->cpu[i], CPU_EXIT_INTERRUPT);
        pthread_join(th[i], NULL);
    }
    CHECK_EQ_U64(f->sections, NCPUS * sections_each + outside_sections);
    CHECK_EQ_U64(f->violations, 0);
    CHECK_EQ_U64(f->m.sync.running, 0);
    CHECK_EQ_U64(f->m.sync.exclusive_pending, 0);
    fixture_destroy(f);
    free(f);
}

TEST(exclusive_sections_exclude)
{
    run_workers(50, 0, 20);
}

TEST(exclusive_sections_with_sleepers)
{
    run_workers(30, 1, 10);
}

typedef struct Sleeper {
    CPUState *cpu;
    uint64_t slept_ns;
} Sleeper;

static void *sleeper_main(void *opaque)
{
    Sleeper *sl = opaque;
    VcpuSync *s = &sl->cpu->machine->sync;
    pthread_mutex_lock(&s->lock);
    s->running++;
    pthread_mutex_unlock(&s->lock);
    uint64_t t0 = host_clock_ns();
    vcpu_sleep(sl->cpu, 10000000000ull); /* 10 s unless kicked */
    sl->slept_ns = host_clock_ns() - t0;
    pthread_mutex_lock(&s->lock);
    s->running--;
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* cpu_exit_request wakes a sleeping vCPU at once; a request made just before the sleep
 * keeps it from sleeping at all. */
TEST(kick_wakes_sleeper)
{
    Fixture *f = malloc(sizeof(*f));
    fixture_init(f);
    Sleeper sl = { .cpu = &f->cpu[0] };
    pthread_t th;
    pthread_create(&th, NULL, sleeper_main, &sl);
    host_sleep_ns(50000000); /* let it fall asleep */
    cpu_exit_request(&f->cpu[0], CPU_EXIT_INTERRUPT);
    pthread_join(th, NULL);
    CHECK(sl.slept_ns < 2000000000ull);
    CHECK(sl.slept_ns >= 40000000ull);

    /* already requested: vcpu_sleep returns without waiting */
    Sleeper sl2 = { .cpu = &f->cpu[1] };
    cpu_exit_request(&f->cpu[1], CPU_EXIT_INTERRUPT);
    pthread_create(&th, NULL, sleeper_main, &sl2);
    pthread_join(th, NULL);
    CHECK(sl2.slept_ns < 1000000000ull);
    fixture_destroy(f);
    free(f);
}

int main(void)
{
    RUN(exclusive_sections_exclude);
    RUN(exclusive_sections_with_sleepers);
    RUN(kick_wakes_sleeper);
    return test_summary();
}

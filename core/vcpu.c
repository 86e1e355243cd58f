/*
 * core/vcpu.c — vCPU threads, the device lock, sleep/kick, exclusive sections
 * (see core/vcpu.h for the model and the lock order).
 */
#include "core/vcpu.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "core/cpu.h"
#include "core/host.h"
#include "core/machine.h"

void vcpu_sync_init(VcpuSync *s, bool multi)
{
    memset(s, 0, sizeof(*s));
    s->multi = multi;
    pthread_mutex_init(&s->bql, NULL);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
}

void vcpu_sync_destroy(VcpuSync *s)
{
    pthread_mutex_destroy(&s->bql);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
}

void vcpu_device_lock(Machine *m)
{
    if (m->sync.multi) {
        pthread_mutex_lock(&m->sync.bql);
    }
}

void vcpu_device_unlock(Machine *m)
{
    if (m->sync.multi) {
        pthread_mutex_unlock(&m->sync.bql);
    }
}

/* ---- running / parked (s->lock held) ---- */

static void running_dec_locked(VcpuSync *s)
{
    if (--s->running == 0 && s->exclusive_pending) {
        pthread_cond_broadcast(&s->cond); /* the exclusive section may start */
    }
}

/* Become running again, after any pending exclusive section. */
static void running_inc_locked(VcpuSync *s)
{
    while (s->exclusive_pending) {
        pthread_cond_wait(&s->cond, &s->lock);
    }
    s->running++;
}

void vcpu_park(CPUState *cpu)
{
    VcpuSync *s = &cpu->machine->sync;
    if (!s->multi) {
        return;
    }
    pthread_mutex_lock(&s->lock);
    running_dec_locked(s);
    running_inc_locked(s);
    pthread_mutex_unlock(&s->lock);
}

static void kick_locked(CPUState *cpu)
{
    if (cpu->sleeping) {
        pthread_cond_signal(&cpu->wake);
    }
}

void vcpu_kick(CPUState *cpu)
{
    VcpuSync *s = &cpu->machine->sync;
    /* cpu_exit_request set exit_request (seq_cst) before this load; vcpu_sleep sets
     * sleeping (seq_cst) before it loads exit_request: one of the two sees the other. */
    if (s->multi && __atomic_load_n(&cpu->sleeping, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&s->lock);
        kick_locked(cpu);
        pthread_mutex_unlock(&s->lock);
    }
}

static void abs_deadline(struct timespec *ts, uint64_t ns)
{
    clock_gettime(CLOCK_REALTIME, ts);
    uint64_t t = (uint64_t)ts->tv_nsec + ns % 1000000000u;
    ts->tv_sec += (time_t)(ns / 1000000000u + t / 1000000000u);
    ts->tv_nsec = (long)(t % 1000000000u);
}

void vcpu_sleep(CPUState *cpu, uint64_t max_ns)
{
    VcpuSync *s = &cpu->machine->sync;
    struct timespec until;
    abs_deadline(&until, max_ns);
    pthread_mutex_lock(&s->lock);
    __atomic_store_n(&cpu->sleeping, 1, __ATOMIC_SEQ_CST);
    running_dec_locked(s);
    if (!__atomic_load_n(&cpu->exit_request, __ATOMIC_SEQ_CST)) {
        int rc = pthread_cond_timedwait(&cpu->wake, &s->lock, &until);
        (void)rc; /* woken, timed out or spurious: the exec loop re-checks everything */
    }
    __atomic_store_n(&cpu->sleeping, 0, __ATOMIC_SEQ_CST);
    running_inc_locked(s);
    pthread_mutex_unlock(&s->lock);
}

void vcpu_exclusive_begin(Machine *m, CPUState *self)
{
    VcpuSync *s = &m->sync;
    if (!s->multi) {
        return;
    }
    pthread_mutex_lock(&s->lock);
    if (self) {
        running_dec_locked(s); /* we wait like any parked vCPU */
    }
    while (s->exclusive_pending) {
        pthread_cond_wait(&s->cond, &s->lock); /* someone else's section first */
    }
    __atomic_store_n(&s->exclusive_pending, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < m->ncpus; i++) {
        if (m->cpus[i] != self) {
            /* leave translated code and come to the safe point (a sleeping vCPU is
             * not running: it waits for the section's end when it wakes up) */
            __atomic_fetch_or(&m->cpus[i]->exit_request, CPU_EXIT_PARK, __ATOMIC_SEQ_CST);
        }
    }
    while (s->running > 0) {
        pthread_cond_wait(&s->cond, &s->lock);
    }
    pthread_mutex_unlock(&s->lock);
}

void vcpu_exclusive_end(Machine *m, CPUState *self)
{
    VcpuSync *s = &m->sync;
    if (!s->multi) {
        return;
    }
    pthread_mutex_lock(&s->lock);
    __atomic_store_n(&s->exclusive_pending, 0, __ATOMIC_RELEASE);
    pthread_cond_broadcast(&s->cond);
    if (self) {
        running_inc_locked(s);
    }
    pthread_mutex_unlock(&s->lock);
}

void vcpu_timers_changed(Machine *m)
{
    if (m->sync.multi) {
        host_sleep_wake();
    }
}

/* ---- threads ---- */

static void *vcpu_thread(void *opaque)
{
    CPUState *cpu = opaque;
    VcpuSync *s = &cpu->machine->sync;
    pthread_mutex_lock(&s->lock);
    running_inc_locked(s);
    pthread_mutex_unlock(&s->lock);

    cpu_exec(cpu, UINT64_MAX, true); /* returns when the machine stops */

    pthread_mutex_lock(&s->lock);
    running_dec_locked(s);
    s->threads_alive--;
    pthread_mutex_unlock(&s->lock);
    host_sleep_wake(); /* the I/O loop notices */
    return NULL;
}

/* Longest sleep of the I/O thread when no timer is due (console input and vCPUs that
 * change a deadline wake it earlier). */
#define IO_MAX_SLEEP_NS 10000000ull

void vcpu_run_threads(Machine *m)
{
    VcpuSync *s = &m->sync;
    int started = 0;
    pthread_mutex_lock(&s->lock);
    s->threads_alive = 0;
    pthread_mutex_unlock(&s->lock);
    for (int i = 0; i < m->ncpus; i++) {
        pthread_mutex_lock(&s->lock);
        s->threads_alive++;
        pthread_mutex_unlock(&s->lock);
        int rc = pthread_create(&s->threads[i], NULL, vcpu_thread, m->cpus[i]);
        if (rc != 0) {
            pthread_mutex_lock(&s->lock);
            s->threads_alive--;
            pthread_mutex_unlock(&s->lock);
            host_error("cannot create the thread of vCPU %d: %s", i, strerror(rc));
            machine_request_shutdown(m, 1);
            break;
        }
        started++;
    }
    for (;;) {
        pthread_mutex_lock(&s->lock);
        int alive = s->threads_alive;
        pthread_mutex_unlock(&s->lock);
        if (alive == 0) {
            break;
        }
        vcpu_device_lock(m);
        machine_poll(m);
        uint64_t deadline = timer_list_deadline(&m->timers);
        vcpu_device_unlock(m);
        uint64_t now = host_clock_ns();
        uint64_t wait = deadline > now ? deadline - now : 0;
        if (wait > IO_MAX_SLEEP_NS) {
            wait = IO_MAX_SLEEP_NS;
        }
        if (wait) {
            host_sleep_ns(wait);
        }
    }
    for (int i = 0; i < started; i++) {
        pthread_join(s->threads[i], NULL);
    }
}

/*
 * core/timer.h — a machine's timers: deadlines in host monotonic nanoseconds with a
 * callback, for every time-driven device (RISC-V's CLINT and Sstc today; the ARM generic
 * timer, the PIT and the LAPIC timer next).
 *
 * timer_mod / timer_del may be called from any thread (a vCPU programming its own timer
 * register, or a device under the device lock).  Expired timers fire in timer_list_run,
 * which the machine's poll calls — on the vCPU thread between TBs in single-thread mode, on
 * the I/O thread otherwise — with the device lock held and the list's own lock released,
 * so a callback may re-arm its timer, drive interrupt lines and read devices.  The
 * single-thread loop and the I/O thread sleep until timer_list_deadline (or an event);
 * arming a timer earlier than that wakes them (TimerList.changed).
 *
 * Lock order: the list's lock is the innermost of all (core/vcpu.h): nothing is called
 * while it is held.
 */
#ifndef CORE_TIMER_H
#define CORE_TIMER_H

#include <pthread.h>
#include <stdint.h>

#define TIMER_NEVER UINT64_MAX

typedef struct Timer {
    uint64_t deadline;           /* host ns (core/host.h host_clock_ns), or TIMER_NEVER */
    void (*cb)(void *opaque);
    void *opaque;
    struct TimerList *list;
    struct Timer *next;          /* every timer of the list, armed or not */
} Timer;

typedef struct TimerList {
    pthread_mutex_t lock;
    Timer *head;
    /* called (without the lock) when a timer was armed earlier than every other one: the
     * machine wakes whoever sleeps until the next deadline */
    void (*changed)(void *opaque);
    void *changed_opaque;
} TimerList;

void timer_list_init(TimerList *l, void (*changed)(void *opaque), void *opaque);
void timer_list_destroy(TimerList *l);
/* The earliest deadline of an armed timer, or TIMER_NEVER. */
uint64_t timer_list_deadline(TimerList *l);
/* Fire every timer whose deadline is <= now (each is disarmed before its callback runs). */
void timer_list_run(TimerList *l, uint64_t now);

/* A disarmed timer in list l; timer_remove takes it out again (before its memory goes). */
void timer_init(Timer *t, TimerList *l, void (*cb)(void *opaque), void *opaque);
void timer_remove(Timer *t);
/* Arm (or move) the timer to fire at host time deadline_ns; TIMER_NEVER disarms it. */
void timer_mod(Timer *t, uint64_t deadline_ns);
void timer_del(Timer *t);
/* Is the timer armed, and when does it fire (TIMER_NEVER if not)? */
uint64_t timer_deadline(Timer *t);

/* Host ns at which `ticks` of a clock of hz ticks per second have passed after now_ns
 * (saturating: TIMER_NEVER when it would not fit). */
uint64_t timer_ticks_to_deadline(uint64_t now_ns, uint64_t ticks, uint64_t hz);

#endif

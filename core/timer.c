/*
 * core/timer.c — the machine's timer list (see core/timer.h).  A machine has a handful
 * of timers (two per hart on RISC-V), so a linked list scanned in full is both simplest
 * and fast enough: the scan runs at most once per poll interval.
 */
#include "core/timer.h"

#include <stdbool.h>
#include <string.h>

void timer_list_init(TimerList *l, void (*changed)(void *opaque), void *opaque)
{
    memset(l, 0, sizeof(*l));
    pthread_mutex_init(&l->lock, NULL);
    l->changed = changed;
    l->changed_opaque = opaque;
}

void timer_list_destroy(TimerList *l)
{
    pthread_mutex_destroy(&l->lock);
}

static uint64_t deadline_locked(TimerList *l)
{
    uint64_t best = TIMER_NEVER;
    for (Timer *t = l->head; t; t = t->next) {
        if (t->deadline < best) {
            best = t->deadline;
        }
    }
    return best;
}

uint64_t timer_list_deadline(TimerList *l)
{
    pthread_mutex_lock(&l->lock);
    uint64_t d = deadline_locked(l);
    pthread_mutex_unlock(&l->lock);
    return d;
}

void timer_list_run(TimerList *l, uint64_t now)
{
    /* One expired timer at a time, the lock released around its callback (which may
     * re-arm it or others).  A callback that re-arms its timer in the past fires again
     * at the next run, not in this one: the bound keeps a misprogrammed guest from
     * spinning here. */
    unsigned fired = 0, limit = 0;
    pthread_mutex_lock(&l->lock);
    for (Timer *t = l->head; t; t = t->next) {
        limit++;
    }
    while (fired < limit) {
        Timer *due = NULL;
        for (Timer *t = l->head; t; t = t->next) {
            if (t->deadline <= now && (!due || t->deadline < due->deadline)) {
                due = t;
            }
        }
        if (!due) {
            break;
        }
        due->deadline = TIMER_NEVER;
        pthread_mutex_unlock(&l->lock);
        due->cb(due->opaque);
        fired++;
        pthread_mutex_lock(&l->lock);
    }
    pthread_mutex_unlock(&l->lock);
}

void timer_init(Timer *t, TimerList *l, void (*cb)(void *opaque), void *opaque)
{
    t->deadline = TIMER_NEVER;
    t->cb = cb;
    t->opaque = opaque;
    t->list = l;
    pthread_mutex_lock(&l->lock);
    t->next = l->head;
    l->head = t;
    pthread_mutex_unlock(&l->lock);
}

void timer_remove(Timer *t)
{
    TimerList *l = t->list;
    if (!l) {
        return;
    }
    pthread_mutex_lock(&l->lock);
    for (Timer **p = &l->head; *p; p = &(*p)->next) {
        if (*p == t) {
            *p = t->next;
            break;
        }
    }
    pthread_mutex_unlock(&l->lock);
    t->list = NULL;
}

void timer_mod(Timer *t, uint64_t deadline_ns)
{
    TimerList *l = t->list;
    pthread_mutex_lock(&l->lock);
    bool earliest = deadline_ns != TIMER_NEVER && deadline_ns < deadline_locked(l);
    t->deadline = deadline_ns;
    pthread_mutex_unlock(&l->lock);
    if (earliest && l->changed) {
        l->changed(l->changed_opaque);
    }
}

void timer_del(Timer *t)
{
    timer_mod(t, TIMER_NEVER);
}

uint64_t timer_deadline(Timer *t)
{
    pthread_mutex_lock(&t->list->lock);
    uint64_t d = t->deadline;
    pthread_mutex_unlock(&t->list->lock);
    return d;
}

uint64_t timer_ticks_to_deadline(uint64_t now_ns, uint64_t ticks, uint64_t hz)
{
    /* ns = ticks * 1e9 / hz without overflow: whole seconds and the remainder apart */
    uint64_t secs = ticks / hz, rem = ticks % hz;
    if (secs > (TIMER_NEVER - now_ns) / 1000000000ull) {
        return TIMER_NEVER;
    }
    uint64_t ns = secs * 1000000000ull + (rem * 1000000000ull + hz - 1) / hz;
    return ns > TIMER_NEVER - 1 - now_ns ? TIMER_NEVER : now_ns + ns;
}

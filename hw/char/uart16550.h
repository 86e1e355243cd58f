/*
 * hw/char/uart16550.h — NS16550A-compatible UART (register-level model).
 */
#ifndef HW_CHAR_UART16550_H
#define HW_CHAR_UART16550_H

#include <stdbool.h>
#include <stdint.h>

#include "core/chardev.h"
#include "core/device.h"
#include "core/irq.h"
#include "core/memory.h"

struct Machine;

#define UART_RX_FIFO 16

typedef struct Uart16550 {
    Device dev;
    uint8_t ier, iir_fcr, lcr, mcr, lsr, msr, scr;
    uint8_t dll, dlm;
    uint8_t fcr;
    uint8_t rx[UART_RX_FIFO];
    unsigned rx_head, rx_count;
    bool thr_ipending;  /* THR-empty interrupt pending (cleared by reading IIR / writing THR) */
    int reg_shift;      /* register stride: 1 << reg_shift bytes (0 on QEMU virt) */
    CharFrontend chr;   /* its backend (serial_hd(i)); not connected: bytes go nowhere */
    IrqLine irq;        /* set by the board */
} Uart16550;

extern const MemoryOps uart16550_ops;

/* Set up the UART (registers at power-on values, line unwired, reg_shift as given) on the
 * character backend chr (NULL: none) and add it to the machine as `name`.  Input comes
 * from chr as fast as the receive FIFO has room.  false if chr has no room for another
 * front end (CHARDEV_MAX_FRONTENDS). */
bool uart16550_init(Uart16550 *u, struct Machine *m, const char *name, int reg_shift,
                    Chardev *chr);
/* Offer received bytes; returns how many were accepted (the FIFO's room). */
unsigned uart16550_receive(Uart16550 *u, const uint8_t *buf, unsigned len);

#endif

/*
 * hw/char/uart16550.c — NS16550A UART.  Registers per the TI/National PC16550D datasheet:
 *   0 RBR (read) / THR (write) / DLL (DLAB=1)   1 IER / DLM (DLAB=1)
 *   2 IIR (read) / FCR (write)                  3 LCR   4 MCR   5 LSR   6 MSR   7 SCR
 * Transmission is instantaneous: bytes go straight to the character backend (core/chardev.h),
 * which also delivers input while the receive FIFO has room.
 */
#include "hw/char/uart16550.h"

#include <string.h>


#define LSR_DR 0x01
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define IER_RDI 0x01  /* received data available */
#define IER_THRI 0x02 /* transmitter holding register empty */
#define IIR_NO_INT 0x01
#define IIR_THRI 0x02
#define IIR_RDI 0x04
#define IIR_FIFO_ENABLED 0xc0
#define LCR_DLAB 0x80
#define MCR_LOOP 0x10

static void uart_update_irq(Uart16550 *u)
{
    uint8_t iir = IIR_NO_INT;
    if ((u->ier & IER_RDI) && u->rx_count) {
        iir = IIR_RDI;
    } else if ((u->ier & IER_THRI) && u->thr_ipending) {
        iir = IIR_THRI;
    }
    u->iir_fcr = iir | ((u->fcr & 1) ? IIR_FIFO_ENABLED : 0);
    irq_set(&u->irq, !(iir & IIR_NO_INT));
}

static void uart_reset(Device *d)
{
    Uart16550 *u = (Uart16550 *)d;
    Uart16550 keep = *u; /* what the board set up */
    memset(u, 0, sizeof(*u));
    u->dev = keep.dev;
    u->reg_shift = keep.reg_shift;
    u->chr = keep.chr;
    u->irq = keep.irq;
    u->lsr = LSR_THRE | LSR_TEMT;
    u->msr = 0xb0; /* DCD, DSR, CTS asserted: a connected terminal */
    u->iir_fcr = IIR_NO_INT;
    irq_set(&u->irq, 0);
}

static void uart_save(Device *d, StateWriter *w)
{
    Uart16550 *u = (Uart16550 *)d;
    const uint8_t regs[] = {u->ier, u->iir_fcr, u->lcr, u->mcr, u->lsr, u->msr, u->scr,
                            u->dll, u->dlm, u->fcr};
    sw_bytes(w, regs, sizeof(regs));
    sw_u8(w, (uint8_t)u->rx_count);
    for (unsigned i = 0; i < u->rx_count; i++) {
        sw_u8(w, u->rx[(u->rx_head + i) % UART_RX_FIFO]);
    }
    sw_bool(w, u->thr_ipending);
}

static bool uart_load(Device *d, StateReader *r, uint32_t version)
{
    (void)version;
    Uart16550 *u = (Uart16550 *)d;
    uint8_t regs[10], rx[UART_RX_FIFO];
    sr_bytes(r, regs, sizeof(regs));
    unsigned count = sr_u8(r);
    if (count > UART_RX_FIFO) {
        return false;
    }
    sr_bytes(r, rx, count);
    bool thr = sr_bool(r);
    if (r->failed) {
        return false;
    }
    u->ier = regs[0], u->iir_fcr = regs[1], u->lcr = regs[2], u->mcr = regs[3];
    u->lsr = regs[4], u->msr = regs[5], u->scr = regs[6], u->dll = regs[7];
    u->dlm = regs[8], u->fcr = regs[9];
    memcpy(u->rx, rx, count);
    u->rx_head = 0;
    u->rx_count = count;
    u->thr_ipending = thr;
    uart_update_irq(u);
    return true;
}

static const DeviceOps uart_device_ops = {
    .type = "ns16550a",
    .version = 1,
    .reset = uart_reset,
    .save = uart_save,
    .load = uart_load,
};

static size_t uart_can_receive(void *opaque)
{
    Uart16550 *u = opaque;
    return UART_RX_FIFO - u->rx_count;
}

static void uart_chr_receive(void *opaque, const uint8_t *buf, size_t len)
{
    uart16550_receive(opaque, buf, (unsigned)len);
}

static const CharFrontendOps uart_chr_ops = {uart_can_receive, uart_chr_receive};

bool uart16550_init(Uart16550 *u, struct Machine *m, const char *name, int reg_shift,
                    Chardev *chr)
{
    memset(u, 0, sizeof(*u));
    u->reg_shift = reg_shift;
    if (!chardev_fe_init(&u->chr, chr, &uart_chr_ops, u)) {
        return false;
    }
    device_add(m, &u->dev, &uart_device_ops, name);
    uart_reset(&u->dev);
    return true;
}

unsigned uart16550_receive(Uart16550 *u, const uint8_t *buf, unsigned len)
{
    unsigned n = 0;
    while (n < len && u->rx_count < UART_RX_FIFO) {
        u->rx[(u->rx_head + u->rx_count) % UART_RX_FIFO] = buf[n++];
        u->rx_count++;
    }
    if (n) {
        uart_update_irq(u);
    }
    return n;
}

static uint64_t uart_read(void *opaque, uint64_t offset, unsigned size)
{
    Uart16550 *u = opaque;
    (void)size;
    switch (offset >> u->reg_shift) {
    case 0:
        if (u->lcr & LCR_DLAB) {
            return u->dll;
        }
        if (u->rx_count) {
            uint8_t c = u->rx[u->rx_head];
            u->rx_head = (u->rx_head + 1) % UART_RX_FIFO;
            u->rx_count--;
            uart_update_irq(u);
            return c;
        }
        return 0;
    case 1:
        return (u->lcr & LCR_DLAB) ? u->dlm : u->ier;
    case 2: {
        uint8_t iir = u->iir_fcr;
        if ((iir & 0x0f) == IIR_THRI) {
            u->thr_ipending = false; /* reading IIR acknowledges THR empty */
            uart_update_irq(u);
        }
        return iir;
    }
    case 3:
        return u->lcr;
    case 4:
        return u->mcr;
    case 5:
        return u->lsr | (u->rx_count ? LSR_DR : 0);
    case 6:
        return (u->mcr & MCR_LOOP) ? (uint64_t)((u->mcr & 0x0c) << 4 | (u->mcr & 0x03) << 4)
                                   : u->msr;
    case 7:
        return u->scr;
    default:
        return 0;
    }
}

static void uart_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Uart16550 *u = opaque;
    uint8_t v = (uint8_t)value;
    (void)size;
    switch (offset >> u->reg_shift) {
    case 0:
        if (u->lcr & LCR_DLAB) {
            u->dll = v;
        } else if (u->mcr & MCR_LOOP) {
            uart16550_receive(u, &v, 1);
        } else {
            chardev_fe_write(&u->chr, &v, 1);
            u->thr_ipending = true; /* transmitted at once: THR is empty again */
            uart_update_irq(u);
        }
        break;
    case 1:
        if (u->lcr & LCR_DLAB) {
            u->dlm = v;
        } else {
            uint8_t old = u->ier;
            u->ier = v & 0x0f;
            if ((u->ier & IER_THRI) && !(old & IER_THRI)) {
                u->thr_ipending = true; /* enabling THRI with THR empty raises it */
            }
            uart_update_irq(u);
        }
        break;
    case 2:
        u->fcr = v & 0xc9;
        if (v & 0x02) {
            u->rx_head = u->rx_count = 0; /* clear receive FIFO */
        }
        uart_update_irq(u);
        break;
    case 3:
        u->lcr = v;
        break;
    case 4:
        u->mcr = v & 0x1f;
        break;
    case 7:
        u->scr = v;
        break;
    default:
        break; /* LSR and MSR are read-only */
    }
}

const MemoryOps uart16550_ops = {uart_read, uart_write};

/*
 * hw/char/pl011.c — ARM PrimeCell UART PL011 (ARM DDI 0183).  hw/char/pl011.h says what is
 * modelled and why; the register and bit names below are the TRM's.
 */
#include "hw/char/pl011.h"

#include <string.h>

#include "core/machine.h"

enum {
    R_DR = 0x000, R_RSR = 0x004, R_FR = 0x018, R_ILPR = 0x020, R_IBRD = 0x024,
    R_FBRD = 0x028, R_LCR_H = 0x02c, R_CR = 0x030, R_IFLS = 0x034, R_IMSC = 0x038,
    R_RIS = 0x03c, R_MIS = 0x040, R_ICR = 0x044, R_DMACR = 0x048,
    R_ITCR = 0x080, R_TDR = 0x08c, /* integration test registers: not modelled */
    R_ID = 0xfe0,
};

/* UARTFR */
#define FR_CTS 0x001
#define FR_DSR 0x002
#define FR_DCD 0x004
#define FR_RXFE 0x010
#define FR_TXFF 0x020
#define FR_RXFF 0x040
#define FR_TXFE 0x080
#define FR_RI 0x100

/* UARTDR error bits (11:8), UARTRSR holds the same four in 3:0 */
#define DR_FE 0x100
#define DR_PE 0x200
#define DR_BE 0x400
#define DR_OE 0x800
#define RSR_OE 0x8

/* UARTLCR_H */
#define LCR_H_BRK 0x01
#define LCR_H_FEN 0x10

/* UARTCR */
#define CR_LBE 0x0080
#define CR_DTR 0x0400
#define CR_RTS 0x0800
#define CR_OUT1 0x1000
#define CR_OUT2 0x2000

/* interrupt bits of IMSC / RIS / MIS / ICR */
#define INT_RI 0x001
#define INT_CTS 0x002
#define INT_DCD 0x004
#define INT_DSR 0x008
#define INT_RX 0x010
#define INT_TX 0x020
#define INT_BE 0x200
#define INT_OE 0x400
#define INT_ALL 0x7ff

/* QEMU's "pl011" (ARM's own) identification: part 0x011, designer ARM, revision 1 */
static const uint8_t pl011_id[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

/* The reset values of the TRM (and QEMU): TXE and RXE set, IFLS at half full. */
#define CR_RESET 0x0300
#define IFLS_RESET 0x12

static void pl011_log(Pl011 *u, uint32_t item, uint64_t key, const char *fmt,
                      uint64_t offset)
{
    Log *log = &u->machine->log;
    if (log_enabled(log, item) && log_once(&u->logged, key)) {
        log_printf(log, fmt, (unsigned long long)offset);
    }
}

static unsigned fifo_depth(const Pl011 *u)
{
    return (u->lcr_h & LCR_H_FEN) ? PL011_FIFO_DEPTH : 1;
}

static void pl011_update_irq(Pl011 *u)
{
    irq_set(&u->irq, (u->ris & u->imsc) != 0);
}

static void fifo_clear(Pl011 *u)
{
    u->rx_head = u->rx_count = 0;
}

/* One entry into the receive FIFO (from the backend or looped back); false if full, which
 * is an overrun: the entry is lost (TRM 2.4.3). */
static bool fifo_put(Pl011 *u, uint16_t entry)
{
    if (u->rx_count >= fifo_depth(u)) {
        u->rsr |= RSR_OE;
        u->ris |= INT_OE;
        return false;
    }
    u->rx[(u->rx_head + u->rx_count) % PL011_FIFO_DEPTH] = entry;
    u->rx_count++;
    u->ris |= INT_RX; /* as soon as data is there (see pl011.h) */
    if (entry & DR_BE) {
        u->ris |= INT_BE;
    }
    return true;
}

/* The modem inputs as loopback drives them from CR (TRM, UARTCR.LBE); without loopback
 * nothing drives them: deasserted.  A change of a line raises its interrupt. */
static void update_modem_lines(Pl011 *u)
{
    uint16_t fr = 0;
    if (u->cr & CR_LBE) {
        fr |= (u->cr & CR_OUT2) ? FR_RI : 0;
        fr |= (u->cr & CR_OUT1) ? FR_DCD : 0;
        fr |= (u->cr & CR_RTS) ? FR_CTS : 0;
        fr |= (u->cr & CR_DTR) ? FR_DSR : 0;
    }
    uint16_t changed = fr ^ u->modem_fr;
    u->ris |= (changed & FR_RI) ? INT_RI : 0;
    u->ris |= (changed & FR_DCD) ? INT_DCD : 0;
    u->ris |= (changed & FR_CTS) ? INT_CTS : 0;
    u->ris |= (changed & FR_DSR) ? INT_DSR : 0;
    u->modem_fr = fr;
}

static void pl011_reset(Device *d)
{
    Pl011 *u = (Pl011 *)d;
    u->rsr = u->ilpr = u->ibrd = u->fbrd = u->lcr_h = 0;
    u->imsc = u->ris = u->dmacr = u->modem_fr = 0;
    u->cr = CR_RESET;
    u->ifls = IFLS_RESET;
    memset(u->rx, 0, sizeof(u->rx));
    fifo_clear(u);
    pl011_update_irq(u);
}

static void pl011_save(Device *d, StateWriter *w)
{
    Pl011 *u = (Pl011 *)d;
    const uint16_t regs[] = {u->rsr, u->ilpr, u->ibrd, u->fbrd, u->lcr_h, u->cr,
                             u->ifls, u->imsc, u->ris, u->dmacr, u->modem_fr};
    for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        sw_u16(w, regs[i]);
    }
    sw_u8(w, (uint8_t)u->rx_count);
    for (unsigned i = 0; i < u->rx_count; i++) {
        sw_u16(w, u->rx[(u->rx_head + i) % PL011_FIFO_DEPTH]);
    }
}

/* The width of each saved register (in save order): a wider value is a damaged stream. */
static const uint16_t saved_masks[] = {
    0x000f, 0x00ff, 0xffff, 0x003f, 0x00ff, 0xffff, 0x003f, INT_ALL, INT_ALL, 0x0007,
    FR_RI | FR_DCD | FR_DSR | FR_CTS,
};

static bool pl011_load(Device *d, StateReader *r, uint32_t version)
{
    (void)version;
    Pl011 *u = (Pl011 *)d;
    enum { NREGS = sizeof(saved_masks) / sizeof(saved_masks[0]) };
    uint16_t regs[NREGS], rx[PL011_FIFO_DEPTH];
    for (unsigned i = 0; i < NREGS; i++) {
        regs[i] = sr_u16(r);
        if (regs[i] & ~saved_masks[i]) {
            sr_failf(r, "pl011 register %u has bits the UART does not have", i);
        }
    }
    unsigned count = sr_u8(r);
    unsigned depth = (regs[4] & LCR_H_FEN) ? PL011_FIFO_DEPTH : 1;
    if (!r->failed && count > depth) {
        sr_failf(r, "pl011 receive FIFO holds %u entries, more than its depth %u", count,
                 depth);
    }
    for (unsigned i = 0; i < count && !r->failed; i++) {
        rx[i] = sr_u16(r);
        if (rx[i] & ~0x0fffu) {
            sr_fail(r);
        }
    }
    if (r->failed) {
        return false;
    }
    u->rsr = regs[0], u->ilpr = regs[1], u->ibrd = regs[2], u->fbrd = regs[3];
    u->lcr_h = regs[4], u->cr = regs[5], u->ifls = regs[6], u->imsc = regs[7];
    u->ris = regs[8], u->dmacr = regs[9], u->modem_fr = regs[10];
    memcpy(u->rx, rx, count * sizeof(rx[0]));
    u->rx_head = 0;
    u->rx_count = count;
    pl011_update_irq(u);
    return true;
}

static const DeviceOps pl011_device_ops = {
    .type = "pl011",
    .version = 1,
    .reset = pl011_reset,
    .save = pl011_save,
    .load = pl011_load,
};

static size_t pl011_can_receive(void *opaque)
{
    Pl011 *u = opaque;
    if (u->cr & CR_LBE) {
        return 0; /* loopback disconnects the receive line: input waits in the host */
    }
    return fifo_depth(u) - u->rx_count;
}

static void pl011_chr_receive(void *opaque, const uint8_t *buf, size_t len)
{
    pl011_receive(opaque, buf, (unsigned)len);
}

static const CharFrontendOps pl011_chr_ops = {pl011_can_receive, pl011_chr_receive};

bool pl011_init(Pl011 *u, Machine *m, const char *name, Chardev *chr)
{
    memset(u, 0, sizeof(*u));
    u->machine = m;
    if (!chardev_fe_init(&u->chr, chr, &pl011_chr_ops, u)) {
        return false;
    }
    device_add(m, &u->dev, &pl011_device_ops, name);
    pl011_reset(&u->dev);
    return true;
}

unsigned pl011_receive(Pl011 *u, const uint8_t *buf, unsigned len)
{
    unsigned n = 0;
    if (u->cr & CR_LBE) {
        return 0;
    }
    while (n < len && u->rx_count < fifo_depth(u)) {
        fifo_put(u, buf[n++]);
    }
    if (n) {
        pl011_update_irq(u);
    }
    return n;
}

static uint32_t read_dr(Pl011 *u)
{
    if (!u->rx_count) {
        return 0;
    }
    uint16_t c = u->rx[u->rx_head];
    u->rx_head = (u->rx_head + 1) % PL011_FIFO_DEPTH;
    u->rx_count--;
    u->rsr = (c >> 8) & 0xf; /* the errors of the byte just read */
    if (!u->rx_count) {
        u->ris &= ~INT_RX; /* drained below the (one-byte) trigger level */
    }
    pl011_update_irq(u);
    return c;
}

static uint32_t pl011_reg_read(Pl011 *u, uint64_t reg)
{
    switch (reg) {
    case R_DR:
        return read_dr(u);
    case R_RSR:
        return u->rsr;
    case R_FR: {
        unsigned depth = fifo_depth(u);
        uint32_t fr = FR_TXFE | u->modem_fr; /* transmit FIFO always empty */
        fr |= u->rx_count ? 0 : FR_RXFE;
        fr |= u->rx_count >= depth ? FR_RXFF : 0;
        return fr;
    }
    case R_ILPR:
        return u->ilpr;
    case R_IBRD:
        return u->ibrd;
    case R_FBRD:
        return u->fbrd;
    case R_LCR_H:
        return u->lcr_h;
    case R_CR:
        return u->cr;
    case R_IFLS:
        return u->ifls;
    case R_IMSC:
        return u->imsc;
    case R_RIS:
        return u->ris;
    case R_MIS:
        return u->ris & u->imsc;
    case R_DMACR:
        return u->dmacr;
    default:
        break;
    }
    if (reg >= R_ID) {
        return pl011_id[(reg - R_ID) >> 2];
    }
    if (reg >= R_ITCR && reg <= R_TDR) {
        pl011_log(u, LOG_UNIMP, reg, "pl011: read of unimplemented test register 0x%llx "
                  "(reads as 0)\n", reg);
    } else {
        pl011_log(u, LOG_GUEST_ERROR, reg, "pl011: read of reserved offset 0x%llx\n", reg);
    }
    return 0;
}

static void write_dr(Pl011 *u, uint8_t c)
{
    if (u->cr & CR_LBE) {
        fifo_put(u, c); /* loopback: TXD is fed to RXD inside the UART */
    } else {
        chardev_fe_write(&u->chr, &c, 1);
    }
    u->ris |= INT_TX; /* sent at once: the transmit FIFO is empty again */
    pl011_update_irq(u);
}

static void write_lcr_h(Pl011 *u, uint16_t v)
{
    uint16_t old = u->lcr_h;
    if ((old ^ v) & LCR_H_FEN) {
        fifo_clear(u); /* the FIFOs flush when they are switched on or off */
        u->ris &= ~INT_RX;
    }
    u->lcr_h = v;
    if ((v & LCR_H_BRK) && !(old & LCR_H_BRK) && (u->cr & CR_LBE)) {
        fifo_put(u, DR_BE); /* a looped-back break: one NUL with the break error */
    }
    pl011_update_irq(u);
}

static void pl011_reg_write(Pl011 *u, uint64_t reg, uint32_t v)
{
    switch (reg) {
    case R_DR:
        write_dr(u, (uint8_t)v);
        return;
    case R_RSR:
        u->rsr = 0; /* UARTECR: any write clears the errors */
        return;
    case R_ILPR:
        u->ilpr = v & 0xff;
        return;
    case R_IBRD:
        u->ibrd = v & 0xffff;
        return;
    case R_FBRD:
        u->fbrd = v & 0x3f;
        return;
    case R_LCR_H:
        write_lcr_h(u, v & 0xff);
        return;
    case R_CR:
        u->cr = v & 0xffff;
        update_modem_lines(u);
        pl011_update_irq(u);
        return;
    case R_IFLS:
        u->ifls = v & 0x3f;
        return;
    case R_IMSC:
        u->imsc = v & INT_ALL;
        pl011_update_irq(u);
        return;
    case R_ICR:
        u->ris &= ~(v & INT_ALL);
        pl011_update_irq(u);
        return;
    case R_DMACR:
        u->dmacr = v & 7;
        if (v & 3) {
            pl011_log(u, LOG_UNIMP, 0x10000 | reg,
                      "pl011: DMA requests (DMACR 0x%llx) are not implemented\n", v);
        }
        return;
    default:
        break;
    }
    if (reg >= R_ITCR && reg <= R_TDR) {
        pl011_log(u, LOG_UNIMP, reg, "pl011: write of unimplemented test register 0x%llx\n",
                  reg);
    } else {
        pl011_log(u, LOG_GUEST_ERROR, reg,
                  "pl011: write to read-only or reserved offset 0x%llx\n", reg);
    }
}

static uint64_t pl011_read(void *opaque, uint64_t offset, unsigned size)
{
    Pl011 *u = opaque;
    if (size > 4) {
        pl011_log(u, LOG_GUEST_ERROR, 0x20000 | offset,
                  "pl011: 8-byte read at 0x%llx (reads as 0)\n", offset);
        return 0;
    }
    unsigned lane = (unsigned)(offset & 3);
    uint32_t v = pl011_reg_read(u, offset & ~3ull) >> (8 * lane);
    return size == 4 ? v : v & ((1u << (8 * size)) - 1);
}

static void pl011_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Pl011 *u = opaque;
    if (size > 4) {
        pl011_log(u, LOG_GUEST_ERROR, 0x20000 | offset,
                  "pl011: 8-byte write at 0x%llx (ignored)\n", offset);
        return;
    }
    pl011_reg_write(u, offset & ~3ull, (uint32_t)value << (8 * (offset & 3)));
}

const MemoryOps pl011_ops = {pl011_read, pl011_write};

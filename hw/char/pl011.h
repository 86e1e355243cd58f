/*
 * hw/char/pl011.h — ARM PrimeCell UART PL011 (ARM DDI 0183), as QEMU's "pl011": the
 * console UART of the aarch64 `virt` board (0x09000000, SPI 1) and of raspi3's
 * serial0.  Register-level model behind a 4 KiB MMIO window:
 *
 *   0x000 DR      data (read: received byte + error bits 11:8; write: transmit)
 *   0x004 RSR/ECR receive status (read) / error clear (write)
 *   0x018 FR      flags: TXFE, RXFF, TXFF, RXFE, BUSY (read-only)
 *   0x020 ILPR    0x024 IBRD   0x028 FBRD   0x02c LCR_H   0x030 CR   0x034 IFLS
 *   0x038 IMSC    0x03c RIS    0x040 MIS    0x044 ICR     0x048 DMACR
 *   0xfe0-0xffc   peripheral and PrimeCell IDs (Linux's AMBA bus probes them)
 *
 * What the model does (and why):
 *  - Receive FIFO of 16 entries with LCR_H.FEN set, 1 (a holding register) without it.
 *    16 is the PL011 r1 depth that the ID registers announce (UARTPeriphID2 = 0x14:
 *    revision 1), which is what Linux's amba-pl011 derives its FIFO size from, and
 *    QEMU's depth too.
 *  - RXRIS rises as soon as one byte is in the FIFO, whatever IFLS says, and falls when
 *    the FIFO is drained (or on ICR).  That is QEMU's behaviour: with a real trigger
 *    level the receive-timeout interrupt delivers the tail of a burst, and without
 *    modelling that timeout a driver that reads only on interrupts would see input
 *    late.  IFLS is stored and reads back.
 *  - Transmission is instantaneous: a byte written to DR goes to the character backend at
 *    once, so FR.TXFE is always set and TXFF / BUSY never are, and every write to DR
 *    raises TXRIS (the FIFO has drained to empty, at or below any trigger level), which
 *    stays until ICR clears it.  Linux's TX path (write while FR.TXFF is clear, unmask
 *    TXIM while its buffer holds more, mask it when empty) works with that; it is QEMU's
 *    behaviour too.  TXRIS is not set at reset (the TRM's reset value).
 *  - CR.UARTEN/TXE/RXE are stored but do not gate the data path, as in QEMU: firmware and
 *    bare-metal programs written for QEMU print through DR without enabling the UART.
 *  - CR.LBE (loopback) feeds transmitted bytes (and a break, LCR_H.BRK) back into the
 *    receive FIFO and ignores the backend's input while set.
 *  - No DMA: DMACR is stored; enabling a DMA request logs once under -d unimp.
 *  - Modem lines (CTS, DSR, DCD, RI) read as deasserted; their interrupts never rise
 *    except through loopback of CR's RTS/DTR/Out1/Out2 as the TRM describes.
 *  - Accesses of 1, 2 or 4 bytes, as the APB bus gives them: the register is the word at
 *    offset & ~3 and a narrower access sees or drives its byte lanes.  8-byte accesses
 *    read 0 and are ignored (logged under -d guest_errors).
 *
 * One combined interrupt output, UARTINTR (`irq`, set by the board): high while
 * RIS & IMSC is not zero.  Input comes from the character backend as fast as the FIFO has
 * room (core/chardev.h), as for the 16550.
 */
#ifndef HW_CHAR_PL011_H
#define HW_CHAR_PL011_H

#include <stdbool.h>
#include <stdint.h>

#include "core/chardev.h"
#include "core/device.h"
#include "core/irq.h"
#include "core/log.h"
#include "core/memory.h"

struct Machine;

#define PL011_SIZE 0x1000
#define PL011_FIFO_DEPTH 16

typedef struct Pl011 {
    Device dev;
    struct Machine *machine;     /* for the -d log */
    /* registers */
    uint16_t rsr, ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;
    uint16_t modem_fr;           /* FR's modem bits (CTS/DSR/DCD/RI), from loopback */
    /* receive FIFO: entries are the data byte plus DR's error bits (11:8) */
    uint16_t rx[PL011_FIFO_DEPTH];
    unsigned rx_head, rx_count;
    CharFrontend chr;            /* its backend (serial_hd(i)); none: bytes go nowhere */
    IrqLine irq;                 /* UARTINTR, set by the board */
    LogOnce logged;
} Pl011;

extern const MemoryOps pl011_ops;

/*
 * Set up a PL011 (power-on register values, line unwired) on the character backend chr
 * (NULL: none) and add it to the machine's devices as `name` ("pl011@9000000").  The
 * board then maps pl011_ops with the Pl011 as opaque over PL011_SIZE bytes and wires
 * `irq`.  false if chr has no room for another front end (CHARDEV_MAX_FRONTENDS).
 */
bool pl011_init(Pl011 *u, struct Machine *m, const char *name, Chardev *chr);
/* Offer received bytes; returns how many the FIFO took (what the backend's poll does). */
unsigned pl011_receive(Pl011 *u, const uint8_t *buf, unsigned len);

#endif

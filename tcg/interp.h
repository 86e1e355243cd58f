/*
 * tcg/interp.h — the IR interpreter.
 *
 * An optimized IrBlock is translated once into compact bytecode whose operands are
 * pre-resolved (byte offsets of globals in the CPU state, slots in the vCPU's temp frame
 * cpu->frame, constants inline), then run many times.
 */
#ifndef TCG_INTERP_H
#define TCG_INTERP_H

#include <stddef.h>
#include <stdint.h>

#include "tcg/ir.h"

struct CPUState;
typedef struct InterpCode InterpCode;

/* Translate IR into bytecode.  Returns NULL only if host memory runs out. */
InterpCode *interp_compile(const IrBlock *b);
void interp_free(InterpCode *code);
size_t interp_code_size(const InterpCode *code);

/*
 * Run the code once.  tb_pc is the pc of the TB's first guest instruction (memory ops'
 * pcoff are relative to it: a fault sets cpu->pc = tb_pc + pcoff).  Returns an ExecExit:
 * the goto_tb slot, EXEC_EXIT_LOOKUP, or EXEC_EXIT_EXCEPTION when a load/store slow path
 * or a MAY_RAISE helper left cpu->excp_index >= 0; then cpu->excp_insn is the index of
 * the guest instruction (IR_INSN_START) that raised.  That costs nothing on the way
 * there: the bytecode of each op that may raise carries its instruction's index.
 */
int interp_exec(struct CPUState *cpu, const InterpCode *code, uint64_t tb_pc);

#endif

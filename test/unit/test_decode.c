/*
 * test/unit/test_decode.c — the RISC-V decoder tables: every compressed format, with
 * extreme immediates, expands to the right instruction and operands.  Encodings come
 * from the GNU assembler (riscv64-linux-gnu-as) for the listed source lines.
 */
#include <string.h>

#include "core/riscv/translate.h"
#include "test/unit/test.h"

typedef struct {
    uint32_t insn;
    int ilen;
    const char *name;
    int rd, rs1, rs2;
    int64_t imm;
} DecodeCase;

/* x8=s0 x9=s1 x10=a0 ... f9=fs1 f15=fa5; rd/rs1 of -1 = not compared; rs2 of 0 = not
 * compared */
static const DecodeCase cases[] = {
    {0x1fe0, 2, "c.addi4spn", 8, 2, 0, 1020},   /* c.addi4spn s0, sp, 1020 */
    {0x3d7c, 2, "c.fld", 15, 10, 0, 248},       /* c.fld fa5, 248(a0) */
    {0x5ff0, 2, "c.lw", 12, 15, 0, 124},        /* c.lw a2, 124(a5) */
    {0x7cf4, 2, "c.ld", 13, 9, 0, 248},         /* c.ld a3, 248(s1) */
    {0xa704, 2, "c.fsd", 0, 14, 9, 8},          /* c.fsd fs1, 8(a4) */
    {0xc1a8, 2, "c.sw", 0, 11, 10, 64},         /* c.sw a0, 64(a1) */
    {0xe05c, 2, "c.sd", 0, 8, 15, 128},         /* c.sd a5, 128(s0) */
    {0x1281, 2, "c.addi", 5, 5, 0, -32},        /* c.addi t0, -32 */
    {0x257d, 2, "c.addiw", 10, 10, 0, 31},      /* c.addiw a0, 31 */
    {0x537d, 2, "c.li", 6, 0, 0, -1},           /* c.li t1, -1 */
    {0x7101, 2, "c.addi16sp", 2, 2, 0, -512},   /* c.addi16sp sp, -512 */
    {0x617d, 2, "c.addi16sp", 2, 2, 0, 496},    /* c.addi16sp sp, 496 */
    {0x7381, 2, "c.lui", 7, 0, 0, -0x20000},    /* c.lui t2, 0xfffe0 */
    {0x63fd, 2, "c.lui", 7, 0, 0, 0x1f000},     /* c.lui t2, 0x1f */
    {0x917d, 2, "c.srli", 10, 10, 0, 63},       /* c.srli a0, 63 */
    {0x8585, 2, "c.srai", 11, 11, 0, 1},        /* c.srai a1, 1 */
    {0x9a31, 2, "c.andi", 12, 12, 0, -20},      /* c.andi a2, -20 */
    {0x8e99, 2, "c.sub", 13, 13, 14, 0},        /* c.sub a3, a4 */
    {0x8c25, 2, "c.xor", 8, 8, 9, 0},           /* c.xor s0, s1 */
    {0x8d5d, 2, "c.or", 10, 10, 15, 0},         /* c.or a0, a5 */
    {0x8df1, 2, "c.and", 11, 11, 12, 0},        /* c.and a1, a2 */
    {0x9e99, 2, "c.subw", 13, 13, 14, 0},       /* c.subw a3, a4 */
    {0x9fa1, 2, "c.addw", 15, 15, 8, 0},        /* c.addw a5, s0 */
    {0x1e06, 2, "c.slli", 28, 28, 0, 33},       /* c.slli t3, 33 */
    {0x30fe, 2, "c.fldsp", 1, 2, 0, 504},       /* c.fldsp ft1, 504(sp) */
    {0x5efe, 2, "c.lwsp", 29, 2, 0, 252},       /* c.lwsp t4, 252(sp) */
    {0x6f22, 2, "c.ldsp", 30, 2, 0, 8},         /* c.ldsp t5, 8(sp) */
    {0x8082, 2, "c.jr", 0, 1, 0, 0},            /* c.jr ra */
    {0x857e, 2, "c.mv", 10, 0, 31, 0},          /* c.mv a0, t6 */
    {0x9002, 2, "c.ebreak", 0, 0, 0, 0},        /* c.ebreak */
    {0x9282, 2, "c.jalr", 1, 5, 0, 0},          /* c.jalr t0 */
    {0x994e, 2, "c.add", 18, 18, 19, 0},        /* c.add s2, s3 */
    {0xbbee, 2, "c.fsdsp", 0, 2, 27, 496},      /* c.fsdsp fs11, 496(sp) */
    {0xc206, 2, "c.swsp", 0, 2, 1, 4},          /* c.swsp ra, 4(sp) */
    {0xffa2, 2, "c.sdsp", 0, 2, 8, 504},        /* c.sdsp s0, 504(sp) */
    {0xb001, 2, "c.j", 0, 0, 0, -2048},         /* c.j .-2048 */
    {0xaffd, 2, "c.j", 0, 0, 0, 2046},          /* c.j .+2046 */
    {0xd101, 2, "c.beqz", 0, 10, 0, -256},      /* c.beqz a0, .-256 */
    {0xecfd, 2, "c.bnez", 0, 9, 0, 254},        /* c.bnez s1, .+254 */
    /* 32-bit: immediates of every format at their extremes */
    {0x80000fef, 4, "jal", 31, -1, 0, -1048576}, /* jal t6, .-1048576 */
    {0x7ffff06f, 4, "jal", 0, -1, 0, 1048574},   /* jal x0, .+1048574 */
    {0x80000063, 4, "beq", -1, 0, 0, -4096},     /* beq x0, x0, .-4096 */
    {0x7e000fe3, 4, "beq", -1, 0, 0, 4094},      /* beq x0, x0, .+4094 */
    {0x80052023, 4, "sw", 0, 10, 0, -2048},     /* sw x0, -2048(a0) */
    {0xfff50513, 4, "addi", 10, 10, 0, -1},     /* addi a0, a0, -1 */
    {0x800002b7, 4, "lui", 5, -1, 0, -0x80000000LL}, /* lui t0, 0x80000 */
    {0x43f55513, 4, "srai", 10, 10, 0, 0x43f},  /* srai a0, a0, 63 (imm holds funct6) */
};

TEST(compressed_and_extremes)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const DecodeCase *c = &cases[i];
        RiscvArgs a;
        const char *name = NULL;
        memset(&a, 0x55, sizeof(a));
        TransFn fn = riscv_decode(c->insn, c->ilen, &a, &name);
        if (!fn || !name || strcmp(name, c->name) != 0) {
            fprintf(stderr, "  0x%08x: decoded as %s, expected %s\n", c->insn,
                    name ? name : "(none)", c->name);
            test_cur_failed = 1;
            continue;
        }
        /* -1: the field is not an operand of this format (its bits are immediate) */
        if ((c->rd >= 0 && a.rd != c->rd) || (c->rs1 >= 0 && a.rs1 != c->rs1) || (c->rs2 && a.rs2 != c->rs2) || a.imm != c->imm) {
            fprintf(stderr, "  0x%08x %s: rd=%d rs1=%d rs2=%d imm=%lld, expected %d %d %d %lld\n",
                    c->insn, c->name, a.rd, a.rs1, a.rs2, (long long)a.imm, c->rd, c->rs1,
                    c->rs2, (long long)c->imm);
            test_cur_failed = 1;
        }
    }
}

TEST(reserved_encodings_are_illegal)
{
    /* all-zero halfword; c.addi4spn with imm 0; c.lwsp x0; c.jr x0; c.addi16sp 0;
     * c.lui imm 0; reserved C.ALU; 32-bit: slliw with shamt[5] set, an unused opcode */
    const uint32_t illegal16[] = {0x0000, 0x0004, 0x4002, 0x8002, 0x6101, 0x6281, 0x9c41};
    for (size_t i = 0; i < sizeof(illegal16) / sizeof(illegal16[0]); i++) {
        RiscvArgs a;
        const char *name = NULL;
        TransFn fn = riscv_decode(illegal16[i], 2, &a, &name);
        CHECK(fn == trans_illegal);
    }
    RiscvArgs a;
    CHECK(riscv_decode(0x0200101b, 4, &a, NULL) == NULL); /* slliw with shamt[5] = 1 */
    CHECK(riscv_decode(0x0000007b, 4, &a, NULL) == NULL); /* custom-3 opcode */
    CHECK(riscv_decode(0xffffffff, 4, &a, NULL) == NULL);
}

int main(void)
{
    RUN(compressed_and_extremes);
    RUN(reserved_encodings_are_illegal);
    return test_summary();
}

/*
 * hw/fdt_edit.h — changing a device tree the user supplied (-dtb): QEMU keeps the user's
 * tree but writes -append and -initrd into /chosen, and so do we.
 */
#ifndef HW_FDT_EDIT_H
#define HW_FDT_EDIT_H

#include <stddef.h>
#include <stdint.h>

typedef struct FdtChosen {
    const char *bootargs;            /* NULL: keep the tree's own */
    uint64_t initrd_start, initrd_end; /* both 0: keep the tree's own */
} FdtChosen;

/*
 * Copy the DTB `in` (len bytes, checked: a malformed tree is refused, never read out of
 * bounds) into a new malloc'd blob with /chosen's bootargs and linux,initrd-start/-end
 * replaced (and /chosen created if missing).  Returns 0, or a negative FDT_ERR_* code
 * (FDT_ERR_BADARG for a malformed input).
 */
int fdt_rewrite_chosen(const uint8_t *in, size_t len, const FdtChosen *chosen, uint8_t **out,
                       size_t *out_len);

#endif

(module
  (type (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (import "env" "helpers" (table (;0;) 2 funcref))
  (func (;0;) (type 0) (param i32) (result i32)
    (local i32 i32 i32 i32 i64 i64 i64 i64 i64 i64)
    block  ;; label = @1
      local.get 0
      i64.load offset=65536
      local.get 0
      i64.load offset=65544
      i64.add
      local.set 10
      local.get 0
      local.get 10
      i64.const 3
      i64.shl
      i64.store offset=65552
      local.get 10
      i32.wrap_i64
      local.set 4
      local.get 0
      local.get 4
      local.get 0
      i32.load offset=65572
      i32.const -1
      i32.xor
      i32.and
      i32.store offset=65568
      local.get 0
      local.get 10
      local.get 0
      i64.load offset=65536
      i64.lt_u
      i64.extend_i32_u
      i64.store offset=65560
      local.get 0
      i64.const 4100
      i64.store
      i32.const 1
      return
    end
    i32.const 3)
  (export "tb" (func 0)))

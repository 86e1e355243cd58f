(module
  (type (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (import "env" "helpers" (table (;0;) 2 funcref))
  (func (;0;) (type 0) (param i32) (result i32)
    (local i32 i32 i32 i64 i64 i64 i64 i64)
    block  ;; label = @1
      block  ;; label = @2
        block  ;; label = @3
          local.get 0
          i64.load offset=65536
          i64.const 0
          i64.ge_s
          br_if 0 (;@3;)
          local.get 0
          i64.const 0
          local.get 0
          i64.load offset=65536
          i64.sub
          i64.store offset=65536
          local.get 0
          i32.load offset=65568
          i32.const 0
          i32.eq
          br_if 1 (;@2;)
          local.get 0
          i64.const 8192
          i64.store
          i32.const 2
          return
        end
        local.get 0
        local.get 0
        i64.load offset=65536
        local.get 0
        i64.load offset=65544
        local.get 0
        i64.load offset=65536
        local.get 0
        i64.load offset=65544
        i64.gt_s
        select
        i64.store offset=65544
      end
      i32.const 0
      return
    end
    i32.const 3)
  (export "tb" (func 0)))

(module
  (type (;0;) (func (param i32 i32) (result i32)))
  (type (;1;) (func (param i32 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (import "env" "helpers" (table (;0;) 3 funcref))
  (func (;0;) (type 0) (param i32 i32) (result i32)
    (local i32 i32 i32 i32 i32 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    local.get 0
    i64.load offset=65536
    local.set 13
    local.get 0
    i64.load offset=65544
    local.set 14
    local.get 0
    i64.load offset=65552
    local.set 15
    local.get 0
    i32.load offset=24
    local.set 3
    i32.const 2
    local.set 2
    block  ;; label = @1
      loop  ;; label = @2
        block  ;; label = @3
          local.get 1
          br_table 0 (;@3;) 2 (;@1;)
        end
        block  ;; label = @3
          local.get 13
          local.set 8
          local.get 14
          local.set 9
          i64.const 0
          local.get 8
          i64.const 1
          local.get 9
          local.get 9
          i64.eqz
          local.get 8
          i64.const -9223372036854775808
          i64.eq
          local.get 9
          i64.const -1
          i64.eq
          i32.and
          i32.or
          select
          i64.div_s
          local.get 9
          i64.eqz
          select
          local.set 16
          local.get 0
          local.get 0
          i32.load offset=65568
          local.set 5
          local.get 0
          i32.load offset=65572
          local.set 6
          local.get 5
          local.get 5
          local.get 6
          local.get 6
          i32.eqz
          i32.or
          i32.rem_u
          local.get 6
          i32.eqz
          select
          i32.store offset=65568
          local.get 0
          i64.const 4104
          i64.store
          local.get 0
          local.get 16
          local.get 0
          i32.load offset=65572
          i64.extend_i32_u
          i64.const 0
          i64.const 0
          i32.const 2
          call_indirect (type 1)
          local.get 0
          i32.load offset=12
          i32.const 0
          i32.ge_s
          if  ;; label = @4
            local.get 0
            i32.const 0
            i32.store offset=28
            br 1 (;@3;)
          end
          local.set 15
          i32.const 2
          local.set 2
          br 2 (;@1;)
        end
        i32.const 3
        local.set 2
        br 1 (;@1;)
      end
    end
    local.get 0
    local.get 15
    i64.store offset=65552
    local.get 0
    local.get 0
    i64.load offset=131128
    local.get 12
    i64.add
    i64.store offset=131128
    i64.const 0
    local.set 12
    local.get 0
    local.get 3
    i32.store offset=24
    local.get 2)
  (export "tb" (func 0)))

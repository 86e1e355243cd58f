(module
  (type (;0;) (func (param i32 i32) (result i32)))
  (type (;1;) (func (param i32 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (import "env" "helpers" (table (;0;) 2 funcref))
  (func (;0;) (type 0) (param i32 i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i64 i64 i64 i64 i64 i64 i64 i64)
    local.get 0
    i64.load offset=65536
    local.set 14
    local.get 0
    i32.load offset=65568
    local.set 7
    local.get 0
    i64.load offset=65544
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
          block  ;; label = @4
            block  ;; label = @5
              local.get 14
              i64.const 0
              i64.ge_s
              br_if 0 (;@5;)
              i64.const 0
              local.get 14
              i64.sub
              local.set 14
              local.get 7
              i32.const 0
              i32.eq
              br_if 1 (;@4;)
              local.get 0
              i64.const 8192
              i64.store
              i32.const 2
              local.set 2
              br 4 (;@1;)
            end
            local.get 14
            local.get 15
            local.get 14
            local.get 15
            i64.gt_s
            select
            local.set 15
          end
          i32.const 0
          local.set 2
          br 2 (;@1;)
        end
        i32.const 3
        local.set 2
        br 1 (;@1;)
      end
    end
    local.get 0
    local.get 14
    i64.store offset=65536
    local.get 0
    local.get 15
    i64.store offset=65544
    local.get 0
    local.get 0
    i64.load offset=131128
    local.get 13
    i64.add
    i64.store offset=131128
    i64.const 0
    local.set 13
    local.get 0
    local.get 3
    i32.store offset=24
    local.get 2)
  (export "tb" (func 0)))

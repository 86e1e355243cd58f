(module
  (type (;0;) (func (param i32 i32) (result i32)))
  (type (;1;) (func (param i32 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory (;0;) 1 65536 shared))
  (import "env" "helpers" (table (;0;) 2 funcref))
  (func (;0;) (type 0) (param i32 i32) (result i32)
    (local i32 i32 i32 i32 i32 i64 i64 i64 i64 i64 i64 i64)
    local.get 0
    i64.load offset=65536
    local.set 13
    local.get 0
    i32.load offset=24
    local.set 3
    i32.const 2
    local.set 2
    block  ;; label = @1
      loop  ;; label = @2
        block  ;; label = @3
          block  ;; label = @4
            local.get 1
            br_table 0 (;@4;) 1 (;@3;) 3 (;@1;)
          end
          block  ;; label = @4
            local.get 13
            i64.const 1
            i64.add
            local.set 13
            local.get 0
            i64.const 4100
            i64.store
            local.get 3
            i32.const 1
            i32.sub
            local.tee 3
            i32.const 0
            i32.le_s
            local.get 0
            i32.load offset=8
            i32.or
            if  ;; label = @5
              i32.const 0
              local.set 2
              br 4 (;@1;)
            end
            local.get 12
            i64.const 1
            i64.add
            local.set 12
            i32.const 1
            local.set 1
            br 2 (;@2;)
          end
          i32.const 3
          local.set 2
          br 2 (;@1;)
        end
        block  ;; label = @3
          block  ;; label = @4
            local.get 13
            i64.const 10
            i64.ge_s
            br_if 0 (;@4;)
            local.get 0
            i64.const 4096
            i64.store
            local.get 3
            i32.const 1
            i32.sub
            local.tee 3
            i32.const 0
            i32.le_s
            local.get 0
            i32.load offset=8
            i32.or
            if  ;; label = @5
              i32.const 4
              local.set 2
              br 4 (;@1;)
            end
            local.get 12
            i64.const 1
            i64.add
            local.set 12
            i32.const 0
            local.set 1
            br 2 (;@2;)
          end
          local.get 0
          i64.const 4104
          i64.store
          i32.const 5
          local.set 2
          br 2 (;@1;)
        end
        i32.const 7
        local.set 2
        br 1 (;@1;)
      end
    end
    local.get 0
    local.get 13
    i64.store offset=65536
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

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
    i64.load offset=65544
    local.set 15
    local.get 0
    i32.load offset=65568
    local.set 7
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
          local.get 15
          local.tee 8
          i32.wrap_i64
          i32.const 6
          i32.shr_u
          i32.const 16320
          i32.and
          local.get 0
          i32.add
          local.set 4
          block (result i64)  ;; label = @4
            block  ;; label = @5
              local.get 8
              i64.const -4093
              i64.and
              local.get 4
              i64.load offset=16416
              i64.ne
              br_if 0 (;@5;)
              local.get 8
              i32.wrap_i64
              local.get 4
              i32.load offset=16440
              i32.add
              i64.load32_s
              br 1 (;@4;)
            end
            local.get 0
            local.get 8
            i64.const 262
            i64.const 4100
            i64.const 0
            i32.const 0
            call_indirect (type 1)
            local.get 0
            i32.load offset=12
            i32.const 0
            i32.ge_s
            if  ;; label = @5
              local.get 0
              i32.const 0
              i32.store offset=28
              br 2 (;@3;)
            end
          end
          local.set 14
          local.get 15
          local.tee 8
          i32.wrap_i64
          i32.const 6
          i32.shr_u
          i32.const 16320
          i32.and
          local.get 0
          i32.add
          local.set 4
          block  ;; label = @4
            block  ;; label = @5
              local.get 8
              i64.const -4095
              i64.and
              local.get 4
              i64.load offset=40
              i64.ne
              br_if 0 (;@5;)
              local.get 8
              i32.wrap_i64
              local.get 4
              i32.load offset=56
              i32.add
              local.get 7
              i32.store16
              br 1 (;@4;)
            end
            local.get 0
            local.get 8
            local.get 7
            i64.extend_i32_u
            i64.const 65535
            i64.and
            i64.const 1
            i64.const 4104
            i32.const 1
            call_indirect (type 1)
            local.get 0
            i32.load offset=12
            i32.const 0
            i32.ge_s
            if  ;; label = @5
              local.get 0
              i32.const 0
              i32.store offset=28
              br 2 (;@3;)
            end
            drop
          end
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
    local.get 14
    i64.store offset=65536
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

// test/boot/smp.mjs — what the SMP boot test (boot.test.mjs), the SMP stress run
// (test/stress/smp_boot.mjs) and the SMP benchmark (scripts/bench_smp.mjs) share: a parallel
// guest workload as one shell command, the parsing of what it prints (/proc/stat per hart,
// /proc/interrupts per hart, the jobs' results, the guest's time), and the console lines that
// mean the guest kernel is in trouble.  No side effects on import.
//
//   const cmd = parallelCommand({ jobs: 4, loop: 30000 });
//   const r = parseParallel((await guest.run(cmd)).output);
//   r.jobs        -> [{ job: 0, result: '30000' }, ...] (sorted by job number)
//   r.seconds     -> guest seconds (/proc/uptime, 10 ms) from starting the jobs to `wait`'s end
//   r.busy        -> { cpu0: ticks, ... }: user + nice + system USER_HZ ticks (1/100 s) each
//                    hart spent during the jobs (/proc/stat after minus before)
//   r.timerIrqs   -> [per-hart timer interrupts during the jobs] (/proc/interrupts: the
//                    line of parallelCommand's timerIrq, riscv-timer by default)

// Console lines that mean the kernel hit a bug, a hang or a stall.  "hrtimer: interrupt took
// N ns" is not one of them: an emulator on a busy host does that.
export const KERNEL_TROUBLE = [
  /Kernel panic/,
  /\bOops\b/,
  /\bBUG:/, // BUG: soft lockup, BUG: scheduling while atomic, BUG: unable to handle ...
  /Unable to handle kernel/,
  /------------\[ cut here \]------------/, // WARN_ON and friends
  /\bWARNING: CPU: \d+/,
  /rcu: INFO: rcu_\w+ (?:self-)?detected stalls?/,
  /rcu_\w+ kthread starved/,
  /blocked for more than \d+ seconds/, // hung task
  /\bCPU\d+: failed to (?:come online|start)/,
  /failed to boot secondary CPU|CPU\d+ stuck/,
  /smp: .*failed/,
  /Watchdog detected hard LOCKUP/,
  /\bsegfault at\b|: unhandled signal \d+ code /, // a user program killed by a fault
  /Illegal instruction/, // ... printed by the shell for SIGILL
];

// The first console line that matches KERNEL_TROUBLE, or null.
export function kernelTrouble(text) {
  const clean = text.replace(/\r/g, '');
  for (const re of KERNEL_TROUBLE) {
    const m = re.exec(clean);
    if (m) {
      const start = clean.lastIndexOf('\n', m.index) + 1;
      const end = clean.indexOf('\n', m.index);
      return clean.slice(start, end < 0 ? undefined : end).trim();
    }
  }
  return null;
}

// One shell command (one line, well under busybox's 1023-byte line limit) that snapshots
// /proc/stat and /proc/interrupts, starts `jobs` CPU-bound background jobs, waits for all of
// them, snapshots again, and prints the jobs' results.  Each job is either a busybox sh
// arithmetic loop of `loop` iterations (no fork: pure user-mode work; prints the final count),
// or, with md5Mb, `dd if=/dev/zero bs=1M count=md5Mb | md5sum` (prints the sum).  `taskset`:
// pin job k to hart k % cpus (busybox taskset) instead of leaving the placement to the
// scheduler.  `timerIrq`: the guest's timer interrupt in /proc/interrupts (the arch's: its
// archInfo(arch).timerIrq; riscv-timer on riscv64).  It runs in `sh -c` so that the
// interactive shell's job control prints nothing.
export function parallelCommand({ jobs, loop = 0, md5Mb = 0, pin = 0, timerIrq = 'riscv-timer' }) {
  if (!(jobs >= 1) || (!loop && !md5Mb)) {
    throw new Error('parallelCommand: jobs >= 1 and a loop count or md5Mb');
  }
  const work = md5Mb
    ? `dd if=/dev/zero bs=1M count=${md5Mb} 2>/dev/null | md5sum`
    : `i=0; while [ $i -lt ${loop} ]; do i=$((i+1)); done; echo $i`;
  const launch = pin ? `taskset $(printf %x $((1 << (k % ${pin})))) sh -c "${work.replace(/\$/g, '\\$')}"` : `{ ${work}; }`;
  const script = [
    `st() { echo "== $1"; grep "^cpu[0-9]" /proc/stat; echo "== irq"; grep ${timerIrq} /proc/interrupts; }`,
    'st before',
    'read t0 x </proc/uptime',
    `k=0; while [ $k -lt ${jobs} ]; do ( ${launch} ) >/tmp/qwjob$k 2>&1 & k=$((k+1)); done`,
    'wait',
    'read t1 x </proc/uptime',
    'st after',
    'echo "== time $t0 $t1"',
    `k=0; while [ $k -lt ${jobs} ]; do echo "== job $k $(cat /tmp/qwjob$k)"; rm -f /tmp/qwjob$k; k=$((k+1)); done`,
  ].join('; ');
  if (script.includes("'")) {
    throw new Error('parallelCommand: the script must not contain single quotes');
  }
  return `sh -c '${script}'`;
}

// /proc/stat's cpuN lines -> { cpuN: [user, nice, system, idle, iowait, irq, softirq, ...] }
function statLines(lines) {
  const cpus = {};
  for (const l of lines) {
    const m = /^(cpu\d+)\s+([\d\s]+)$/.exec(l.trim());
    if (m) {
      cpus[m[1]] = m[2].trim().split(/\s+/).map(Number);
    }
  }
  return cpus;
}

// A /proc/interrupts line (the timer's) -> per-hart counts.
function irqLine(lines) {
  for (const l of lines) {
    const m = /^\s*\w+:((?:\s+\d+)+)\s/.exec(l);
    if (m) {
      return m[1].trim().split(/\s+/).map(Number);
    }
  }
  return [];
}

// Parse what parallelCommand printed.  Throws if a part is missing.
export function parseParallel(output) {
  const sections = {};
  let cur = null;
  const jobs = [];
  let time = null;
  for (const line of output.split('\n')) {
    let m;
    if ((m = /^== (before|after|irq)$/.exec(line))) {
      cur = m[1] === 'irq' ? `${cur.replace(/-irq$/, '')}-irq` : m[1];
      sections[cur] = [];
    } else if ((m = /^== time (\d+\.\d+) (\d+\.\d+)$/.exec(line))) {
      time = Number(m[2]) - Number(m[1]);
      cur = null;
    } else if ((m = /^== job (\d+) ?(.*)$/.exec(line))) {
      jobs.push({ job: Number(m[1]), result: m[2].trim() });
      cur = null;
    } else if (cur) {
      sections[cur].push(line);
    }
  }
  for (const s of ['before', 'after', 'before-irq', 'after-irq']) {
    if (!sections[s]) {
      throw new Error(`the parallel job's output has no '${s}' part:\n${output}`);
    }
  }
  if (time === null) {
    throw new Error(`the parallel job's output has no time line:\n${output}`);
  }
  const before = statLines(sections.before);
  const after = statLines(sections.after);
  const busy = {};
  for (const cpu of Object.keys(after)) {
    const a = after[cpu];
    const b = before[cpu] || [0, 0, 0];
    busy[cpu] = (a[0] + a[1] + a[2]) - (b[0] + b[1] + b[2]);
  }
  const ib = irqLine(sections['before-irq']);
  const ia = irqLine(sections['after-irq']);
  return {
    seconds: time,
    busy,
    timerIrqs: ia.map((v, i) => v - (ib[i] || 0)),
    jobs: jobs.sort((x, y) => x.job - y.job),
  };
}

// "cpu0 312, cpu1 298, ..." for messages.
export function formatBusy(busy) {
  return Object.entries(busy).map(([c, v]) => `${c} ${v}`).join(', ');
}

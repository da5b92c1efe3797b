'use strict'
// The Node binding's process table, for bench/run_bindings.py.
//
// usage: node node_procs.js [--repeat N]
//
// One `new Probe({ domains: 'process' })` (the default field set), N snapshots; each
// snapshot is the whole table as plain objects. Prints one JSON line: rows, inner_s,
// iters_s, iters_cpu_s (process CPU time, every thread: V8's GC helpers included).

const path = require('node:path')
const lp = require(path.join(__dirname, '..', 'bindings', 'node'))

const argv = process.argv.slice(2)
const repeat = argv[0] === '--repeat' ? Number(argv[1]) : 1
const probe = new lp.Probe({ domains: 'process' })
const iters = []
const cpus = []
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6 }
let rows = 0
for (let i = 0; i < repeat; i++) {
  const t = process.hrtime.bigint()
  const c = cpu()
  const snap = probe.snapshot()
  cpus.push(cpu() - c)
  iters.push(Number(process.hrtime.bigint() - t) / 1e9)
  rows = snap.processes.length
}
console.log(JSON.stringify({ tool: 'node', rows, inner_s: iters[0] || 0, iters_s: iters, iters_cpu_s: cpus }))

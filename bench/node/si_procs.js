'use strict'
// The `systeminformation` npm package's process list, for bench/run_bindings.py.
//
// usage: node si_procs.js [--repeat N]
//
// `si.processes()` per iteration (it reads /proc and runs `ps` for the list). Prints one
// JSON line: rows, inner_s, iters_s, version.

const si = require('systeminformation')

async function main () {
  const argv = process.argv.slice(2)
  const repeat = argv[0] === '--repeat' ? Number(argv[1]) : 1
  const iters = []
  let rows = 0
  for (let i = 0; i < repeat; i++) {
    const t = process.hrtime.bigint()
    const r = await si.processes()
    iters.push(Number(process.hrtime.bigint() - t) / 1e9)
    rows = r.list.length
  }
  console.log(JSON.stringify({ tool: 'systeminformation', version: si.version(), rows, inner_s: iters[0] || 0, iters_s: iters }))
}

main()

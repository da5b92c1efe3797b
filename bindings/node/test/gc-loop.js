'use strict'
// Run by gc.test.js with --expose-gc: creates and drops probes and snapshots in a loop and
// prints RSS before and after, as JSON.

const lp = require('..')
const path = require('node:path')
const { FIXTURES } = require('./helpers')

const ITERATIONS = Number(process.argv[3] || 10000)
const WARMUP = Number(process.argv[4] || 2000)
// Node-API runs the finalizers of collected native objects from the event loop, so the
// loops let it turn (every 100 iterations, as any Node program does) before measuring.
const turn = () => new Promise((resolve) => setImmediate(resolve))
async function rss () {
  for (let i = 0; i < 3; i++) {
    global.gc()
    await turn()
  }
  return process.memoryUsage().rss
}

const steps = {
  fresh: () => {
    const p = new lp.Probe({ domains: 'process', process: { pids: [process.pid], fds: true } }).snapshot().processes[0]
    if (p.pid !== process.pid || p.limits === null) throw new Error('wrong process')
  },
  fixture: (() => {
    const probe = new lp.Probe({ fixture: path.join(FIXTURES, 'adversarial-names'), process: { environ: true, fds: true, maps: true } })
    let i = 0
    return () => {
      const snap = probe.snapshot()
      if (i++ % 50 === 0) lp.toJSON(snap)
    }
  })(),
  async: null
}

async function main () {
  const name = process.argv[2]
  const probe = new lp.Probe({ domains: 'process', process: { pids: [process.pid] } })
  const step = name === 'async' ? () => probe.snapshotAsync() : steps[name]
  for (let i = 0; i < WARMUP; i++) {
    await step()
    if (i % 100 === 0) await turn()
  }
  const before = await rss()
  for (let i = 0; i < ITERATIONS; i++) {
    await step()
    if (i % 100 === 0) await turn()
  }
  const after = await rss()
  process.stdout.write(JSON.stringify({ name, iterations: ITERATIONS, before, after }) + '\n')
}

main()

'use strict'
// Probes and snapshots created and dropped in loops leave RSS flat.

const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')

// Allocator and V8 heap noise (malloc arenas grow in steps for the first thousands of
// snapshots, then stay flat); a leaked snapshot per iteration would be 50 MiB or more.
const SLACK = 16 << 20

// Iterations measured, after warm-up ones. A snapshot of the fixture (adversarial-names,
// every field group) is 1.2 MB of JSON and takes ~8 ms: 3 000 of them show a leak of 0.5 %
// of one per iteration; a snapshot of this process alone is 10 kB and takes ~1 ms.
const LOOPS = { fresh: [10000, 2000], fixture: [3000, 1000], async: [10000, 2000] }

for (const [name, [iterations, warmup]] of Object.entries(LOOPS)) {
  test(`RSS stays flat: ${name}`, () => {
    const args = ['--expose-gc', path.join(__dirname, 'gc-loop.js'), name, String(iterations), String(warmup)]
    const out = execFileSync(process.execPath, args, { encoding: 'utf8' })
    const r = JSON.parse(out)
    const grew = r.after - r.before
    console.log(`${name}: RSS ${(r.before / 2 ** 20).toFixed(1)} MiB -> ${(r.after / 2 ** 20).toFixed(1)} MiB over ${r.iterations} iterations (${grew >= 0 ? '+' : ''}${(grew / 1024).toFixed(0)} KiB)`)
    assert.ok(grew < SLACK, `RSS grew by ${(grew / 2 ** 20).toFixed(1)} MiB`)
  })
}

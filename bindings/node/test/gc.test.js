'use strict'
// Probes and snapshots created and dropped in loops of 10 000 leave RSS flat.

const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')

// Allocator and V8 heap noise (malloc arenas grow in steps for the first tens of thousands
// of snapshots, then stay flat); a leaked snapshot per iteration would be 50 MiB or more.
const SLACK = 16 << 20

for (const name of ['fresh', 'fixture', 'async']) {
  test(`RSS stays flat: ${name}`, () => {
    const out = execFileSync(process.execPath, ['--expose-gc', path.join(__dirname, 'gc-loop.js'), name], { encoding: 'utf8' })
    const r = JSON.parse(out)
    const grew = r.after - r.before
    console.log(`${name}: RSS ${(r.before / 2 ** 20).toFixed(1)} MiB -> ${(r.after / 2 ** 20).toFixed(1)} MiB over ${r.iterations} iterations (${grew >= 0 ? '+' : ''}${(grew / 1024).toFixed(0)} KiB)`)
    assert.ok(grew < SLACK, `RSS grew by ${(grew / 2 ** 20).toFixed(1)} MiB`)
  })
}

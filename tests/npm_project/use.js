'use strict'
// A project that installed libprobe from the npm tarballs (`make test-npm`).
const assert = require('node:assert/strict')
const lp = require('libprobe')

const snap = new lp.Probe({ domains: ['system', 'process'] }).snapshot()
assert.ok(snap.processes.some((p) => p.pid === process.pid), 'this process is in the snapshot')
assert.equal(typeof snap.system.memory.total, 'bigint')
assert.equal(lp.SCHEMA.records.CpuTimes[0].metric, 'counter')
assert.ok(require.resolve('libprobe').includes('node_modules/libprobe/'))
console.log(`use.js: libprobe ${lp.VERSION}, ${snap.processes.length} processes`)

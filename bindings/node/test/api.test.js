'use strict'
// The shape of the JavaScript API: plain objects with camelCase names, options, errors.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const lp = require('..')
const { FIXTURES } = require('./helpers')

test('a snapshot of this machine is plain data', () => {
  const snap = new lp.Probe().snapshot()
  assert.equal(Object.getPrototypeOf(snap), Object.prototype)
  assert.equal(snap.libprobeVersion, lp.VERSION)
  assert.deepEqual(snap.domains.map((d) => d.domain), [...lp.DOMAINS])
  const me = snap.processes.find((p) => p.pid === process.pid)
  assert.equal(me.ppid, process.ppid)
  assert.equal(typeof me.memoryRss, 'bigint')
  assert.ok(me.memoryRss > 0n)
  assert.equal(Object.getPrototypeOf(me), Object.prototype)
  assert.equal(typeof snap.system.memory.total, 'bigint')
  assert.ok(!('memory_rss' in me))
  // structuredClone works on plain data (BigInts included).
  assert.equal(structuredClone(me).memoryRss, me.memoryRss)
})

test('snapshotAsync gives the same shape off the main thread', async () => {
  const probe = new lp.Probe({ domains: ['process'], process: { pids: [process.pid] } })
  const snap = await probe.snapshotAsync()
  assert.equal(snap.processes.length, 1)
  assert.equal(snap.processes[0].pid, process.pid)
  const again = await Promise.all([probe.snapshotAsync(), probe.snapshotAsync()])
  assert.equal(again.length, 2)
  assert.ok(again.every((s) => s.processes[0].cpuPercent !== undefined))
})

test('options', () => {
  assert.deepEqual(new lp.Probe({ domains: 'process,system' }).domains, ['system', 'process'])
  assert.deepEqual(new lp.Probe({ domains: ['process'] }).domains, ['process'])
  assert.deepEqual(new lp.Probe({ domains: [] }).domains, [])
  assert.deepEqual(new lp.Probe({ domains: 'all' }).domains, [...lp.DOMAINS])
  assert.ok(!new lp.Probe().domains.includes('ebpf'))
  const me = [process.pid]
  const plain = new lp.Probe({ domains: 'process', process: { pids: me } }).snapshot().processes[0]
  assert.equal(plain.openFiles, null)
  assert.equal(plain.unavailable.openFiles, 'disabled')
  assert.equal(plain.unavailable.environ, 'disabled')
  const full = new lp.Probe({ domains: 'process', process: { pids: me, fds: true, environ: true, maps: true, smapsRollup: true } })
    .snapshot().processes[0]
  assert.ok(Array.isArray(full.openFiles) && full.maps.length > 0 && full.memoryPss !== null)
  assert.equal(full.environ.PATH, process.env.PATH)
  // Two readers or one: the same table.
  const two = new lp.Probe({ domains: 'process', process: { threads: 2 } }).snapshot().processes.map((p) => p.pid)
  assert.ok(two.includes(process.pid) && two.every((pid, i) => i === 0 || two[i - 1] < pid))
  for (const bad of [-1, 1.5, 257]) {
    assert.throws(() => new lp.Probe({ process: { threads: bad } }), { code: 'INVALID_ARGUMENT' })
  }
  assert.throws(() => new lp.Probe({ process: { threads: '2' } }), TypeError)
  const noLimits = new lp.Probe({ domains: 'process', process: { pids: me, cgroupLimits: false } }).snapshot().processes[0]
  assert.equal(noLimits.unavailable.cgroupLimits, 'disabled')
  const root = path.join(FIXTURES, 'cgroup-v2-container')
  const golden = JSON.parse(fs.readFileSync(`${root}.json`, 'utf8'))
  const a = new lp.Probe({ fixture: root }).snapshot()
  const b = new lp.Probe({ procfs: path.join(root, 'proc'), sysfs: path.join(root, 'sys'), domains: 'process' }).snapshot()
  assert.deepEqual(a.processes.map((p) => p.pid), golden.processes.map((p) => p.pid))
  assert.deepEqual(b.processes.map((p) => p.pid), golden.processes.map((p) => p.pid))
})

test('a missing root fails the domain, not the call', () => {
  const snap = new lp.Probe({ procfs: path.join(os.tmpdir(), 'libprobe-no-such-dir'), domains: 'process' }).snapshot()
  const status = snap.domains.find((d) => d.domain === 'process')
  assert.equal(status.state, 'failed')
  assert.match(status.error, /libprobe-no-such-dir/)
  assert.equal(snap.processes, null)
  assert.equal(snap.unavailable.processes, status.reason)
})

test('errors are ProbeError subclasses with a code', () => {
  const kinds = Object.keys(lp).filter((k) => k.endsWith('Error') && k !== 'ProbeError')
  assert.equal(kinds.length, 10)
  for (const k of kinds) {
    const e = new lp[k]('x')
    assert.ok(e instanceof lp.ProbeError && e instanceof Error)
    assert.equal(e.name, k)
    assert.match(e.code, /^[A-Z_]+$/)
  }
  assert.equal(new Set(kinds.map((k) => new lp[k]('x').code)).size, kinds.length)
  const cases = [
    [{ domains: 'process,nope' }, /unknown domain `nope`/],
    [{ process: { threads: 257 } }, /process.threads.*257 is not an integer from 0 to 256/],
    [{ maxFileBytes: 0 }, /maxFileBytes/],
    [{ maxFileBytes: 1.5 }, /maxFileBytes/]
  ]
  for (const [options, message] of cases) {
    assert.throws(() => new lp.Probe(options), (e) => {
      assert.ok(e instanceof lp.InvalidArgumentError, `${JSON.stringify(options)}: ${e}`)
      assert.equal(e.code, 'INVALID_ARGUMENT')
      assert.match(e.message, message)
      return true
    })
  }
  assert.throws(() => new lp.Probe('process'), lp.InvalidArgumentError)
  assert.throws(() => new lp.Probe(null), lp.InvalidArgumentError)
  // A misspelt or mistyped option is a TypeError naming it, never ignored.
  const typeErrors = [
    [{ bogus: true }, /unknown option `bogus`/],
    [{ smapsRollup: true }, /unknown option `smapsRollup`/],
    [{ process: { smapsRolup: true } }, /unknown option `process.smapsRolup` \(known: [^)]*\bsmapsRollup\b/],
    [{ domains: ['process', 3] }, /option domains/],
    [{ process: { fds: 'yes' } }, /option process.fds: expected a boolean/],
    [{ process: { pids: '12' } }, /option process.pids/],
    [{ process: 'fds' }, /option process: expected an object/]
  ]
  for (const [options, message] of typeErrors) {
    assert.throws(() => new lp.Probe(options), (e) => {
      assert.ok(e instanceof TypeError, `${JSON.stringify(options)}: ${e}`)
      assert.match(e.message, message)
      return true
    })
  }
})

test('every option of the schema reaches the core', () => {
  // The parity test of this face: each option of the core's schema, set through its
  // domain's object with a JavaScript value of its kind, is what the core then holds.
  const native = (o) => {
    const t = o.sample
    switch (o.kind) {
      case 'bool': return t === 'true'
      case 'uint': return Number(t)
      case 'names': case 'words': return t.split(',').filter((n) => n)
      case 'pids': return t === 'all' ? null : t.split(',').filter((n) => n).map(Number)
      case 'namespace': return /^[0-9]+$/.test(t) ? Number(t) : t
      default: return t
    }
  }
  assert.equal(lp.OPTIONS[0].key, 'domains')
  for (const o of lp.OPTIONS) {
    const options = o.domain === null ? { domains: native(o) } : { [o.domain]: { [o.property]: native(o) } }
    assert.equal(new lp.Probe(options).getOption(o.key), o.sample, o.key)
    assert.notEqual(o.default, o.sample, o.key)
  }
  assert.equal(new lp.Probe().getOption('network.owners'), 'true')
  assert.throws(() => new lp.Probe().getOption('bogus.key'), TypeError)
})

test('network options', () => {
  const net = new lp.Probe({ domains: 'network', network: { sockets: 'tcp', interfaces: false } }).snapshot().network
  assert.ok(Array.isArray(net.tcp))
  assert.equal(net.udp, null)
  assert.equal(net.unavailable.udp, 'disabled')
  assert.equal(net.unavailable.interfaces, 'disabled')
  assert.ok(Array.isArray(new lp.Probe({ domains: 'network', network: { sockets: ['tcp', 'unix'] } }).snapshot().network.unixSockets))
  const own = new lp.Probe({ domains: 'network', network: { netns: '/proc/self/ns/net' } }).snapshot().network
  assert.equal(own.namespace.inode, BigInt(fs.statSync('/proc/self/ns/net').ino))
  assert.throws(() => new lp.Probe({ network: { sockets: 'tcp,bogus' } }), /network.sockets.*unknown name `bogus`/)
  assert.throws(() => new lp.Probe({ network: { netns: 1.5 } }), lp.InvalidArgumentError)
  assert.throws(() => new lp.Probe({ network: { tcpInfo: 'yes' } }), TypeError)
})

test('SCHEMA says the unit of each field and which are counters', () => {
  const user = lp.SCHEMA.records.CpuTimes.find((f) => f.name === 'user')
  assert.equal(user.unit, 'ticks')
  assert.equal(user.metric, 'counter')
  const total = lp.SCHEMA.records.Memory.find((f) => f.name === 'total')
  assert.equal(total.metric, 'gauge')
  assert.equal(lp.SCHEMA.root, 'Snapshot')
  assert.ok(Object.isFrozen(lp.SCHEMA.records.CpuTimes))
})

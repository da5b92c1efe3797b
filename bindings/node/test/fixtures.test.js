'use strict'
// Every fixture tree: the JSON rendered from the JavaScript objects equals the core's golden
// file; every value has the type its field's kind says (the renderer checks as it goes).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const lp = require('..')
const { FIXTURES, SCENARIOS, goldenOptions, snapshotOf, anonymous, parseExact, diff } = require('./helpers')

const taker = (scenario) => (root) => {
  const probe = new lp.Probe({ fixture: root, ...goldenOptions(scenario) })
  return () => probe.snapshot()
}
const take = taker('')

for (const scenario of SCENARIOS) {
  test(`${scenario}: JSON from the JS objects matches the golden file`, () => {
    const { snap, root } = snapshotOf(scenario, taker(scenario))
    const ours = parseExact(anonymous(lp.toJSON(snap), root))
    const golden = parseExact(fs.readFileSync(path.join(FIXTURES, `${scenario}.json`), 'utf8'))
    assert.equal(diff(ours, golden), null)
  })
}

test('bytes that are not UTF-8 are lone surrogates and round-trip', () => {
  const { snap } = snapshotOf('adversarial-names', take)
  const byPid = new Map(snap.processes.map((p) => [p.pid, p]))
  const name = byPid.get(587).name
  assert.equal(name, 'bad\udcff\udcfeutf8')
  assert.deepEqual(lp.toBytes(name), new Uint8Array(Buffer.from([...Buffer.from('bad'), 0xff, 0xfe, ...Buffer.from('utf8')])))
  assert.equal(byPid.get(585).name, 'new\nline')
  assert.ok(lp.recordToJSON(byPid.get(587), 'ProcessFull').includes('"bad\\udcff\\udcfeutf8"'))
  assert.equal(byPid.get(587).environ.NOEQUALS, '')
})

test('missing values are null with a reason; u64 counters are exact BigInts', () => {
  const { snap } = snapshotOf('broken', take)
  const byPid = new Map(snap.processes.map((p) => [p.pid, p]))
  const p13 = byPid.get(13)
  assert.equal(p13.ioReadBytes, null)
  assert.equal(p13.unavailable.ioReadBytes, 'error')
  assert.notEqual(p13.limits, null)
  assert.equal(p13.unavailable.limits, undefined)
  // RssFile + RssShmem past 2^64: missing with `error`, never saturated.
  assert.equal(byPid.get(17).memoryShared, null)
  assert.equal(byPid.get(17).unavailable.memoryShared, 'error')
  assert.equal(byPid.get(17).cpuUserTicks, 2n ** 64n - 1n)
  assert.equal(typeof byPid.get(17).pid, 'number')
  const { snap: adv } = snapshotOf('adversarial-names', take)
  const zombie = adv.processes.find((p) => p.pid === 593)
  assert.equal(zombie.state, 'zombie')
  assert.equal(zombie.exe, null)
  assert.equal(zombie.unavailable.exe, 'zombie')
})

test('rates come from the second snapshot', () => {
  const { snap } = snapshotOf('linux-6.18-vm', take)
  const python = snap.processes.find((p) => p.name === 'python3')
  assert.ok(python.cpuPercent > 5 && python.cpuPercent < 60, String(python.cpuPercent))
  const first = new lp.Probe({ fixture: path.join(FIXTURES, 'linux-6.18-vm', 't0') }).snapshot()
  for (const p of first.processes) assert.equal(p.unavailable.cpuPercent, 'no_previous_sample')
})

test('the renderer rejects a mistyped or misnamed field', () => {
  const { snap } = snapshotOf('cgroup-v2-container', take)
  const p = snap.processes[0]
  assert.throws(() => lp.recordToJSON({ ...p, memoryRss: Number(p.memoryRss) }, 'ProcessFull'), /memoryRss .* expected a u64 bigint/)
  assert.throws(() => lp.recordToJSON({ ...p, pid: BigInt(p.pid) }, 'ProcessFull'), /pid .* expected a i32 number/)
  const renamed = { ...p, memory_rss: p.memoryRss }
  delete renamed.memoryRss
  assert.throws(() => lp.recordToJSON(renamed, 'ProcessFull'), /has no field memory_rss/)
  assert.throws(() => lp.recordToJSON({ ...p, state: 'asleep' }, 'ProcessFull'), /expected a ProcessState/)
})

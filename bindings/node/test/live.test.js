'use strict'
// Live: a child started with known properties is found with the right fields.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const lp = require('..')

const CHILD = `
const fs = require('node:fs')
fs.writeFileSync('/proc/self/comm', 'lp-node-child')
const fd = fs.openSync(process.argv[1], 'w+')
fs.writeSync(fd, 'x'.repeat(20000))
process.stdout.write('ready\\n')
const end = Date.now() + 400
while (Date.now() < end) {}
setTimeout(() => {}, 60000)
`

function start () {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'libprobe-node-live-'))
  const data = path.join(tmp, 'data.txt')
  const child = spawn(process.execPath, ['-e', CHILD, data, 'arg with space', 'caf\u00e9'], {
    cwd: tmp, env: { ...process.env, LIBPROBE_TEST_MARK: 'marked' }, stdio: ['ignore', 'pipe', 'inherit']
  })
  return new Promise((resolve) => {
    child.stdout.once('data', () => resolve({ child, tmp, data }))
  })
}

test('a child is found with the right fields', async (t) => {
  const { child, tmp, data } = await start()
  t.after(() => { child.kill('SIGKILL'); fs.rmSync(tmp, { recursive: true, force: true }) })
  const probe = new lp.Probe({ process: { pids: [child.pid], fds: true, environ: true } })
  const first = probe.snapshot()
  await new Promise((resolve) => setTimeout(resolve, 200))
  const snap = probe.snapshot()
  assert.equal(snap.processes.length, 1)
  const p = snap.processes[0]
  assert.equal(p.pid, child.pid)
  assert.equal(p.ppid, process.pid)
  assert.equal(p.name, 'lp-node-child')
  assert.deepEqual(p.cmdline, [process.execPath, '-e', CHILD, data, 'arg with space', 'caf\u00e9'])
  assert.equal(p.exe, fs.realpathSync(process.execPath))
  assert.equal(p.cwd, fs.realpathSync(tmp))
  assert.equal(p.environ.LIBPROBE_TEST_MARK, 'marked')
  assert.equal(p.uidReal, process.getuid())
  assert.equal(p.gidReal, process.getgid())
  assert.ok(p.memoryRss > 1n << 20n)
  assert.ok(Math.abs(Number(p.startTimeUnix) - Date.now() / 1000) < 30)
  assert.equal(first.processes[0].cpuPercent, null)
  assert.ok(typeof p.cpuPercent === 'number' && p.cpuPercent >= 0)
  const file = p.openFiles.find((f) => f.path === data)
  assert.ok(file, 'the data file is open')
  assert.equal(file.position, 20000n)
  assert.equal(file.fileType, 'regular')
  assert.equal(file.inode, BigInt(fs.statSync(data).ino))
  assert.ok(p.numThreads >= 1)
})

test('a gone process is dropped', async () => {
  const { child, tmp } = await start()
  child.kill('SIGKILL')
  await new Promise((resolve) => child.once('exit', resolve))
  fs.rmSync(tmp, { recursive: true, force: true })
  assert.deepEqual(new lp.Probe({ process: { pids: [child.pid] }, domains: 'process' }).snapshot().processes, [])
})

#!/usr/bin/env node
'use strict'
// A small top on libprobe's Node binding: CPU, memory and sockets per process.
//
//   node examples/node/top.js              # refresh every second until Ctrl-C
//   node examples/node/top.js -n 1 -d 0.5  # one screen after half a second
//
// One Probe takes a snapshot per refresh; CPU percentages come from consecutive snapshots
// of it. Sockets per process come from the network domain's socket owners, when this
// libprobe has the network domain (otherwise the column shows `-`). Counters are BigInts.

const path = require('node:path')
const lp = require(process.env.LIBPROBE_NODE_PACKAGE || path.join(__dirname, '..', '..', 'bindings', 'node'))

const mib = (n) => (n === null || n === undefined ? '-' : (Number(n) / 2 ** 20).toFixed(1))
const pct = (x) => (x === null || x === undefined ? '-' : x.toFixed(1))

function parseArgs (argv) {
  const args = { iterations: 0, delay: 1, limit: 15, fixture: undefined }
  for (let i = 0; i < argv.length; i++) {
    const next = () => argv[++i]
    switch (argv[i]) {
      case '-n': case '--iterations': args.iterations = Number(next()); break
      case '-d': case '--delay': args.delay = Number(next()); break
      case '-l': case '--limit': args.limit = Number(next()); break
      case '--fixture': args.fixture = next(); break
      default:
        console.error(`top: unknown argument ${argv[i]} (use -n N, -d SECONDS, -l N, --fixture DIR)`)
        process.exit(2)
    }
  }
  return args
}

/** Sockets per owning pid and the size of each socket table; null without a network domain. */
function socketsByPid (snap) {
  const net = snap.network
  if (!net) return null
  const perPid = new Map()
  const sizes = {}
  // The socket tables are the network's arrays of records with `owners`: found by looking,
  // so a table the core adds shows up here too.
  for (const [table, rows] of Object.entries(net)) {
    if (!Array.isArray(rows) || rows.length === 0 || !('owners' in rows[0])) continue
    sizes[table] = rows.length
    for (const sock of rows) {
      for (const owner of sock.owners || []) perPid.set(owner.pid, (perPid.get(owner.pid) || 0) + 1)
    }
  }
  return { perPid, sizes }
}

// Names may hold any byte: show lone surrogates (non-UTF-8 bytes) and controls escaped.
const printable = (s) => s.replace(/[\u0000-\u001f\u007f-\u009f\udc80-\udcff]/g, (c) => `\\x${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`)

function screen (snap, limit) {
  const out = []
  const sys = snap.system
  if (sys) {
    const mem = sys.memory
    const used = mem && mem.available !== null ? mem.total - mem.available : null
    const avg = (x) => (x === null ? '-' : x.toFixed(2))
    const load = sys.load ? `${avg(sys.load.load1)} ${avg(sys.load.load5)} ${avg(sys.load.load15)}` : '-'
    out.push(`cpu ${pct(sys.cpuPercent)}%  mem ${mib(used)}/${mib(mem && mem.total)} MiB  load ${load}`)
  }
  const socks = socketsByPid(snap)
  if (socks) out.push('sockets ' + Object.entries(socks.sizes).map(([k, v]) => `${k} ${v}`).join('  '))
  const procs = snap.processes || []
  out.push(`${procs.length} processes`)
  out.push(`${'PID'.padStart(7)} ${'CPU%'.padStart(6)} ${'RSS MiB'.padStart(8)} ${'MEM%'.padStart(5)} ${'THR'.padStart(4)} ${'SOCK'.padStart(5)}  NAME`)
  const busiest = [...procs].sort((a, b) => (b.cpuPercent || 0) - (a.cpuPercent || 0) || ((b.memoryRss ?? 0n) > (a.memoryRss ?? 0n) ? 1 : (b.memoryRss ?? 0n) < (a.memoryRss ?? 0n) ? -1 : 0))
  for (const p of busiest.slice(0, limit)) {
    const n = socks ? String(socks.perPid.get(p.pid) || 0) : '-'
    out.push(`${String(p.pid).padStart(7)} ${pct(p.cpuPercent).padStart(6)} ${mib(p.memoryRss).padStart(8)} ` +
      `${pct(p.memoryPercent).padStart(5)} ${String(p.numThreads ?? '-').padStart(4)} ${n.padStart(5)}  ${printable(p.name)}`)
  }
  return out.join('\n')
}

async function main () {
  const args = parseArgs(process.argv.slice(2))
  const domains = ['system', 'process', 'network'].filter((d) => lp.DOMAINS.includes(d))
  let probe
  try {
    probe = new lp.Probe({ domains, ...(args.fixture ? { fixture: args.fixture } : {}) })
  } catch (e) {
    if (e instanceof lp.ProbeError) {
      console.error(`top: ${e.message} (${e.code})`)
      process.exit(2)
    }
    throw e
  }
  await probe.snapshotAsync() // the baseline for CPU percentages
  for (let shown = 0; args.iterations === 0 || shown < args.iterations; shown++) {
    await new Promise((resolve) => setTimeout(resolve, args.delay * 1000))
    const text = screen(await probe.snapshotAsync(), args.limit)
    if (process.stdout.isTTY && args.iterations !== 1) process.stdout.write('\x1b[H\x1b[2J')
    process.stdout.write(text + '\n')
  }
}

main()

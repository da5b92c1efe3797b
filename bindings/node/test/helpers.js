'use strict'
// Shared by the tests: the repository's fixture trees, the golden files' way of taking a
// rate scenario, and an exact JSON comparison (integers beyond 2^53 included).

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const ROOT = path.resolve(__dirname, '..', '..', '..')
const FIXTURES = path.join(ROOT, 'tests', 'fixtures')
const SCENARIOS = fs.readdirSync(FIXTURES).filter((n) => fs.statSync(path.join(FIXTURES, n)).isDirectory()).sort()
// The options of the golden files (libprobe-core/tests/golden.rs): every field group.
const GOLDEN_OPTIONS = {
  process: { smapsRollup: true, maps: true, fds: true, environ: true, taskstats: true },
  network: { conntrack: true }
}
/** GOLDEN_OPTIONS, and the domains golden.rs takes: those of the scenario's `domains` file
 * (the default set without one). A scenario with an `nvml.xml` has its NVIDIA GPUs from the
 * fake NVML answering from it, named to the core by LIBPROBE_NVML_LIBRARY (set here, read
 * by the core on each snapshot). */
function goldenOptions (scenario) {
  const options = { ...GOLDEN_OPTIONS }
  const domains = path.join(FIXTURES, scenario, 'domains')
  if (fs.existsSync(domains)) options.domains = fs.readFileSync(domains, 'utf8').trim()
  const xml = path.join(FIXTURES, scenario, 'nvml.xml')
  if (fs.existsSync(xml)) process.env.LIBPROBE_NVML_LIBRARY = fakeNvml(xml)
  else delete process.env.LIBPROBE_NVML_LIBRARY
  return options
}

/** tests/fake_nvml/fake_nvml.c built with `cc` as libnvidia-ml.so.1, beside a copy of
 * `xml` (tests/fake_nvml/README.md): once per scenario, in a directory removed when the
 * process exits. */
const fakeNvmlBuilt = new Map()
function fakeNvml (xml) {
  if (!fakeNvmlBuilt.has(xml)) fakeNvmlBuilt.set(xml, buildFakeNvml(xml))
  return fakeNvmlBuilt.get(xml)
}

function buildFakeNvml (xml) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'libprobe-node-fake-nvml-'))
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
  const lib = path.join(dir, 'libnvidia-ml.so.1')
  require('node:child_process').execFileSync(process.env.CC || 'cc',
    ['-std=c11', '-shared', '-fPIC', '-O1', '-o', lib, path.join(ROOT, 'tests', 'fake_nvml', 'fake_nvml.c')])
  fs.copyFileSync(xml, path.join(dir, 'nvml.xml'))
  return lib
}

/** `take(root)` returns a function that snapshots; a rate scenario (t0/, t1/) is taken
 * twice by one probe with the tree swapped under it, as the golden test does. */
function snapshotOf (scenario, take) {
  const dir = path.join(FIXTURES, scenario)
  if (!fs.existsSync(path.join(dir, 't0'))) return { snap: take(dir)(), root: dir }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `libprobe-node-${scenario}-`))
  try {
    const root = path.join(tmp, 'root')
    const real = fs.realpathSync(dir)
    fs.symlinkSync(path.join(real, 't0'), root)
    const snap = take(root)
    snap()
    fs.symlinkSync(path.join(real, 't1'), path.join(tmp, 'next'))
    fs.renameSync(path.join(tmp, 'next'), root)
    return { snap: snap(), root }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

/** JSON text with the tree's path as `<fixture>`, as in the golden files. */
function anonymous (text, root) {
  return text.split(JSON.stringify(root).slice(1, -1)).join('<fixture>')
}

/** Parses JSON keeping every integer exact (as a BigInt); other numbers are Numbers. */
function parseExact (text) {
  let i = 0
  const ws = () => { while (' \t\n\r'.includes(text[i])) i++ }
  const value = () => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      const out = []
      ws()
      if (text[i] === '}') { i++; return { object: out } }
      for (;;) {
        ws()
        const k = value()
        ws()
        if (text[i++] !== ':') throw new SyntaxError(`expected : at ${i}`)
        out.push([k, value()])
        ws()
        if (text[i] === ',') { i++; continue }
        if (text[i++] !== '}') throw new SyntaxError(`expected } at ${i}`)
        return { object: out }
      }
    }
    if (c === '[') {
      i++
      const out = []
      ws()
      if (text[i] === ']') { i++; return out }
      for (;;) {
        out.push(value())
        ws()
        if (text[i] === ',') { i++; continue }
        if (text[i++] !== ']') throw new SyntaxError(`expected ] at ${i}`)
        return out
      }
    }
    if (c === '"') {
      let j = i + 1
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      const s = JSON.parse(text.slice(i, j + 1))
      i = j + 1
      return s
    }
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400))
    if (!m) throw new SyntaxError(`unexpected ${JSON.stringify(text.slice(i, i + 20))} at ${i}`)
    i += m[0].length
    if (m[0] === 'true') return true
    if (m[0] === 'false') return false
    if (m[0] === 'null') return null
    return /^-?\d+$/.test(m[0]) ? BigInt(m[0]) : Number(m[0])
  }
  const v = value()
  ws()
  if (i !== text.length) throw new SyntaxError(`trailing text at ${i}`)
  return v
}

/** The first difference between two `parseExact` values, or null. Numbers compare by exact
 * value (12.0 equals 12); objects by keys in order. */
function diff (a, b, at = '$') {
  const num = (x) => typeof x === 'bigint' || typeof x === 'number'
  if (num(a) && num(b)) {
    const eq = typeof a === typeof b ? a === b
      : typeof a === 'number' ? Number.isInteger(a) && BigInt(a) === b : Number.isInteger(b) && BigInt(b) === a
    return eq ? null : `${at}: ${a} != ${b}`
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a === b ? null : `${at}: ${JSON.stringify(String(a))} != ${JSON.stringify(String(b))}`
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${at}: ${a.length} items != ${b.length}`
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${at}[${i}]`)
      if (d) return d
    }
    return null
  }
  const ka = a.object.map(([k]) => k)
  const kb = b.object.map(([k]) => k)
  if (ka.join('\0') !== kb.join('\0')) return `${at}: keys [${ka}] != [${kb}]`
  for (let i = 0; i < ka.length; i++) {
    const d = diff(a.object[i][1], b.object[i][1], `${at}.${ka[i]}`)
    if (d) return d
  }
  return null
}

module.exports = { ROOT, FIXTURES, SCENARIOS, GOLDEN_OPTIONS, goldenOptions, snapshotOf, anonymous, parseExact, diff }

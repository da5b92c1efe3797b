'use strict'
// libprobe for Node.js: every metric a Linux kernel knows, in one snapshot.
//
//   const { Probe } = require('libprobe')
//   const snap = new Probe().snapshot()
//   for (const p of snap.processes ?? []) console.log(p.pid, p.name, p.memoryRss)
//
// Snapshots are plain objects with camelCase names; u64/i64 counters are BigInts. The
// native addon (src/*.rs) builds them from the core's schema; this file adds the error
// classes and the JSON renderer, both driven by tables the addon exports. See docs/node.md.

const path = require('node:path')

// The addon: next to this file in a development tree (`npm run build`), else from the
// platform package npm installed beside this one (napi-rs' layout: `libprobe` lists
// `libprobe-linux-x64-gnu` as an optional dependency, and npm installs the one that
// matches this machine's os, cpu and libc).
function loadNative () {
  const triple = `${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : ''}`
  const file = `libprobe.${triple}.node`
  const tried = []
  for (const target of [path.join(__dirname, file), `libprobe-${triple}`]) {
    try {
      return require(target)
    } catch (e) {
      if (!e || e.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes(target)) {
        throw new Error(`libprobe: cannot load the native addon ${target}: ${e && e.message}`)
      }
      tried.push(target)
    }
  }
  throw new Error(`libprobe: no native addon for ${triple} (tried ${tried.join(', ')}; ` +
    `in a development tree, run \`npm run build\` in ${__dirname})`)
}

const native = loadNative()
const SCHEMA = JSON.parse(native.schemaJson())

// One function per record type, in the schema's order, returning an object literal with
// the type's fields (and `unavailable` when its last argument is given): the addon makes
// every record object with these, so all objects of a type share one shape. The last
// element makes, on first use of a set of missing fields, the literal of their reasons.
const RECORDS = Object.values(SCHEMA.records)
const literal = (keys) => keys.map((k, i) => `${JSON.stringify(k)}: a${i}`).join(', ')
const FACTORIES = RECORDS.map((fields) => {
  const keys = fields.map((f) => f.key)
  const params = keys.map((_, i) => `a${i}`)
  const body = literal(keys)
  // eslint-disable-next-line no-new-func
  return new Function(...params, 'u', `return u === undefined ? { ${body} } : { ${body}, "unavailable": u }`)
})
FACTORIES.push((type, indices) => {
  const keys = indices.map((i) => RECORDS[type][i].key)
  return new Function(...keys.map((_, i) => `a${i}`), `return { ${literal(keys)} }`) // eslint-disable-line no-new-func
})

// ---------------------------------------------------------------- errors

/** Base class of every libprobe error; `code` names the error kind. */
class ProbeError extends Error {
  constructor (message, code) {
    super(message)
    this.name = new.target.name
    this.code = code || 'ERROR'
  }
}

const errorClasses = {}
const errorsByCode = {}
for (const [name, code] of native.errorClasses()) {
  // A named class per error kind, each with its fixed code.
  const cls = { [name]: class extends ProbeError { constructor (message) { super(message, code) } } }[name]
  errorClasses[name] = cls
  errorsByCode[code] = cls
}

function libprobeError (e) {
  if (e instanceof Error && typeof e.code === 'string' && !(e instanceof ProbeError)) {
    const cls = errorsByCode[e.code]
    if (cls) return new cls(e.message)
    if (e.code === 'ERROR') return new ProbeError(e.message, 'ERROR')
    // An unknown option, or a value of the wrong type.
    if (e.code === 'TYPE_ERROR') return new TypeError(e.message)
  }
  return e
}

// ---------------------------------------------------------------- Probe

class Probe {
  #native

  /** @param {import('./index').ProbeOptions} [options] */
  constructor (options) {
    if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
      throw new errorsByCode.INVALID_ARGUMENT('options must be an object')
    }
    try {
      this.#native = new native.Probe(options)
    } catch (e) {
      throw libprobeError(e)
    }
  }

  snapshot () {
    try {
      return this.#native.snapshot(FACTORIES)
    } catch (e) {
      throw libprobeError(e)
    }
  }

  snapshotAsync () {
    return this.#native.collectAsync().then(
      (handle) => handle.toObject(FACTORIES),
      (e) => { throw libprobeError(e) })
  }

  get domains () {
    return this.#native.domains
  }

  /** The value of option `key` (`domains` or `<domain>.<option>`) as the core holds it, in text. */
  getOption (key) {
    try {
      return this.#native.getOption(key)
    } catch (e) {
      throw libprobeError(e)
    }
  }
}

// Every option of the core's schema; `property` is its key in a domain's options object.
const camel = (s) => s.replace(/_+([a-z0-9])/g, (_, c) => c.toUpperCase())
const OPTIONS = Object.freeze(JSON.parse(native.optionsJson()).map((o) => Object.freeze({ ...o, property: camel(o.name) })))

// ---------------------------------------------------------------- JSON

const RANGES = {
  u8: [0, 0xff], u16: [0, 0xffff], u32: [0, 0xffffffff], i32: [-0x80000000, 0x7fffffff]
}
const U64_MAX = (1n << 64n) - 1n
const I64_MIN = -(1n << 63n)
const I64_MAX = (1n << 63n) - 1n

function typeError (where, value, expected) {
  const shown = typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? JSON.stringify(value) : String(value)
  return new TypeError(`libprobe.toJSON: ${where} is ${shown} (${typeof value}), expected ${expected}`)
}

function renderValue (v, kind, where, out) {
  switch (kind.t) {
    case 'bool':
      if (typeof v !== 'boolean') throw typeError(where, v, 'a boolean')
      out.push(v ? 'true' : 'false')
      return
    case 'u8': case 'u16': case 'u32': case 'i32': {
      const [lo, hi] = RANGES[kind.t]
      if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw typeError(where, v, `a ${kind.t} number`)
      out.push(String(v))
      return
    }
    case 'u64': case 'i64': {
      const ok = typeof v === 'bigint' && (kind.t === 'u64' ? v >= 0n && v <= U64_MAX : v >= I64_MIN && v <= I64_MAX)
      if (!ok) throw typeError(where, v, `a ${kind.t} bigint`)
      out.push(v.toString())
      return
    }
    case 'f64':
      if (typeof v !== 'number') throw typeError(where, v, 'a number')
      out.push(Number.isFinite(v) ? JSON.stringify(v) : 'null')
      return
    case 'char':
      if (typeof v !== 'string' || [...v].length !== 1) throw typeError(where, v, 'one character')
      out.push(JSON.stringify(v))
      return
    case 'str': case 'bytes':
      if (typeof v !== 'string') throw typeError(where, v, 'a string')
      out.push(JSON.stringify(v))
      return
    case 'enum':
      if (typeof v !== 'string' || !SCHEMA.enums[kind.name].includes(v)) throw typeError(where, v, `a ${kind.name}`)
      out.push(JSON.stringify(v))
      return
    case 'field': case 'optional':
      if (v === null) {
        out.push('null')
        return
      }
      renderValue(v, kind.of, where, out)
      return
    case 'list':
      if (!Array.isArray(v)) throw typeError(where, v, 'an array')
      out.push('[')
      v.forEach((x, i) => {
        if (i > 0) out.push(',')
        renderValue(x, kind.of, `${where}[${i}]`, out)
      })
      out.push(']')
      return
    case 'map': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw typeError(where, v, 'an object')
      out.push('{')
      Object.keys(v).forEach((k, i) => {
        if (i > 0) out.push(',')
        out.push(JSON.stringify(k), ':')
        renderValue(v[k], kind.value, `${where}[${JSON.stringify(k)}]`, out)
      })
      out.push('}')
      return
    }
    case 'record':
      renderRecord(v, kind.name, where, out)
      return
    default:
      throw new TypeError(`libprobe.toJSON: unknown kind ${JSON.stringify(kind)} at ${where}`)
  }
}

function renderRecord (obj, type, where, out) {
  const fields = SCHEMA.records[type]
  if (!fields) throw new TypeError(`libprobe.toJSON: unknown record type ${type}`)
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw typeError(where, obj, `a ${type} object`)
  const known = new Set(fields.map((f) => f.key))
  for (const k of Object.keys(obj)) {
    if (!known.has(k) && k !== 'unavailable') throw new TypeError(`libprobe.toJSON: ${where} (${type}) has no field ${k}`)
  }
  const unavailable = obj.unavailable === undefined ? {} : obj.unavailable
  if (unavailable === null || typeof unavailable !== 'object') throw typeError(`${where}.unavailable`, unavailable, 'an object')
  out.push('{')
  const missing = []
  fields.forEach((f, i) => {
    if (i > 0) out.push(',')
    const at = `${where}.${f.key}`
    if (!(f.key in obj)) throw new TypeError(`libprobe.toJSON: ${at} is missing`)
    const v = obj[f.key]
    const reason = unavailable[f.key]
    if (f.kind.t === 'field' && (v === null) !== (reason !== undefined)) {
      throw new TypeError(`libprobe.toJSON: ${at} is ${v === null ? 'null without' : 'a value with'} a reason in unavailable`)
    }
    if (reason !== undefined) {
      if (!SCHEMA.enums.Reason.includes(reason)) throw typeError(`${where}.unavailable.${f.key}`, reason, 'a Reason')
      missing.push([f.name, reason])
    }
    out.push(JSON.stringify(f.name), ':')
    renderValue(v, f.kind, at, out)
  })
  if (Object.keys(unavailable).length !== missing.length) {
    throw new TypeError(`libprobe.toJSON: ${where}.unavailable names a field that is not a missing one`)
  }
  if (missing.length) {
    out.push(fields.length ? ',' : '', '"unavailable":{')
    missing.forEach(([name, reason], i) => out.push(i ? ',' : '', JSON.stringify(name), ':', JSON.stringify(reason)))
    out.push('}')
  }
  out.push('}')
}

function render (value, type, indent) {
  const out = []
  renderRecord(value, type, type, out)
  const text = out.join('')
  if (!indent) return text
  // Re-indent through the standard parser would round bigints; indent the text instead.
  return reindent(text, indent)
}

function reindent (text, indent) {
  const pad = typeof indent === 'number' ? ' '.repeat(indent) : String(indent)
  let out = ''
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      out += c
      if (c === '\\') out += text[++i]
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') {
      inString = true
      out += c
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      if (text[i + 1] === close) {
        out += c + close
        i++
      } else {
        depth++
        out += c + '\n' + pad.repeat(depth)
      }
    } else if (c === '}' || c === ']') {
      depth--
      out += '\n' + pad.repeat(depth) + c
    } else if (c === ',') {
      out += ',\n' + pad.repeat(depth)
    } else if (c === ':') {
      out += ': '
    } else {
      out += c
    }
  }
  return out
}

/** The snapshot as JSON with snake_case names, rendered from these objects. */
function toJSON (snapshot, indent) {
  return render(snapshot, SCHEMA.root, indent)
}

/** One record as JSON: `recordToJSON(process, 'ProcessFull')`. */
function recordToJSON (record, type, indent) {
  return render(record, type, indent)
}

/** The bytes of a string from a snapshot: lone surrogates U+DC80–U+DCFF become raw bytes. */
function toBytes (text) {
  const parts = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i)
    const lone = u >= 0xdc80 && u <= 0xdcff && !(i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)
    if (lone) {
      parts.push(Buffer.from(text.slice(start, i), 'utf8'), Buffer.from([u & 0xff]))
      start = i + 1
    }
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'))
  return new Uint8Array(Buffer.concat(parts))
}

function deepFreeze (value) {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

module.exports = {
  Probe,
  ProbeError,
  ...errorClasses,
  toJSON,
  recordToJSON,
  toBytes,
  VERSION: native.version(),
  DOMAINS: Object.freeze(native.domainNames()),
  OPTIONS,
  SCHEMA: deepFreeze(JSON.parse(native.schemaJson()))
}

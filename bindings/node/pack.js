'use strict'
// `make npm-pack`: the npm tarballs a user installs without building, in napi-rs' layout:
//
//   dist/libprobe-linux-x64-gnu-<version>.tgz   the prebuilt addon, with os/cpu/libc set so
//                                               npm installs it only where it runs
//   dist/libprobe-<version>.tgz                 the JavaScript and the typings, listing the
//                                               platform packages as optional dependencies
//
// `npm install ./dist/libprobe-*.tgz` installs both into a project, with no compiler.
// Usage: node pack.js OUTDIR (after `npm run build`, which makes the .node file).

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const out = path.resolve(process.argv[2] || 'dist')
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8'))
// The targets this script can pack (napi's triple → npm's os, cpu and libc).
const PLATFORMS = {
  'x86_64-unknown-linux-gnu': { triple: 'linux-x64-gnu', os: 'linux', cpu: 'x64', libc: 'glibc' },
  'aarch64-unknown-linux-gnu': { triple: 'linux-arm64-gnu', os: 'linux', cpu: 'arm64', libc: 'glibc' }
}

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'libprobe-npm-'))
fs.mkdirSync(out, { recursive: true })
const packed = []
function pack (dir) {
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: dir, encoding: 'utf8' })
  packed.push(path.join(out, name.trim().split('\n').pop()))
}

const common = {
  version: pkg.version,
  description: pkg.description,
  license: pkg.license,
  repository: { type: 'git', url: 'https://github.com/libprobe/libprobe', directory: 'bindings/node' },
  engines: pkg.engines
}
const optional = {}
for (const target of pkg.napi.targets) {
  const p = PLATFORMS[target]
  if (!p) throw new Error(`pack.js: no npm platform for ${target}`)
  const node = `${pkg.napi.binaryName}.${p.triple}.node`
  if (!fs.existsSync(path.join(__dirname, node))) {
    throw new Error(`pack.js: ${node} is not built (npm run build)`)
  }
  const name = `${pkg.name}-${p.triple}`
  const dir = path.join(stage, name)
  fs.mkdirSync(dir)
  fs.copyFileSync(path.join(__dirname, node), path.join(dir, node))
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name,
    ...common,
    description: `${pkg.description} (the prebuilt addon for ${p.triple})`,
    main: node,
    files: [node],
    os: [p.os],
    cpu: [p.cpu],
    libc: [p.libc]
  }, null, 2) + '\n')
  pack(dir)
  optional[name] = pkg.version
}

const main = path.join(stage, pkg.name)
fs.mkdirSync(main)
for (const f of ['index.js', 'index.d.ts']) fs.copyFileSync(path.join(__dirname, f), path.join(main, f))
fs.writeFileSync(path.join(main, 'package.json'), JSON.stringify({
  name: pkg.name,
  ...common,
  main: 'index.js',
  types: 'index.d.ts',
  files: ['index.js', 'index.d.ts'],
  os: pkg.os,
  optionalDependencies: optional
}, null, 2) + '\n')
pack(main)
fs.rmSync(stage, { recursive: true, force: true })
for (const p of packed) console.log(path.relative(process.cwd(), p))

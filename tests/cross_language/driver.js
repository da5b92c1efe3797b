'use strict'
// Cross-language driver for the Node binding (see README.md): `driver.js ROOT [DOMAINS]`
// keeps one Probe on the fixture tree ROOT with every field group (and DOMAINS, when given);
// each `snapshot` line read from stdin prints one snapshot as a JSON line rendered from the
// JavaScript objects (libprobe.toJSON walks them).

const path = require('node:path')
const readline = require('node:readline')
const lp = require(process.env.LIBPROBE_NODE_PACKAGE || path.join(__dirname, '..', '..', 'bindings', 'node'))

const options = {
  fixture: process.argv[2],
  process: { smapsRollup: true, maps: true, fds: true, environ: true, taskstats: true },
  network: { conntrack: true }
}
if (process.argv[3]) options.domains = process.argv[3]
const probe = new lp.Probe(options)
const lines = readline.createInterface({ input: process.stdin })
lines.on('line', (line) => {
  if (line.trim() === 'snapshot') process.stdout.write(lp.toJSON(probe.snapshot()) + '\n')
})

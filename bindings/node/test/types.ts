// Type-checked by `npm run typecheck` (tsc --strict) against the generated index.d.ts:
// the declarations are valid TypeScript and describe the API as the tests use it.
import { Probe, ProbeError, InvalidArgumentError, toJSON, recordToJSON, toBytes, DOMAINS, VERSION } from '..'
import type { Snapshot, ProcessFull, Reason, DomainName, ProbeOptions } from '..'

const options: ProbeOptions = { domains: ['process', 'system'], process: { fds: true, pids: [1] }, network: { sockets: ['tcp'] }, fixture: '/tmp/x' }
const probe: Probe = new Probe(options)
const snap: Snapshot = probe.snapshot()
const procs: ProcessFull[] = snap.processes ?? []
for (const p of procs) {
  const rss: bigint | null = p.memoryRss
  const pid: number = p.pid
  const cpu: number | null = p.cpuPercent
  const why: Reason | undefined = p.unavailable?.cpuPercent
  const limit: bigint | undefined = p.limits?.maxOpenFiles?.soft
  const args: string[] | null = p.cmdline
  const bytes: Uint8Array = toBytes(p.name)
  void [rss, pid, cpu, why, limit, args, bytes]
}
const domains: DomainName[] = probe.domains
const all: readonly DomainName[] = DOMAINS
const json: string = toJSON(snap, 2)
const one: string = recordToJSON(procs[0], 'ProcessFull')
async function later (): Promise<bigint> {
  const s = await probe.snapshotAsync()
  return s.timestampUnixNs
}
try {
  new Probe({ domains: 'nope' })
} catch (e) {
  if (e instanceof InvalidArgumentError) {
    const code: 'INVALID_ARGUMENT' = e.code
    void code
  } else if (e instanceof ProbeError) {
    void e.code
  }
}
void [domains, all, json, one, later, VERSION]

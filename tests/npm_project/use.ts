// The typings of the installed package, checked with tsc --strict (`make test-npm`).
import { Probe, ProcessFull, Snapshot, SCHEMA } from 'libprobe'

const snap: Snapshot = new Probe({ process: { smapsRollup: false } }).snapshot()
// memoryRss is null when it could not be read (a zombie, a process gone mid-scan).
const rss0 = (p: ProcessFull): bigint => p.memoryRss ?? 0n
const biggest: ProcessFull | undefined = (snap.processes ?? []).sort((a, b) => Number(rss0(b) - rss0(a)))[0]
const rss: bigint | null | undefined = biggest?.memoryRss
const metric: 'counter' | 'gauge' = SCHEMA.records.CpuTimes[0].metric
export { rss, metric }

// The typings of the installed package, checked with tsc --strict (`make test-npm`).
import { Probe, ProcessFull, Snapshot, SCHEMA } from 'libprobe'

const snap: Snapshot = new Probe({ process: { smapsRollup: false } }).snapshot()
const biggest: ProcessFull | undefined = (snap.processes ?? []).sort((a, b) => Number(b.memoryRss - a.memoryRss))[0]
const rss: bigint | undefined = biggest?.memoryRss
const metric: 'counter' | 'gauge' = SCHEMA.records.CpuTimes[0].metric
export { rss, metric }

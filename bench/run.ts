/**
 * `npm run bench [-- --only NAME] [--json]`: every benchmark of PERFORMANCE.md, each a ratio of the
 * real path against its floor measured side by side in this process (machines here are shared and
 * noisy, so absolute figures mean little). Each issue that owns a path adds its entry to ENTRIES.
 */
import { parseArgs } from 'node:util';
import { type Cluster, dropDatabases, startCluster } from '../test/helpers/cluster.ts';
import { audit } from './entries/audit.ts';
import { dashboard } from './entries/dashboard.ts';
import { fanOut } from './entries/fan-out.ts';
import { loginFlood } from './entries/login-flood.ts';
import { map } from './entries/map.ts';
import { personCheck } from './entries/person-check.ts';
import { read } from './entries/read.ts';
import { search } from './entries/search.ts';
import { searchScale } from './entries/search-scale.ts';
import { unseal } from './entries/unseal.ts';
import { upload } from './entries/upload.ts';

export interface BenchContext {
  cluster: Cluster;
  /** Prefix for every database the entry creates; all are dropped after the run. */
  prefix: string;
  log: (message: string) => void;
  /** `--fresh`: seed the kept corpora again (bench/corpus-cache.ts). */
  fresh: boolean;
}

interface Goal {
  goal: number;
  /** `min`: the measure must be at least the goal; `max`: at most. */
  direction: 'min' | 'max';
  [detail: string]: unknown;
}

/** Most entries: the real path against its floor. */
export interface RatioResult extends Goal {
  ratio: number;
}

/** `fan-out`: a sanity budget, not a ratio — the p99 delay in milliseconds (the goal too). */
export interface LatencyResult extends Goal {
  p99Ms: number;
  clients: number;
}

export type BenchResult = RatioResult | LatencyResult;

/** What an entry's goal is checked against, and how it prints. */
function measure(result: BenchResult): { value: number; text: string; unit: string } {
  if (typeof result.ratio === 'number') return { value: result.ratio, text: `ratio ${result.ratio.toFixed(3)}`, unit: '' };
  const { p99Ms, clients } = result as LatencyResult;
  return { value: p99Ms, text: `p99 ${p99Ms.toFixed(1)} ms (${clients} clients)`, unit: ' ms' };
}

export interface BenchEntry {
  name: string;
  run(context: BenchContext): Promise<BenchResult>;
}

// Entries land with the issues that own them.
const ENTRIES: BenchEntry[] = [read, search, searchScale, loginFlood, upload, unseal, audit, fanOut, map, personCheck, dashboard];

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { only: { type: 'string', multiple: true }, json: { type: 'boolean', default: false }, fresh: { type: 'boolean', default: false } },
});

async function main(): Promise<number> {
  const wanted = values.only ?? [];
  const unknown = wanted.filter((name) => !ENTRIES.some((e) => e.name === name));
  if (unknown.length) {
    process.stderr.write(`unknown benchmark: ${unknown.join(', ')} (have: ${ENTRIES.map((e) => e.name).join(', ') || 'none yet'})\n`);
    return 64;
  }
  const entries = wanted.length ? ENTRIES.filter((e) => wanted.includes(e.name)) : ENTRIES;
  const results: Record<string, BenchResult> = {};
  if (entries.length === 0) {
    process.stdout.write('no benchmarks yet\n');
  } else {
    const cluster = await startCluster();
    const prefix = `enlace_b${process.pid}_`;
    try {
      for (const entry of entries) {
        const log = (m: string) => process.stderr.write(`[${entry.name}] ${m}\n`);
        const result = await entry.run({ cluster, prefix: `${prefix}${entry.name.replace(/\W/g, '')}_`, log, fresh: values.fresh ?? false });
        results[entry.name] = result;
        const { value, text, unit } = measure(result);
        const met = result.direction === 'min' ? value >= result.goal : value <= result.goal;
        process.stdout.write(
          `${entry.name.padEnd(14)} ${text}  goal ${result.direction === 'min' ? '≥' : '≤'} ${result.goal}${unit}  ${met ? 'met' : 'NOT MET'}\n`,
        );
        // A second floor (`ratioToX` with its `goalToX`, at least): on a line of its own.
        for (const [key, ratio] of Object.entries(result)) {
          const goal = result[key.replace(/^ratioTo/, 'goalTo')];
          if (!key.startsWith('ratioTo') || typeof ratio !== 'number' || typeof goal !== 'number') continue;
          const floor = key
            .slice('ratioTo'.length)
            .replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)
            .trim();
          process.stdout.write(`${''.padEnd(14)} ratio ${ratio.toFixed(3)} to the ${floor}  goal ≥ ${goal}  ${ratio >= goal ? 'met' : 'NOT MET'}\n`);
        }
      }
    } finally {
      await dropDatabases(cluster.adminUrl, prefix);
      await cluster.stop();
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);

import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * A CPU profile of this thread (the server's: the load comes from a worker thread) while `work`
 * runs. With ENLACE_BENCH_PROFILE set, the whole profile is also written there (a .cpuprofile file,
 * for Chromium's DevTools), or beside it with `-<name>` before the extension when `name` is given.
 */
export async function profileOf(work: () => Promise<unknown>, name?: string): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    await work();
    const { profile } = await session.post('Profiler.stop');
    const file = process.env.ENLACE_BENCH_PROFILE;
    if (file) await writeFile(name ? file.replace(/(\.cpuprofile)?$/, `-${name}$1`) : file, JSON.stringify(profile));
    return profile as unknown as CpuProfile;
  } finally {
    session.disconnect();
  }
}

/**
 * `profileOf`, summarised as the share of samples by where the time went — so a regression shows
 * which part moved. Parts: idle (waiting for the database or the client), garbage collection, and
 * the packages and folders of the code that asked for the work (`owners`: native code and node's
 * own count for their nearest caller that is a package or ours).
 */
export async function profileShares(work: () => Promise<unknown>): Promise<Record<string, number>> {
  return sharesOf(await profileOf(work));
}

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber?: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a folder of ours, node's own, or V8's pseudo-frames. */
function partOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(garbage collector)') return 'gc';
    // Native calls (socket writes, hashing), V8's own work, and code made at run time (Fastify's serialisers, ajv's validators).
    return 'native';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node';
  const ours = /\/(server\/(?:platform\/[^/]+|features\/[^/]+)|policies|bench)\//.exec(url);
  return ours ? ours[1]! : 'other';
}

/** Parts that only carry out what a caller asked for: their time is the caller's. */
const CARRIERS = new Set(['native', 'node', 'other']);

/**
 * For each node of the call tree, what `pick` gives for the nearest frame up its stack (the node's
 * own first) where it gives anything; undefined where no frame up the stack does.
 */
function nearestUp<T>(profile: CpuProfile, pick: (node: CpuProfile['nodes'][number]) => T | undefined): Map<number, T | undefined> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const found = new Map<number, T | undefined>();
  const resolve = (id: number): T | undefined => {
    if (found.has(id)) return found.get(id);
    const above = parent.get(id);
    const value = pick(byId.get(id)!) ?? (above === undefined ? undefined : resolve(above));
    found.set(id, value);
    return value;
  };
  for (const n of profile.nodes) resolve(n.id);
  return found;
}

/**
 * Each sample's part: the nearest frame up its stack that is a package or ours — so a socket write
 * that node-postgres makes (native code under node's streams) counts as `pg`, and a hash our sealer
 * asks for as `server/platform/crypto`. Time with no such caller keeps the part of its own frame.
 */
function owners(profile: CpuProfile): Map<number, string> {
  const callers = nearestUp(profile, (n) => {
    const part = partOf(n.callFrame);
    return CARRIERS.has(part) ? undefined : part;
  });
  return new Map(profile.nodes.map((n) => [n.id, callers.get(n.id) ?? partOf(n.callFrame)]));
}

/**
 * Frames of the bench's own work on the profiled thread: the profiler started and stopped
 * (`profileOf` — stopping it serialises the whole profile, sampled as it goes) and the load run
 * (load.ts: the load's worker started, its results received, the CPU counters read from /proc).
 * None of it is the server's: left in, it was the first line of what a real read "spends more"
 * (the profile of a real read has more functions to serialise than the floor's).
 */
const BENCH_OWN = /\/bench\/(?:profile|load)\.ts$/;

/** The profile without the samples of the bench's own work: those with a frame of it (above) anywhere up their stack. */
export function serverWork(profile: CpuProfile): CpuProfile {
  const benchOwn = nearestUp(profile, (n) => (BENCH_OWN.test(n.callFrame.url) ? true : undefined));
  const kept = profile.samples.flatMap((id, i) => (benchOwn.get(id) ? [] : [i]));
  return { nodes: profile.nodes, samples: kept.map((i) => profile.samples[i]!), timeDeltas: kept.map((i) => profile.timeDeltas[i] ?? 0) };
}

/** The server thread's time by part (`owners`), as shares of its sampled time; the bench's own work left out (`serverWork`). */
export function sharesOf(whole: CpuProfile): Record<string, number> {
  const profile = serverWork(whole);
  const parts = owners(profile);
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const part = parts.get(id) ?? 'other';
    time.set(part, (time.get(part) ?? 0) + dt);
  });
  const sorted = [...time].sort((a, b) => b[1] - a[1]);
  const out: Record<string, number> = {};
  let rest = 0;
  for (const [part, t] of sorted) {
    const share = t / total;
    if (share >= 0.01) out[part] = Number(share.toFixed(3));
    else rest += share;
  }
  if (rest) out['(each under 1%)'] = Number(rest.toFixed(3));
  return out;
}

/**
 * A frame's name and place (`function path:line`, paths from the project's root or the package).
 * Our TypeScript runs as tsx compiled it, where a function's line is not its source's: no line then.
 */
function frameName(frame: { functionName: string; url: string; lineNumber?: number }): string {
  const place = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|policies|bench)\//, '$1/');
  const line = frame.lineNumber && !place.endsWith('.ts') ? `:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${place ? ` ${place}${line}` : ''}`;
}

/** Each function's own time (not its callees'), in microseconds per request; idle and the bench's own work left out. */
function selfTimes(whole: CpuProfile, requests: number): Map<string, number> {
  const profile = serverWork(whole);
  const names = new Map(profile.nodes.map((n) => [n.id, frameName(n.callFrame)]));
  const times = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const name = names.get(id)!;
    if (name === '(idle)') return;
    times.set(name, (times.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / requests);
  });
  return times;
}

/**
 * Where one side's server thread spends more than another's, per request: the functions whose own
 * time grew the most, in microseconds (the first side's minus the second's), the largest first,
 * with the busy time (all but idle and the bench's own work) of each side. What the real read pays
 * that its floor does not.
 * The profile samples wall-clock time: a thread that the kernel takes the core from inside a system
 * call (`writev` to PostgreSQL's socket, when the backend it wakes runs on the same core) counts as
 * busy there, so load.ts's CPU figures are the ones to weigh the work with.
 */
export function beyond(
  profile: CpuProfile,
  requests: number,
  baseline: CpuProfile,
  baselineRequests: number,
  top = 12,
): { busyUs: number; baselineBusyUs: number; functionsUs: Record<string, number> } {
  const mine = selfTimes(profile, Math.max(requests, 1));
  const theirs = selfTimes(baseline, Math.max(baselineRequests, 1));
  const sum = (times: Map<string, number>) => [...times.values()].reduce((a, b) => a + b, 0);
  const grown = [...mine]
    .map(([name, us]) => [name, us - (theirs.get(name) ?? 0)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
  return {
    busyUs: Math.round(sum(mine)),
    baselineBusyUs: Math.round(sum(theirs)),
    functionsUs: Object.fromEntries(grown.map(([name, us]) => [name, Number(us.toFixed(1))])),
  };
}

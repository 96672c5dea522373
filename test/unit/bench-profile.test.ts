import t from 'tap';
import { beyond, type CpuProfile, serverWork, sharesOf } from '../../bench/profile.ts';

const ROOT = 'file:///work/enlace';
const frame = (functionName: string, url = '') => ({ functionName, url });

/**
 * A server thread's profile as V8 gives it: (root) with the server's work under a socket read and
 * the bench's own under `profileOf` — the profiler stopped (inspector's `post`, native
 * `dispatch`) and the load run (load.ts reading PostgreSQL's CPU from /proc).
 */
function profile(times: { route: number; pg: number; idle: number; stop: number; load: number }): CpuProfile {
  const nodes: CpuProfile['nodes'] = [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 6, 9] },
    { id: 2, callFrame: frame('onStreamRead', 'node:internal/stream_base_commons'), children: [4, 5] },
    { id: 3, callFrame: frame('(idle)') },
    { id: 4, callFrame: frame('view', `${ROOT}/server/features/specimens/routes.ts`) },
    { id: 5, callFrame: frame('parseRow', `${ROOT}/node_modules/pg/lib/result.js`) },
    { id: 6, callFrame: frame('profileOf', `${ROOT}/bench/profile.ts`), children: [7] },
    { id: 7, callFrame: frame('post', 'node:inspector'), children: [8] },
    { id: 8, callFrame: frame('dispatch') },
    { id: 9, callFrame: frame('runLoad', `${ROOT}/bench/load.ts`), children: [10] },
    { id: 10, callFrame: frame('readFileSync', 'node:fs') },
  ];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  const add = (id: number, us: number) => {
    samples.push(id);
    timeDeltas.push(us);
  };
  add(4, times.route);
  add(5, times.pg);
  add(3, times.idle);
  add(8, times.stop);
  add(10, times.load);
  return { nodes, samples, timeDeltas };
}

t.test("the bench's own work on the server's thread is not counted as the server's", async (t) => {
  const real = profile({ route: 600, pg: 300, idle: 100, stop: 4000, load: 50 });
  const kept = serverWork(real);
  t.same(kept.samples, [4, 5, 3], "the profiler's stop and the load's run left out, wherever they are in the stack");
  t.same(kept.timeDeltas, [600, 300, 100], 'each kept sample with its own time');
  t.same(kept.nodes, real.nodes, 'the call tree as it was');

  t.same(sharesOf(real), { 'server/features/specimens': 0.6, pg: 0.3, idle: 0.1 }, 'shares of the server thread’s own time');

  // Per request, against a floor whose profiler took less time to stop: only the server's work differs.
  const floor = profile({ route: 200, pg: 300, idle: 500, stop: 1000, load: 50 });
  const extra = beyond(real, 10, floor, 10);
  t.equal(extra.busyUs, 90, 'busy: the route and the rows, idle and the bench left out');
  t.equal(extra.baselineBusyUs, 50);
  t.same(Object.keys(extra.functionsUs)[0], 'view server/features/specimens/routes.ts', 'what grew first is the route, not the profiler');
  t.equal(extra.functionsUs['view server/features/specimens/routes.ts'], 40);
  t.notOk('dispatch' in extra.functionsUs, 'no trace of the profiler');
});

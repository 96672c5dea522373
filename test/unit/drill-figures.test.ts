import t from 'tap';
import { type Fault, failureCounts, figuresByKind, insideWindow, restartWindows, type Sample } from '../../drill/figures.ts';

const sample = (kind: string, start: number, end: number, outcome: Sample['outcome'] = 'ok', status = '200'): Sample => ({
  kind,
  start,
  end,
  outcome,
  status,
});

t.test('a restart window closes with the first success of a request sent after the outage', async (t) => {
  const fault: Fault = { name: 'postgres restart', at: 100, down: 110 };
  const samples = [
    sample('read', 90, 105), // in flight when the fault came, and served: does not close it
    sample('read', 105, 108), // sent before the outage was complete: does not close it either
    sample('read', 112, 130, 'error', '503'),
    sample('read', 115, 140), // the first success sent after the outage
    sample('read', 120, 150),
  ];
  t.same(restartWindows([fault], samples), [{ name: 'postgres restart', from: 100, to: 140 }]);
  t.same(restartWindows([fault], samples.slice(0, 3)), [{ name: 'postgres restart', from: 100, to: Number.POSITIVE_INFINITY }], 'no recovery seen');
});

t.test('a failure is inside a window when it was in flight at some moment of it', async (t) => {
  const windows = [{ name: 'w', from: 100, to: 140 }];
  t.ok(insideWindow(sample('read', 90, 101, 'error'), windows), 'started before, ended inside');
  t.ok(insideWindow(sample('read', 130, 200, 'error'), windows), 'started inside, ended after');
  t.ok(insideWindow(sample('read', 50, 200, 'error'), windows), 'spanning the whole window');
  t.notOk(insideWindow(sample('read', 10, 99, 'error'), windows), 'before');
  t.notOk(insideWindow(sample('read', 141, 150, 'error'), windows), 'after');
});

t.test('figures by kind: latency percentiles over successes, errors outside and inside, hanging requests', async (t) => {
  const windows = [{ name: 'w', from: 1000, to: 1100 }];
  const samples = [
    ...Array.from({ length: 100 }, (_, i) => sample('read', i * 10, i * 10 + i + 1)),
    sample('read', 1050, 1060, 'error', 'ECONNREFUSED'),
    sample('read', 5000, 5010, 'error', '500'),
    sample('search', 2000, 32_000, 'hanging', 'timeout'),
    sample('search', 10, 30),
  ];
  const [read, search, all] = figuresByKind(samples, windows);
  t.match(read, { kind: 'read', served: 100, p50Ms: 51, p99Ms: 100, errorsOutside: 1, errorsInside: 1, hanging: 0 });
  t.match(search, { kind: 'search', served: 1, p50Ms: 20, p99Ms: 20, errorsOutside: 0, errorsInside: 0, hanging: 1 });
  t.match(all, { kind: 'all', served: 101, errorsOutside: 1, errorsInside: 1, hanging: 1 });
  t.same(failureCounts(samples, windows), { 'inside read ECONNREFUSED': 1, 'outside read 500': 1, 'outside search timeout': 1 });
});

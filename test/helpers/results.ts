import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Counts assertions in a TAP 14 stream as tap writes it per test file. A test point that
 * closes a subtest (it follows the subtest's indented plan) summarises its children and is
 * not counted again; YAML diagnostics and comments are skipped.
 */
export function countTap(text: string, totals: Totals): void {
  let previous = '';
  let inYaml = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (inYaml) {
      if (trimmed === '...') inYaml = false;
      continue;
    }
    if (trimmed === '---') {
      inYaml = true;
      continue;
    }
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const point = /^(\s*)(not )?ok \d+/.exec(line);
    if (point) {
      const childPlan = new RegExp(`^${point[1] ?? ''}    1\\.\\.\\d+`);
      if (!childPlan.test(previous)) {
        if (/#\s*(SKIP|TODO)/i.test(line)) totals.skipped += 1;
        else if (point[2]) totals.failed += 1;
        else totals.passed += 1;
      }
    }
    previous = line;
  }
}

export async function countResults(dir: string): Promise<Totals> {
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  const walk = async (d: string): Promise<void> => {
    const entries = await fs.readdir(d, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.tap')) countTap(await fs.readFile(full, 'utf8'), totals);
    }
  };
  await walk(dir);
  return totals;
}

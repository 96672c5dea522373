import { readFileSync } from 'node:fs';
import t from 'tap';
import { describePolicy, POLICY_DOC } from '../../policies/describe.ts';

t.test('docs/policy.md is the table the rules produce (npm run policy:docs)', async (t) => {
  t.equal(readFileSync(POLICY_DOC, 'utf8'), describePolicy(), 'stale: run `npm run policy:docs` and review the diff');
  t.match(describePolicy(), /## Secretariat[\s\S]*\| can \| create, read, update \| Space \|/);
  t.notMatch(describePolicy().split('## Secretariat')[1]!.split('## auditor')[0]!, /\| Item \|/, 'the Secretariat has no rule on items');
});

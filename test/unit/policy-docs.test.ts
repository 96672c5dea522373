import { readFileSync } from 'node:fs';
import t from 'tap';
import { describePolicy, POLICY_DOC } from '../../policies/describe.ts';

t.test('docs/policy.md is the table the rules produce (npm run policy:docs)', async (t) => {
  t.equal(readFileSync(POLICY_DOC, 'utf8'), describePolicy(), 'stale: run `npm run policy:docs` and review the diff');
  t.match(describePolicy(), /## Secretariat[\s\S]*\| can \| create, read, update \| Space \|/);
  const secretariat = describePolicy().split('## Secretariat')[1]!.split('## auditor')[0]!;
  t.notMatch(secretariat, /GREEN|AMBER|spaceId/, 'the Secretariat reads no space’s content: only what anyone signed in may');
});

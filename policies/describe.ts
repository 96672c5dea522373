/**
 * The policy as a table (role × action × subject × conditions × fields), generated from the rules
 * themselves by building the ability of one representative person per role. `npm run policy:docs`
 * writes docs/policy.md; a test fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Actor, abilityFor } from './ability.ts';

// Placeholder values, rendered back as words in the table.
const ME = '00000000-0000-4000-8000-00000000000a';
const SPACE = '00000000-0000-4000-8000-00000000000b';
const NETWORK = '00000000-0000-4000-8000-00000000000c';
const ORGANISATION = '00000000-0000-4000-8000-00000000000d';
const WORDS: [string, string][] = [
  [ME, '‹me›'],
  [SPACE, '‹the space›'],
  [NETWORK, '‹its network›'],
  [ORGANISATION, '‹my organisation›'],
  ['"CRI"', '‹my country›'],
  ['"IOM"', '‹my organisation code›'],
];

const member = (role: Actor['memberships'][number]['role'], country = 'CRI'): Actor => ({
  id: ME,
  country,
  organisationId: ORGANISATION,
  roles: [],
  memberships: [{ spaceId: SPACE, networkId: NETWORK, role }],
});

const PEOPLE: [string, Actor][] = [
  ['anyone signed in', { id: ME, country: 'CRI', organisationId: ORGANISATION, roles: [], memberships: [] }],
  ['officer (member country) in a space', member('officer')],
  ['contact point in a space', member('contact_point')],
  ['substitute in a space', member('substitute')],
  ['observer organisation in a space', member('observer', 'IOM')],
  ['Secretariat', { id: ME, country: 'SV', organisationId: null, roles: ['secretariat'], memberships: [] }],
  ['auditor', { id: ME, country: 'PAN', organisationId: null, roles: ['auditor'], memberships: [] }],
  ['Presidency', { id: ME, country: 'HND', organisationId: null, roles: ['presidency'], memberships: [] }],
];

function words(text: string): string {
  let out = text;
  for (const [value, word] of WORDS) out = out.split(value).join(word);
  return out.replace(/\|/g, '\\|');
}

export function describePolicy(): string {
  const lines = [
    '# The access policy',
    '',
    'Generated from `policies/` by `npm run policy:docs`; do not edit. Each row is one CASL rule of the',
    'ability built for a representative person. Rules are checked bottom-up: a later `cannot` overrides an',
    'earlier `can`. Everything not listed is denied. Lists, counts and searches apply the same rules in SQL',
    '(`policies/sql.ts`).',
    '',
    'Items a person may not read answer **404**, exactly like items that do not exist; items they may read',
    'but not act on answer **403** for that action.',
    '',
    "A rule with fields covers only those fields. Reads of an item's content ask for the field `content`;",
    "reads of its metadata ask for none. Metadata-only readers (auditors, the Presidency) see every item's",
    'id, space, kind, originator country, status, label and dates, and never read content, whatever the label',
    '(CLEAR included) and whatever else they hold: their last Item rule, `cannot read Item content`, outranks every',
    'grant above it, and in SQL it makes the content condition `false`.',
    '',
    "RED items: the validators (the originator country's contact point and substitute) read a draft or",
    'submitted RED item only after stating a purpose (`POST /api/items/:id/purpose`, else **428**',
    '`purpose_required`, as for every reader of RED content but the originator); after publication only the',
    'originator and the named recipients read it.',
    '',
  ];
  for (const [who, actor] of PEOPLE) {
    lines.push(`## ${who}`, '', '| | action | subject | conditions | fields |', '|---|---|---|---|---|');
    for (const rule of abilityFor(actor).rules) {
      const actions = [rule.action].flat().join(', ');
      const subjects = [rule.subject].flat().join(', ');
      const conditions = rule.conditions ? words(JSON.stringify(rule.conditions)) : 'always';
      const fields = rule.fields ? [rule.fields].flat().join(', ') : 'all';
      lines.push(`| ${rule.inverted ? 'cannot' : 'can'} | ${actions} | ${subjects} | \`${conditions}\` | ${fields} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

export const POLICY_DOC = path.resolve(import.meta.dirname, '../docs/policy.md');

if (process.argv.includes('--write')) {
  writeFileSync(POLICY_DOC, describePolicy());
  process.stdout.write(`wrote ${path.relative(process.cwd(), POLICY_DOC)}\n`);
}

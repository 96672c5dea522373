import t from 'tap';
import { escapeText, foldLine, vcard } from '../../../server/features/directory/vcard.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { buildWorld } from '../../helpers/world.ts';
import { COSTA_RICA, directoryCalls, entryOf } from './helpers.ts';

/** A minimal vCard reader: unfolds, splits properties, unescapes text values. */
function parse(text: string): Record<string, string[]>[] {
  t.notMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends with CRLF');
  const lines = text.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
  const cards: Record<string, string[]>[] = [];
  let card: Record<string, string[]> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VCARD') card = {};
    else if (line === 'END:VCARD') cards.push(card!);
    else {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/\\(.)/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
      (card![name] ??= []).push(value);
    }
  }
  return cards;
}

t.test('the serializer escapes and folds as RFC 6350 says', async (t) => {
  t.equal(escapeText('a,b;c\\d\ne\r\nf'), 'a\\,b\\;c\\\\d\\ne\\nf');
  const long = `NOTE:${'ñ'.repeat(100)}`;
  const folded = foldLine(long);
  for (const line of folded.split('\r\n')) t.ok(Buffer.byteLength(line) <= 75, 'at most 75 octets a line');
  t.equal(folded.replace(/\r\n /g, ''), long, 'unfolds to the line, no character split');
  const card = vcard({ name: 'Pérez, Juan; jefe\\turno', note: 'uno\ndos', phones: [{ type: 'cell', number: '+506 8800 1234' }] });
  t.match(
    card,
    /^BEGIN:VCARD\r\nVERSION:4\.0\r\nFN:Pérez\\, Juan\\; jefe\\\\turno\r\nTEL;TYPE=cell:\+506 8800 1234\r\nNOTE:uno\\ndos\r\nEND:VCARD\r\n$/,
  );
  t.same(parse(card)[0]!['FN'], ['Pérez, Juan; jefe\\turno']);
});

t.test('?format=vcard: every contact of the directory the caller reads, as a .vcf', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = directoryCalls(env, world);
  const cri = entryOf((await calls.read(world.secretariat)).json(), 'CRI').id;
  const tricky = {
    kind: 'campaign',
    name: 'Pérez, Juan; de la Cruz \\ Corazón Azul',
    title: `Punto focal${' de campañas'.repeat(8)}`,
    email: 'campanas@example.cr',
  };
  t.equal((await calls.patch(world.contact, cri, { ...COSTA_RICA, contacts: [...COSTA_RICA.contacts, tricky] })).statusCode, 200);

  const { displayName } = await env.database.db
    .selectFrom('appUser')
    .select('displayName')
    .where('id', '=', world.contact.user.id)
    .executeTakeFirstOrThrow();
  const res = await calls.read(world.officer, world.networkId, '?format=vcard&lang=es');
  t.equal(res.statusCode, 200, res.body);
  t.match(res.headers['content-type'], /^text\/vcard; charset=utf-8/);
  t.match(res.headers['content-disposition'], /attachment; filename="directory-nw-[a-z0-9]+\.vcf"/);
  for (const line of res.body.split('\r\n')) t.ok(Buffer.byteLength(line) <= 75, 'folded at 75 octets');
  const cards = parse(res.body);
  t.same(
    cards.map((c) => c['FN']![0]),
    [displayName, 'Línea 24/7 — Costa Rica', 'Ana Mora', 'Luis Vargas', tricky.name],
    'the contact point, the 24/7 line, the further contacts (Guatemala has none)',
  );
  t.same(cards[0], {
    VERSION: ['4.0'],
    FN: [displayName],
    ORG: [COSTA_RICA.organisation],
    TITLE: ['Punto de contacto, Costa Rica — Red'],
    'EMAIL;TYPE=work': [world.contact.user.email],
    'TEL;TYPE=work': [COSTA_RICA.officePhone],
    'TEL;TYPE=cell': [COSTA_RICA.mobilePhone],
    NOTE: ['Idiomas: es, en'],
  });
  t.same(cards[4]!['FN'], [tricky.name], 'commas, semicolons and backslashes come back as written');
  t.same(cards[4]!['TITLE'], [tricky.title]);
  t.match(res.body, 'FN:Pérez\\, Juan\\; de la Cruz \\\\ Corazón Azul');
  t.same(cards[3]!['ORG'], ['Ministerio de Relaciones Exteriores']);

  const audit = await env.database.db.selectFrom('auditEntry').select('details').where('action', '=', 'directory.read').execute();
  t.ok(
    audit.some((a) => (a.details as { format?: string }).format === 'vcard'),
    'the export is in the trail',
  );
});

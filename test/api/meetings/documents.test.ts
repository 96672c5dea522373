import { randomUUID } from 'node:crypto';
import t from 'tap';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { storedBlobs } from '../../helpers/blobs.ts';
import { fingerprinter } from '../../helpers/fuzz.ts';
import { textPdf } from '../../helpers/pdf.ts';
import { clearColumnHits } from '../../helpers/sealing.ts';
import { documentImage } from '../../helpers/specimens.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld, type MultipartPart, multipart } from '../../helpers/world.ts';
import { meetingCalls, PLENARY } from './helpers.ts';

/** A file name no other column holds: the sealing proof looks for it. */
const NAME = 'presentacion-Xochicalco-rutas.pdf';

function documentCalls(env: TestApp) {
  const { app } = env;
  return {
    attach: (who: SignedIn, id: string, parts: MultipartPart[], language = 'en') => {
      const body = multipart(parts);
      return app.inject({
        method: 'POST',
        url: `/api/meetings/${id}/documents`,
        headers: { ...who.headers, ...body.headers, 'accept-language': language },
        payload: body.payload,
      });
    },
    file: (who: SignedIn, id: string, fileId: string) => app.inject({ url: `/api/meetings/${id}/documents/${fileId}`, headers: who.headers }),
    remove: (who: SignedIn, id: string, fileId: string) =>
      app.inject({ method: 'DELETE', url: `/api/meetings/${id}/documents/${fileId}`, headers: who.headers }),
  };
}

const pdfPart = (data: Buffer, filename = NAME): MultipartPart => ({ name: 'file', filename, contentType: 'application/pdf', data });

t.test('a meeting’s documents: attached by its editors, sealed, read by its readers only, removed with their blobs', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const elsewhere = await buildWorld(env);
  const meetings = meetingCalls(env);
  const calls = documentCalls(env);
  const meeting = (await meetings.create(world.secretariat, { ...PLENARY, networkId: world.networkId })).json();

  const pdf = await textPdf(['Presentación de Costa Rica', 'Rutas por el corredor norte']);
  const image = await documentImage('Lista de participantes');
  const attached = await calls.attach(world.secretariat, meeting.id, [
    { name: 'kind', data: 'presentation' },
    pdfPart(pdf),
    { name: 'file', filename: 'foto-grupo.png', contentType: 'image/png', data: image },
  ]);
  t.equal(attached.statusCode, 201, attached.body);
  const documents = attached.json().documents;
  t.match(documents, [
    { kind: 'presentation', name: NAME, mediaType: 'application/pdf', byteSize: pdf.length },
    { kind: 'presentation', name: 'foto-grupo.png', mediaType: 'image/png' },
  ]);

  // Every reader of the meeting lists and opens them; the PDF comes back byte for byte.
  for (const who of [world.officer, world.contact, world.foreign, world.observer]) {
    const read = await meetings.read(who, meeting.id);
    t.same(
      read.json().documents.map((d: { id: string }) => d.id),
      documents.map((d: { id: string }) => d.id),
      'a member of the network lists the documents',
    );
    const file = await calls.file(who, meeting.id, documents[0].id);
    t.equal(file.statusCode, 200);
    t.ok(file.rawPayload.equals(pdf), 'the PDF as it was given');
  }
  const picture = await calls.file(world.officer, meeting.id, documents[1].id);
  t.equal(picture.headers['content-type'], 'image/png');
  t.ok(picture.rawPayload.subarray(1, 4).equals(Buffer.from('PNG')), 'the image, re-encoded by the pipeline');

  // Another network's member, and the auditor, get what they get for a meeting that does not exist.
  for (const who of [elsewhere.officer, elsewhere.contact, world.auditor]) {
    const mine = await calls.file(who, meeting.id, documents[0].id);
    const none = await calls.file(who, randomUUID(), documents[0].id);
    t.equal(mine.statusCode, 404);
    t.same(mine.json(), none.json(), 'the same 404 as for no meeting');
    t.same((await calls.attach(who, meeting.id, [pdfPart(pdf)])).json(), (await calls.attach(who, randomUUID(), [pdfPart(pdf)])).json());
    t.same((await calls.remove(who, meeting.id, documents[0].id)).json(), (await calls.remove(who, randomUUID(), documents[0].id)).json());
  }
  // A file of another meeting is not this one's, even for the Secretariat.
  const other = (await meetings.create(world.secretariat, { ...PLENARY, networkId: world.networkId, titleEs: 'Otra', titleEn: 'Other' })).json();
  t.equal((await calls.file(world.secretariat, other.id, documents[0].id)).statusCode, 404);
  t.equal((await calls.remove(world.secretariat, other.id, documents[0].id)).statusCode, 404);

  // Readers do not attach or remove.
  for (const who of [world.officer, world.contact, world.observer]) {
    t.equal((await calls.attach(who, meeting.id, [pdfPart(pdf)])).statusCode, 403);
    t.equal((await calls.remove(who, meeting.id, documents[0].id)).statusCode, 403);
  }

  // The sealing proof: the file's name is in no clear column, and its bytes in no blob in clear.
  const { hits, scanned } = await clearColumnHits(database.db, 'Xochicalco');
  t.ok(scanned > 50, `${scanned} columns scanned`);
  t.same(hits, [], 'the document’s name is in no clear column');

  await env.app.audit.settle();
  const actions = (
    await database.db.selectFrom('auditEntry').select('action').where('action', 'like', 'meeting.document%').orderBy('seq').execute()
  ).map((e) => e.action);
  t.ok(actions.includes('meeting.document.add') && actions.includes('meeting.document'), 'attaching and opening are in the trail');

  // Removing: the row, its sealed name and the file's blobs go; the other document stays.
  const before = (await storedBlobs(env.config.dataDir)).length;
  const removed = await calls.remove(world.secretariat, meeting.id, documents[0].id);
  t.equal(removed.statusCode, 200, removed.body);
  t.same(
    removed.json().documents.map((d: { id: string }) => d.id),
    [documents[1].id],
  );
  t.ok((await storedBlobs(env.config.dataDir)).length < before, 'its blobs are deleted');
  t.equal((await database.db.selectFrom('storedFile').select('id').where('id', '=', documents[0].id).execute()).length, 0);
  t.equal((await calls.file(world.officer, meeting.id, documents[0].id)).statusCode, 404);
  await env.app.audit.settle();
  t.same(
    await database.db
      .selectFrom('auditEntry')
      .select(['action', 'outcome'])
      .where('action', '=', 'meeting.document.remove')
      .where('outcome', '=', 'allowed')
      .execute(),
    [{ action: 'meeting.document.remove', outcome: 'allowed' }],
    'the removal is in the trail',
  );
});

t.test('wrong input: a clear bilingual error, no row and no blob left', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const meetings = meetingCalls(env);
  const calls = documentCalls(env);
  const meeting = (await meetings.create(world.secretariat, { ...PLENARY, networkId: world.networkId })).json();
  const pdf = await textPdf(['Acta firmada']);
  const fingerprint = await fingerprinter(database.db);
  const blobs = await storedBlobs(env.config.dataDir);
  const tables = await fingerprint();

  const cases: { label: string; parts: MultipartPart[]; status: number; code: string; language?: string; message?: RegExp }[] = [
    { label: 'no file', parts: [{ name: 'kind', data: 'minutes' }], status: 400, code: 'meeting_document_file_required' },
    {
      label: 'an unknown kind after a file',
      parts: [pdfPart(pdf), { name: 'kind', data: 'secret' }],
      status: 400,
      code: 'meeting_document_kind_unknown',
      language: 'es',
      message: /Tipo de documento desconocido/,
    },
    { label: 'an unknown field', parts: [pdfPart(pdf), { name: 'title', data: 'x' }], status: 400, code: 'form_field_unknown_meeting_document' },
    {
      label: 'a text file',
      parts: [{ name: 'file', filename: 'notes.pdf', contentType: 'application/pdf', data: 'just text, not a PDF' }],
      status: 415,
      code: '',
    },
    {
      label: 'eleven files',
      parts: Array.from({ length: 11 }, (_, i) => pdfPart(pdf, `acta-${i}.pdf`)),
      status: 400,
      code: 'meeting_documents_too_many',
    },
  ];
  for (const c of cases) {
    const res = await calls.attach(world.secretariat, meeting.id, c.parts, c.language);
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `${c.label}: ${res.statusCode}`);
    if (c.code) {
      t.equal(res.statusCode, c.status, c.label);
      t.equal(res.json().error.code, c.code, c.label);
    }
    if (c.message) t.match(res.json().error.message, c.message, `${c.label}: said in Spanish`);
    t.same(await storedBlobs(env.config.dataDir), blobs, `${c.label}: no blob left behind`);
  }
  const json = await env.app.inject({
    method: 'POST',
    url: `/api/meetings/${meeting.id}/documents`,
    headers: world.secretariat.headers,
    payload: { file: 'x' },
  });
  t.equal(json.statusCode, 415);
  t.equal(json.json().error.code, 'multipart_expected');

  // A conference-wide meeting has no key space to seal under: refused before a byte is kept.
  const plenary = await meetings.create(world.secretariat, {
    kind: 'crm_plenary',
    titleEs: 'Reunión Viceministerial',
    titleEn: 'Vice-ministerial meeting',
    startsAt: '2026-06-01T14:00:00Z',
    endsAt: '2026-06-02T22:00:00Z',
  });
  const refused = await calls.attach(world.secretariat, plenary.json().id, [pdfPart(pdf)]);
  t.equal(refused.statusCode, 409);
  t.equal(refused.json().error.code, 'meeting_content_needs_network');
  t.same(await storedBlobs(env.config.dataDir), blobs, 'no blob left behind');

  // What an upload writes: none of it changed (other tables move on their own schedules: jobs, sessions).
  const after = await fingerprint();
  for (const table of ['meeting_document', 'stored_file', 'file_chunk', 'sealed']) t.equal(after[table], tables[table], `${table} unchanged`);
});

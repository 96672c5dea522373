import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';
import { meetingCalls, PLENARY } from './helpers.ts';

t.test('a network’s meetings are read by its members only; conference-wide ones by everyone with a role or membership', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const elsewhere = await buildWorld(env);
  const calls = meetingCalls(env);
  const presidency = await signIn(app, database.db, clock, { roles: ['presidency'], country: 'HND' });

  const created = await calls.create(world.secretariat, { ...PLENARY, networkId: world.networkId });
  t.equal(created.statusCode, 201, created.body);
  const meeting = created.json();
  t.match(meeting, { network: { id: world.networkId }, kind: 'network_meeting', place: 'San José, Costa Rica', permissions: { update: true } });
  const plenary = await calls.create(presidency, {
    kind: 'crm_plenary',
    titleEs: 'Reunión Viceministerial',
    titleEn: 'Vice-ministerial meeting',
    startsAt: '2026-06-01T14:00:00Z',
    endsAt: '2026-06-02T22:00:00Z',
  });
  t.equal(plenary.statusCode, 201, 'the Presidency creates too; no network: conference-wide');

  for (const who of [world.officer, world.contact, world.foreign, world.observer]) {
    const list = (await calls.list(who)).json();
    t.same(
      list.items.map((m: { id: string }) => m.id),
      [meeting.id, plenary.json().id],
      'a member lists the network’s meeting and the conference-wide one, soonest first',
    );
    t.equal((await calls.read(who, meeting.id)).statusCode, 200);
  }
  t.match((await calls.read(world.officer, meeting.id)).json(), { agenda: PLENARY.agenda, meeting: { permissions: { update: false } } });

  // A member of another network neither lists nor opens it: 404, as for one that does not exist.
  for (const who of [elsewhere.officer, elsewhere.contact, world.auditor]) {
    const ids = (await calls.list(who)).json().items.map((m: { id: string }) => m.id);
    t.notOk(ids.includes(meeting.id), 'not listed');
    t.ok(ids.includes(plenary.json().id), 'the conference-wide one is');
    const mine = await calls.read(who, meeting.id);
    const none = await calls.read(who, randomUUID());
    t.equal(mine.statusCode, 404);
    t.same(mine.json(), none.json(), 'the same answer as for no meeting');
    t.same((await calls.patch(who, meeting.id, { place: 'x' })).json(), (await calls.patch(who, randomUUID(), { place: 'x' })).json());
  }
  // A user with no role and no membership reads nothing.
  const nobody = await signIn(app, database.db, clock, { country: 'MEX' });
  t.same((await calls.list(nobody)).json().items, []);

  // Members read; only the Secretariat and the Presidency create and edit.
  t.equal((await calls.create(world.contact, { ...PLENARY, networkId: world.networkId })).statusCode, 403);
  t.equal((await calls.patch(world.contact, meeting.id, { place: 'Ciudad de Guatemala' })).statusCode, 403);
  t.equal((await calls.minutes(world.contact, meeting.id, { es: 'x', en: null })).statusCode, 403);
  const edited = await calls.patch(world.secretariat, meeting.id, { place: 'Ciudad de Guatemala' });
  t.equal(edited.json().place, 'Ciudad de Guatemala');

  // Filters: upcoming and past, network, kind.
  const past = (
    await calls.create(world.secretariat, {
      ...PLENARY,
      networkId: world.networkId,
      startsAt: '2026-02-10T15:00:00Z',
      endsAt: '2026-02-10T17:00:00Z',
    })
  ).json();
  t.same(
    (await calls.list(world.officer, '?when=past')).json().items.map((m: { id: string }) => m.id),
    [past.id],
  );
  t.same(
    (await calls.list(world.officer, '?when=upcoming')).json().items.map((m: { id: string }) => m.id),
    [meeting.id, plenary.json().id],
  );
  t.equal((await calls.list(world.secretariat, `?networkId=${world.networkId}`)).json().total, 2);
  t.equal((await calls.list(world.secretariat, '?kind=crm_plenary')).json().total, 1);
});

t.test('minutes and agreements are sealed; an agreement makes the network’s commitment, linked both ways', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = meetingCalls(env);
  const meeting = (await calls.create(world.secretariat, { ...PLENARY, networkId: world.networkId })).json();

  const minutes = await calls.minutes(world.secretariat, meeting.id, {
    es: 'Se acordó intercambiar alertas sobre el corredor norte.',
    en: 'It was agreed to exchange alerts on the northern corridor.',
  });
  t.equal(minutes.statusCode, 200, minutes.body);
  const agreed = await calls.agreement(world.secretariat, meeting.id, {
    textEs: 'Compartir el directorio de puntos focales consulares',
    textEn: 'Share the directory of consular focal points',
    responsibles: ['CRI', 'GTM'],
    dueOn: '2026-06-30',
  });
  t.equal(agreed.statusCode, 201, agreed.body);
  const detail = agreed.json();
  t.match(detail.minutes, { es: /corredor norte/, en: /northern corridor/ });
  t.equal(detail.agreements.length, 1);
  const agreement = detail.agreements[0];
  t.match(agreement, { responsibles: ['CRI', 'GTM'], dueOn: '2026-06-30', textEn: 'Share the directory of consular focal points' });

  // The commitment: once, due on the agreement's date, the two countries responsible, linked back.
  const commitment = await env.app.inject({ url: `/api/commitments/${agreement.commitmentId}`, headers: world.contact.headers });
  t.equal(commitment.statusCode, 200, commitment.body);
  t.match(commitment.json().commitment, {
    network: { id: world.networkId },
    agreementId: agreement.id,
    calendar: 'once',
    dueOn: '2026-06-30',
    responsibles: [{ responsible: 'CRI' }, { responsible: 'GTM' }],
  });
  t.equal((await calls.read(world.foreign, meeting.id)).json().agreements[0].commitmentId, agreement.commitmentId);

  // Sealed: the meeting's and the agreement's rows hold no text of the agenda, minutes or agreement.
  const rows = JSON.stringify([
    await database.db.selectFrom('meeting').selectAll().execute(),
    await database.db.selectFrom('meetingAgreement').selectAll().execute(),
  ]);
  for (const secret of ['corredor', 'corridor', 'consular', 'Punto 1']) t.notMatch(rows, secret, `${secret} is not in clear`);
  const sealed = await database.db.selectFrom('sealed').select('message').where('spaceId', '=', world.spaceId).execute();
  for (const s of sealed) t.notMatch(s.message.toString('latin1'), 'corredor');
  // Recording the minutes again replaces the sealed record before it.
  const before = sealed.length;
  await calls.minutes(world.secretariat, meeting.id, { es: 'Acta corregida', en: null });
  t.equal((await database.db.selectFrom('sealed').select('id').where('spaceId', '=', world.spaceId).execute()).length, before);
  t.same((await calls.read(world.officer, meeting.id)).json().minutes, { es: 'Acta corregida', en: null });

  // The audit trail has the agreement with the commitment it made.
  const entry = await database.db.selectFrom('auditEntry').selectAll().where('action', '=', 'meeting.agreement').executeTakeFirstOrThrow();
  t.match(entry.details, { agreementId: agreement.id, commitmentId: agreement.commitmentId });
});

t.test('validation errors carry a code and a message in both languages; a failure changes nothing', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = meetingCalls(env);

  const reversed = await calls.create(world.secretariat, { ...PLENARY, networkId: world.networkId, endsAt: '2026-03-09T00:00:00Z' });
  t.equal(reversed.statusCode, 400);
  t.match(reversed.json().error, { code: 'meeting_ends_before_start', message: /cannot end before/ });
  const spanish = await calls.create(world.secretariat, { ...PLENARY, networkId: world.networkId, endsAt: '2026-03-09T00:00:00Z' }, 'es');
  t.match(spanish.json().error, { code: 'meeting_ends_before_start', message: /no puede terminar antes/ });
  const badKind = await calls.create(world.secretariat, { ...PLENARY, kind: 'party' }, 'es');
  t.equal(badKind.statusCode, 400);
  t.match(badKind.json().error, { code: 'validation_failed', message: /El campo/ });
  t.equal((await calls.create(world.secretariat, { ...PLENARY, link: 'http://insecure.example' })).statusCode, 400, 'https links only');
  t.match((await calls.create(world.secretariat, { ...PLENARY, topic: 'document_fraud' })).json().error, { code: 'meeting_topic_training_only' });
  t.match((await calls.create(world.secretariat, PLENARY)).json().error, { code: 'meeting_content_needs_network' }, 'no agenda without a network');
  t.equal((await database.db.selectFrom('meeting').select('id').execute()).length, 0, 'nothing stored');
  t.equal((await database.db.selectFrom('sealed').select('id').execute()).length, 0);

  // An agreement whose commitment cannot be made (a responsible the database refuses) leaves no agreement, no sealed text.
  const meeting = (await calls.create(world.secretariat, { ...PLENARY, networkId: world.networkId })).json();
  const sealedBefore = (await database.db.selectFrom('sealed').select('id').execute()).length;
  await database.db.schema.alterTable('commitment_responsible').addCheckConstraint('test_no_gtm', sql`responsible <> 'GTM'`).execute();
  const failed = await calls.agreement(world.secretariat, meeting.id, { textEs: 'Acuerdo', responsibles: ['CRI', 'GTM'], dueOn: '2026-06-30' });
  t.ok(failed.statusCode >= 400);
  t.equal((await database.db.selectFrom('meetingAgreement').select('id').execute()).length, 0, 'no agreement');
  t.equal((await database.db.selectFrom('commitment').select('id').execute()).length, 0, 'no commitment');
  t.equal((await database.db.selectFrom('sealed').select('id').execute()).length, sealedBefore, 'no sealed text');
  const noText = await calls.agreement(world.secretariat, meeting.id, { responsibles: ['CRI'], dueOn: '2026-06-30' }, 'es');
  t.match(noText.json().error, { code: 'agreement_text_required', message: /Escriba el acuerdo/ });
});

t.test('trainings record officials trained per country; the summary adds them up by country and topic', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = meetingCalls(env);
  const workshop = (
    await calls.create(world.secretariat, {
      kind: 'workshop',
      titleEs: 'Taller de detección de fraude documental',
      titleEn: 'Document-fraud detection workshop',
      startsAt: '2026-03-20T14:00:00Z',
      endsAt: '2026-03-20T20:00:00Z',
      topic: 'document_fraud',
      networkId: world.networkId,
    })
  ).json();
  const set = await calls.trainings(world.secretariat, workshop.id, {
    counts: [
      { country: 'CRI', officials: 12 },
      { country: 'GTM', officials: 8 },
    ],
  });
  t.equal(set.statusCode, 200, set.body);
  t.same(set.json().trainings, [
    { country: 'CRI', officials: 12 },
    { country: 'GTM', officials: 8 },
  ]);
  t.equal((await calls.trainings(world.secretariat, workshop.id, { counts: [{ country: 'CRI', officials: -1 }] })).statusCode, 400);
  t.match(
    (
      await calls.trainings(world.secretariat, workshop.id, {
        counts: [
          { country: 'CRI', officials: 1 },
          { country: 'CRI', officials: 2 },
        ],
      })
    ).json().error,
    {
      code: 'training_country_repeated',
    },
  );
  const meeting = (await calls.create(world.secretariat, { ...PLENARY, networkId: world.networkId })).json();
  t.match((await calls.trainings(world.secretariat, meeting.id, { counts: [] })).json().error, { code: 'meeting_not_training' });

  const summary = (await calls.summary(world.officer, `?networkId=${world.networkId}&from=2026-01-01&to=2026-12-31`)).json();
  t.same(summary.rows, [
    { country: 'CRI', topic: 'document_fraud', officials: 12, meetings: 1 },
    { country: 'GTM', topic: 'document_fraud', officials: 8, meetings: 1 },
  ]);
  // The follow-up dashboard shows the same figures for the period the workshop was held in.
  const dashboard = (period: string) =>
    env.app.inject({ url: `/api/followup/dashboard?networkId=${world.networkId}&period=${period}`, headers: world.secretariat.headers });
  const first = await dashboard('2026-S1');
  t.equal(first.statusCode, 200);
  t.same(first.json().trainings, [
    { country: 'CRI', topic: 'document_fraud', officials: 12, meetings: 1 },
    { country: 'GTM', topic: 'document_fraud', officials: 8, meetings: 1 },
  ]);
  t.same((await dashboard('2026-S2')).json().trainings, [], 'not in a period it was not held in');
  const elsewhere = await buildWorld(env);
  t.same((await calls.summary(elsewhere.officer)).json().rows, [], 'another network’s member counts nothing of it');
});

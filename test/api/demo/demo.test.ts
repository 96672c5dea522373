import { sql } from 'kysely';
import sharp from 'sharp';
import t from 'tap';
import * as data from '../../../server/demo/data.ts';
import { BackgroundCache, checkDigit, mrzLines, renderDocument } from '../../../server/demo/images.ts';
import { Random } from '../../../server/demo/random.ts';
import { type DemoResult, formatDemo } from '../../../server/demo/service.ts';
import { totpCode } from '../../../server/platform/auth/totp.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { enlace } from '../../helpers/cli.ts';
import { sessionCookie } from '../../helpers/users.ts';

t.test(
  '`enlace demo` fills an empty portal through the real services; its accounts sign in and find published specimens; a second run is refused',
  async (t) => {
    const env = await buildTestApp(t);
    const { app, database, clock, config } = env;
    const { db } = database;
    clock.set(new Date());
    const cli = { DATABASE_URL: database.url, ENLACE_DATA_DIR: config.dataDir };
    // An account made beforehand (`admin create-user`) does not make the portal non-empty.
    const admin = await enlace(
      ['admin', 'create-user', '--email', 'first@example.org', '--password', 'a long first password', '--country', 'SV', '--role', 'secretariat'],
      cli,
    );
    t.equal(admin.code, 0, admin.stderr);

    const run = await enlace(['demo', '--specimens', '20', '--json', '--password', 'demo password 2026'], cli);
    t.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as DemoResult;
    t.equal(result.password, 'demo password 2026');

    // Organisations, networks with their spaces (each with its key), accounts of every role.
    const count = async (
      table:
        | 'organisation'
        | 'network'
        | 'space'
        | 'spaceKey'
        | 'specimen'
        | 'sighting'
        | 'correction'
        | 'reportLink'
        | 'reportOutcome'
        | 'commitment'
        | 'commitmentUpdate'
        | 'returnTemplate'
        | 'entryRequirement'
        | 'directoryEntry'
        | 'returnCell'
        | 'meeting'
        | 'meetingAgreement'
        | 'meetingTraining',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    t.equal(await count('organisation'), 18, '11 member authorities, 3 observers, 3 migration authorities, the Secretariat');
    const authorities = await db
      .selectFrom('organisation')
      .select(['id', 'code', 'country'])
      .where('kind', '=', 'migration_authority')
      .orderBy('code')
      .execute();
    t.same(
      authorities.map((a) => [a.code, a.country]),
      [
        ['GTM-IGM-TECUN', 'GTM'],
        ['MEX-INM-AICM', 'MEX'],
        ['PAN-SNM-TOCUMEN', 'PAN'],
      ],
      'three migration authorities that receive alerts',
    );
    t.equal(await count('network'), 2);
    t.equal(await count('space'), 3);
    t.equal(await count('spaceKey'), 3, 'every space has its key pair');
    const users = await db.selectFrom('appUser').selectAll().where('email', 'like', '%@demo-enlace.example').execute();
    t.equal(users.length, result.accounts.length);
    t.ok(
      users.every((u) => u.status === 'active' && u.totpEnabledAt !== null && u.totpSecret !== null && u.organisationId !== null),
      'active, second factor on, in an organisation',
    );
    for (const role of ['secretariat', 'presidency', 'auditor'])
      t.equal(users.filter((u) => u.roles.includes(role as never)).length, 1, `one ${role}`);
    const roles = await db.selectFrom('membership').select(['role', 'country', 'spaceId']).execute();
    for (const role of ['officer', 'contact_point', 'substitute']) {
      t.equal(new Set(roles.filter((m) => m.role === role).map((m) => m.country)).size, 11, `a ${role} of every member country`);
    }
    t.ok(
      roles.some((m) => m.role === 'observer' && m.country === 'IOM'),
      'an IOM observer',
    );
    // One alert desk per migration authority: its country, its organisation, no space.
    const desks = result.accounts.filter((a) => a.role === 'alert_recipient');
    t.equal(desks.length, 3, 'an alert recipient per migration authority');
    for (const authority of authorities) {
      const desk = users.filter((u) => u.organisationId === authority.id);
      t.equal(desk.length, 1, `${authority.code} has its alert desk`);
      t.equal(desk[0]!.country, authority.country);
      t.ok(
        desks.some((d) => d.email === desk[0]!.email),
        'listed with the role alert_recipient',
      );
      t.notOk((await db.selectFrom('membership').select('spaceId').where('userId', '=', desk[0]!.id).execute()).length, 'no space membership');
    }

    // Specimens through the workflow, with images, sightings and correlation.
    t.equal(await count('specimen'), 20);
    t.equal(result.counts.specimens, 20);
    const items = await db
      .selectFrom('item')
      .select(['id', 'status', 'tlp', 'namedRecipients', 'createdAt'])
      .where('kind', '=', 'specimen')
      .execute();
    const statuses = Object.fromEntries(['published', 'submitted', 'draft', 'withdrawn'].map((s) => [s, items.filter((i) => i.status === s).length]));
    t.same(statuses, {
      published: result.counts.published,
      submitted: result.counts.submitted,
      draft: result.counts.drafts,
      withdrawn: result.counts.withdrawn,
    });
    t.ok(statuses.published! >= 12, 'most are published');
    t.ok(
      items.every((i) => i.tlp !== 'RED' || i.namedRecipients.length > 1),
      'RED names recipients besides the originator',
    );
    t.ok(
      items.every((i) => new Date(i.createdAt).getTime() > Date.now() - 2 * 366 * 86_400_000),
      'within the last two years',
    );
    const images = await db.selectFrom('itemAttachment').select(['itemId', 'page', 'light']).where('light', 'is not', null).execute();
    t.equal(images.length, result.counts.images);
    t.ok(
      items.every((i) => images.some((im) => im.itemId === i.id)),
      'every specimen has at least one image',
    );
    t.ok(images.length <= 60);
    t.ok(
      images.some((im) => im.light === 'uv' && (im.page === 'data_page' || im.page === 'front')),
      'UV pictures are of the page that carries the data',
    );
    const sightings = await db
      .selectFrom('sighting')
      .innerJoin('item', 'item.id', 'sighting.itemId')
      .select('sighting.kind')
      .where('item.kind', '=', 'specimen')
      .execute();
    t.equal(sightings.length, result.counts.sightings + result.counts.falsePositives);
    t.ok(result.counts.sightings >= 1, 'sightings reported');
    t.equal(await count('correction'), result.counts.corrections);
    // Intelligence reports: every kind, validated, linked to published specimens and to each other.
    const reports = await db.selectFrom('report').innerJoin('item', 'item.id', 'report.itemId').select(['report.kind', 'item.status']).execute();
    t.equal(reports.length, result.counts.reports);
    t.equal(reports.filter((r) => r.status === 'published').length, result.counts.reportsPublished);
    t.same([...new Set(reports.map((r) => r.kind))].sort(), ['acquisition_method', 'modus_operandi', 'network', 'operation', 'route']);
    t.ok((await count('reportLink')) >= 4, 'reports link specimens and each other');
    // Commitments of the plan of action, with the responsible's updates as their statuses.
    // (and one more made by the demo meeting's agreement)
    t.equal(await count('commitment'), result.counts.commitments + result.counts.agreements);
    // Meetings: one past with minutes and an agreement linked to its commitment, a workshop's trainees, upcoming ones.
    t.equal(await count('meeting'), result.counts.meetings);
    t.equal(await count('meetingAgreement'), result.counts.agreements);
    const linked = await db.selectFrom('commitment').select('id').where('agreementId', 'is not', null).execute();
    t.equal(linked.length, result.counts.agreements, 'the agreement made its commitment');
    t.ok((await count('meetingTraining')) > 0, 'officials trained are recorded');
    t.equal(await count('commitmentUpdate'), result.counts.commitmentUpdates);
    const reported = await db.selectFrom('commitmentResponsible').select('status').where('status', '<>', 'not_started').execute();
    t.ok(reported.length >= 5, 'some responsible have reported');
    // The flow matrix's returns of the last two semesters: every country's for the first, most for the last.
    t.equal(await count('returnTemplate'), 1);
    const filed = await db.selectFrom('countryReturn').select(['status', 'period']).execute();
    t.equal(filed.length, result.counts.returns);
    t.equal(filed.filter((r) => r.status === 'submitted').length, result.counts.returnsSubmitted);
    t.ok(result.counts.returns >= 11 && result.counts.returnsSubmitted >= 11, 'the semester before last filed by every member country');
    t.ok((await count('returnCell')) > 100, 'with figures');
    // The entry-authorisation matrix and the networks' directories, filled and confirmed.
    t.equal(await count('entryRequirement'), result.counts.entryRequirements);
    t.equal(result.counts.entryRequirements, 110, 'ten nationalities for each member country');
    const directory = await db.selectFrom('directoryEntry').select(['contentId', 'confirmedAt']).where('contentId', 'is not', null).execute();
    t.equal(directory.length, result.counts.directoryEntries);
    t.equal(result.counts.directoryEntries, await count('directoryEntry'), 'every entry of every network');
    t.ok(result.counts.directoryEntries >= 11);
    t.ok(
      directory.every((d) => d.confirmedAt),
      'each confirmed',
    );
    const toAlerts = await db
      .selectFrom('reportLink')
      .innerJoin('item', 'item.id', 'reportLink.itemId')
      .where('item.kind', '=', 'alert')
      .select('reportLink.reportId')
      .execute();
    t.equal(toAlerts.length, 1, 'a route links a published alert');
    t.equal(await count('reportOutcome'), 1, 'the joint operation has a judicial outcome');
    const entry = await db.selectFrom('auditEntry').selectAll().where('action', '=', 'demo.fill').executeTakeFirstOrThrow();
    t.match(entry.details, { specimens: 20, images: result.counts.images }, 'the fill is in the audit trail');
    t.notMatch(JSON.stringify(entry.details), result.accounts[0]!.totpSecret, 'without any secret');

    // Early alerts through the workflow: an urgent one published at once and awaiting review, a
    // warning awaiting its contact point, a published warning, a current and an expired information.
    const alerts = await db
      .selectFrom('item')
      .innerJoin('alert as a', 'a.itemId', 'item.id')
      .select([
        'item.id',
        'item.status',
        'item.tlp',
        'item.originatorCountry',
        'item.audienceOrganisations',
        'a.severity',
        'a.reviewPending',
        'a.publishedAt',
        'a.validUntil',
        'a.targetOrganisations',
      ])
      .execute();
    t.equal(alerts.length, 5);
    t.equal(result.counts.alerts, 5);
    const now = Date.now();
    const state = (a: (typeof alerts)[number]) =>
      `${a.severity}:${a.status}${a.reviewPending ? ':review' : ''}${a.status === 'published' && new Date(a.validUntil).getTime() <= now ? ':expired' : ''}`;
    t.same(alerts.map(state).sort(), [
      'info:published',
      'info:published:expired',
      'urgent:published:review',
      'warning:published',
      'warning:submitted',
    ]);
    t.match(result.counts, { alertsPublished: 4, alertsSubmitted: 1, alertsExpired: 1, acknowledgements: 1 });
    t.ok(
      alerts.every(
        (a) =>
          ['CLEAR', 'GREEN', 'AMBER'].includes(a.tlp) &&
          a.targetOrganisations.length > 0 &&
          a.targetOrganisations.every((o) => authorities.some((x) => x.id === o)),
      ),
      'each aimed at migration authorities',
    );
    t.ok(
      alerts.every((a) => (a.status === 'published') === (a.publishedAt !== null)),
      'published when (and only when) validated or urgent',
    );
    const links = await db
      .selectFrom('alertLink as l')
      .innerJoin('item', 'item.id', 'l.itemId')
      .select(['l.alertId', 'item.kind', 'item.status', 'item.tlp'])
      .execute();
    t.ok(links.length >= 1, `specimens linked (${links.length})`);
    t.ok(
      links.every((l) => l.kind === 'specimen' && l.status === 'published' && ['CLEAR', 'GREEN', 'AMBER'].includes(l.tlp)),
      'published CLEAR/GREEN/AMBER specimens only',
    );
    // Delivered: inbox rows of the space's readers and of the targeted authorities' desks.
    const inboxRows = await db.selectFrom('alertRecipient').select(['alertId', 'userId', 'via', 'readAt', 'acknowledgedAt']).execute();
    t.equal(inboxRows.length, result.counts.alertDeliveries);
    t.ok(
      inboxRows.every((r) => alerts.find((a) => a.id === r.alertId)!.status === 'published'),
      'only published alerts delivered',
    );
    t.equal(inboxRows.filter((r) => r.acknowledgedAt).length, 1, 'one acknowledgement');
    t.ok(inboxRows.filter((r) => r.via === 'organisation').length >= 4, 'the desks received theirs');
    t.equal(
      Number(
        (
          await db
            .selectFrom('auditEntry')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'alert.deliver')
            .executeTakeFirstOrThrow()
        ).n,
      ),
      4,
      'each fan-out in the trail',
    );

    // The printed table names every account with the password and its secret.
    const table = formatDemo(result);
    for (const account of result.accounts) t.match(table, `${account.email}`);
    t.match(table, /email\s+role\s+country\s+password\s+totpSecret/);
    t.match(table, /alert_recipient\s+MEX/);
    t.match(table, /5 early alerts/);

    // One session per account: a second sign-in in the same 30 seconds would replay its TOTP code.
    const sessions = new Map<string, { cookie: string; 'x-csrf-token': string }>();
    const signIn = async (account: DemoResult['accounts'][number]) => {
      const known = sessions.get(account.email);
      if (known) return known;
      const login = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: account.email, password: result.password, otp: totpCode(account.totpSecret, clock.now()) },
      });
      t.equal(login.statusCode, 200, login.body);
      const headers = { cookie: sessionCookie(login), 'x-csrf-token': login.json().csrfToken as string };
      sessions.set(account.email, headers);
      return headers;
    };

    // Each alert desk finds in its inbox the alerts aimed at its organisation, published and still
    // valid — and of the specimens only those the alerts link (or CLEAR ones, which every account reads).
    const specimenItems = await db
      .selectFrom('item')
      .select(['id', 'status', 'tlp', 'audienceOrganisations'])
      .where('kind', '=', 'specimen')
      .execute();
    const signedIn = new Map<string, Awaited<ReturnType<typeof signIn>>>();
    for (const authority of authorities) {
      const desk = users.find((u) => u.organisationId === authority.id)!;
      const deskHeaders = await signIn(desks.find((d) => d.email === desk.email)!);
      signedIn.set(authority.code, deskHeaders);
      const aimed = alerts.filter((a) => a.targetOrganisations.includes(authority.id));
      const expected = aimed.filter((a) => a.status === 'published' && new Date(a.validUntil).getTime() > now).map((a) => a.id);
      const inbox = await app.inject({ url: '/api/alerts/inbox', headers: deskHeaders });
      t.equal(inbox.statusCode, 200, inbox.body);
      t.same(
        inbox
          .json()
          .items.map((i: { id: string }) => i.id)
          .sort(),
        expected.sort(),
        `${authority.code}: its inbox`,
      );
      t.ok(expected.length >= 1, `${authority.code} received something`);
      const all = (await app.inject({ url: '/api/alerts?pageSize=50', headers: deskHeaders })).json();
      t.same(
        all.items.map((i: { id: string }) => i.id).sort(),
        aimed
          .filter((a) => a.status === 'published')
          .map((a) => a.id)
          .sort(),
        `${authority.code}: searching finds its published alerts, expired ones included, and no other`,
      );
      const search = await app.inject({ method: 'POST', url: '/api/specimens/search', headers: deskHeaders, payload: { pageSize: 100 } });
      t.equal(search.statusCode, 200, search.body);
      const seen: string[] = search.json().items.map((c: { id: string }) => c.id);
      const addressed = specimenItems.filter((s) => s.audienceOrganisations.includes(authority.id)).map((s) => s.id);
      t.ok(
        seen.every((id) => addressed.includes(id) || specimenItems.find((s) => s.id === id)!.tlp === 'CLEAR'),
        `${authority.code}: only specimens its alerts link (${addressed.length}), or CLEAR`,
      );
      t.ok(
        addressed.every((id) => seen.includes(id)),
        'and those it finds',
      );
      const unrelated = specimenItems.find((s) => s.status === 'published' && s.tlp === 'GREEN' && !s.audienceOrganisations.includes(authority.id))!;
      t.equal(
        (await app.inject({ url: `/api/specimens/${unrelated.id}`, headers: deskHeaders })).statusCode,
        404,
        'an unrelated specimen is not there',
      );
    }
    const tocumen = signedIn.get('PAN-SNM-TOCUMEN')!;
    const expired = (await app.inject({ url: '/api/alerts?expired=true', headers: tocumen })).json();
    t.equal(expired.total, 1, 'the expired information alert is still findable');
    t.equal(expired.items[0].expired, true);
    t.equal(expired.items[0].severity, 'info');

    // The issuer of the acknowledged alert sees it on the delivery board.
    const acknowledged = alerts.find((a) => a.id === inboxRows.find((r) => r.acknowledgedAt)!.alertId)!;
    const issuer = await signIn(result.accounts.find((a) => a.role === 'officer' && a.country === acknowledged.originatorCountry)!);
    const board = await app.inject({ url: `/api/alerts/${acknowledged.id}/deliveries`, headers: issuer });
    t.equal(board.statusCode, 200, board.body);
    t.equal(board.json().summary.acknowledged, 1);
    t.ok(
      board.json().recipients.some((r: { via: string; acknowledgedAt: string | null }) => r.via === 'organisation' && r.acknowledgedAt),
      'acknowledged by an authority',
    );

    // A printed officer signs in with the password and a TOTP code, and finds published specimens.
    const officer = result.accounts.find((a) => a.role === 'officer' && a.country === 'GTM')!;
    t.match(officer.totpSecret, /^[A-Z2-7]{32}$/);
    const headers = await signIn(officer);
    const search = await app.inject({ method: 'POST', url: '/api/specimens/search', headers, payload: { pageSize: 50 } });
    t.equal(search.statusCode, 200, search.body);
    const found = search.json();
    t.ok(found.total >= 10, `finds published specimens (${found.total})`);
    t.ok(
      found.items.some((c: { originatorCountry: string }) => c.originatorCountry !== 'GTM'),
      "other countries' specimens among them",
    );
    t.ok(found.facets.type.length > 1, 'facets counted');
    const card = found.items.find((c: { status: string; thumbnail: unknown }) => c.status === 'published' && c.thumbnail)!;
    const picture = await app.inject({ method: 'GET', url: `/api/specimens/${card.id}/images/${card.thumbnail.imageId}`, headers });
    t.equal(picture.statusCode, 200);
    t.equal(picture.headers['content-type'], 'image/jpeg');
    // Correlation shows something: specimens sharing a document number, others a series.
    const reasons = new Set<string>();
    for (const c of found.items as { id: string }[]) {
      const related = await app.inject({ method: 'GET', url: `/api/specimens/${c.id}/related`, headers });
      for (const r of related.json().items as { reasons: string[] }[]) for (const reason of r.reasons) reasons.add(reason);
    }
    t.ok(reasons.has('document_number'), 'a shared document number');
    t.ok(reasons.has('series'), 'a shared series');
    const read = await app.inject({ method: 'GET', url: `/api/specimens/${card.id}`, headers });
    t.equal(read.statusCode, 200);
    t.ok(read.json().specimen.description.length > 40, 'a description');

    // Person records: fictional people, AMBER or AMBER+STRICT, published through the workflow, linked —
    // the traveller to a specimen, the smuggler to the network's report — and the group followed by
    // another country; their names, dates of birth and nationalities in no clear column.
    const persons = await db
      .selectFrom('item')
      .innerJoin('person as ps', 'ps.itemId', 'item.id')
      .select(['item.id', 'item.status', 'item.tlp', 'item.originatorCountry', 'ps.form', 'ps.role'])
      .execute();
    t.equal(persons.length, 3);
    t.match(result.counts, { persons: 3, personsPublished: 3, personSightings: 1 });
    t.ok(
      persons.every((p) => p.status === 'published' && ['AMBER', 'AMBER+STRICT'].includes(p.tlp)),
      'published, AMBER or AMBER+STRICT',
    );
    const traveller = persons.find((p) => p.role === 'traveller')!;
    const smuggler = persons.find((p) => p.role === 'smuggler')!;
    const group = persons.find((p) => p.form === 'minors')!;
    t.ok(traveller && smuggler && group, 'a traveller, a smuggler and a group with minors');
    const personLinks = await db
      .selectFrom('personLink as l')
      .innerJoin('item', 'item.id', 'l.itemId')
      .leftJoin('report', 'report.itemId', 'l.itemId')
      .select(['l.personId', 'item.kind', 'item.status', 'report.kind as reportKind'])
      .execute();
    t.ok(
      personLinks.some((l) => l.personId === traveller.id && l.kind === 'specimen' && l.status === 'published'),
      'the traveller links a published specimen',
    );
    t.ok(
      personLinks.some((l) => l.personId === smuggler.id && l.reportKind === 'network'),
      "the smuggler links the network's report",
    );
    const followed = await db.selectFrom('sighting').select(['country', 'reporterCountry']).where('itemId', '=', group.id).execute();
    t.equal(followed.length, 1);
    t.not(followed[0]!.reporterCountry, group.originatorCountry, 'seen again by another country');

    // Their originators read them (no purpose needed); what they say is nowhere in clear.
    const contents = [];
    for (const p of persons) {
      const author = await signIn(result.accounts.find((a) => a.role === 'officer' && a.country === p.originatorCountry)!);
      const res = await app.inject({ url: `/api/persons/${p.id}`, headers: author });
      t.equal(res.statusCode, 200, res.body);
      contents.push(res.json());
    }
    const people = contents.flatMap((c) => [c.person, ...(c.group?.minors ?? []), ...(c.group?.adults ?? [])].filter(Boolean)) as {
      names: string[];
      dateOfBirth: string | null;
      nationalities: string[];
    }[];
    t.equal(people.length, 5, 'two persons, an adult and two minors');
    const everyday = new Set([...data.GIVEN_NAMES.F, ...data.GIVEN_NAMES.M, ...data.SURNAMES].map((n) => n.toLowerCase()));
    const words = [...new Set(people.flatMap((p) => p.names.flatMap((n) => n.split(' '))))];
    t.ok(words.length >= 8, `invented names (${words.join(', ')})`);
    t.notOk(
      words.some((w) => everyday.has(w.toLowerCase())),
      'none of their words an everyday name',
    );
    const clear = [
      ...(await sql<{ row: string }>`select row_to_json(p)::text as row from person p`.execute(db)).rows,
      ...(await sql<{ row: string }>`select row_to_json(i)::text as row from item i where kind = 'person'`.execute(db)).rows,
      ...(await sql<{ row: string }>`select row_to_json(g)::text as row from sighting g`.execute(db)).rows,
      ...(await sql<{ row: string }>`select details::text as row from audit_entry`.execute(db)).rows,
    ]
      .map((r) => r.row)
      .join('\n');
    const secrets = [
      ...words.filter((w) => w.length > 3),
      ...words.filter((w) => w.length > 3).map((w) => w.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase()),
      ...people.flatMap((p) => (p.dateOfBirth && p.dateOfBirth.length === 10 ? [p.dateOfBirth] : [])),
    ];
    t.same(
      secrets.filter((s) => clear.includes(s)),
      [],
      'no name or date of birth in a column of person, item, sighting or the trail',
    );
    for (const secret of secrets) {
      const inSealed = await sql<{
        n: number;
      }>`select count(*)::int as n from sealed where position(convert_to(${secret}, 'UTF8') in message) > 0`.execute(db);
      t.equal(inSealed.rows[0]!.n, 0, `${secret} not in a sealed message's bytes`);
    }
    // Found by the person check from another country: the AMBER group by an adult's name and date;
    // the AMBER+STRICT traveller only as withheld (another organisation's).
    const guatemala = await signIn(result.accounts.find((a) => a.role === 'officer' && a.country === 'GTM')!);
    const adult = contents.find((c) => c.id === group.id)!.group.adults[0];
    const byName = await app.inject({
      method: 'POST',
      url: '/api/checks/person',
      headers: guatemala,
      payload: { names: [adult.names[0].toUpperCase()], dateOfBirth: adult.dateOfBirth },
    });
    t.equal(byName.statusCode, 200, byName.body);
    t.ok(byName.json().items.includes(group.id), 'the group found by the adult of it');
    const person = contents.find((c) => c.id === traveller.id)!.person;
    const held = await app.inject({
      method: 'POST',
      url: '/api/checks/person',
      headers: guatemala,
      payload: { names: person.names, dateOfBirth: person.dateOfBirth },
    });
    t.match(held.json(), { hit: true, items: [], withheld: true }, 'the traveller withheld from another country');

    // The Presidency's follow-up dashboard shows every loading state: the routes space's oldest report came
    // before its deadline, the later ones after it, and some countries loaded nothing.
    const presidency = result.accounts.find((a) => a.role === 'presidency')!;
    const dashboard = await app.inject({ url: '/api/followup/dashboard', headers: await signIn(presidency) });
    t.equal(dashboard.statusCode, 200, dashboard.body);
    const loading = dashboard.json().loading as { spaceNameEn: string; state: string }[];
    const routes = new Set(loading.filter((l) => l.spaceNameEn === 'Routes and modus operandi').map((l) => l.state));
    for (const state of ['on_time', 'loaded_late', 'late']) t.ok(routes.has(state), `the routes space has a country ${state}`);

    // A second run changes nothing: exit code 65 and a clear message.
    const before = {
      users: (await db.selectFrom('appUser').select('id').execute()).length,
      specimens: await count('specimen'),
      networks: await count('network'),
    };
    const again = await enlace(['demo', '--specimens', '5'], cli);
    t.equal(again.code, 65);
    t.match(again.stderr, /not empty/);
    t.same(
      { users: (await db.selectFrom('appUser').select('id').execute()).length, specimens: await count('specimen'), networks: await count('network') },
      before,
    );

    for (const [args, message] of [
      [['--specimens', 'many'], /--specimens/],
      [['--seed', '-1'], /--seed/],
      [['--password', 'short'], /--password: 12 to/],
      [['--colour', 'red'], /Unknown option/],
    ] as const) {
      const usage = await enlace(['demo', ...args], cli);
      t.equal(usage.code, 64, args.join(' '));
      t.match(usage.stderr, message);
    }
  },
);

t.test('demo pictures: every view of an 800×550 fictional document, with a valid MRZ', async (t) => {
  const cache = new BackgroundCache();
  const random = new Random(1);
  const holder = {
    issuer: 'HND',
    surname: 'Zelaya Cáceres',
    givenNames: 'Dania',
    nationality: 'HND',
    number: '0801-1990-12345',
    birth: '1990-05-17',
    expiry: '2031-09-30',
    sex: 'F' as const,
    hue: 200,
  };
  for (const documentType of ['passport', 'identity_card', 'visa']) {
    for (const view of ['front', 'back', 'data_page', 'uv', 'ir', 'detail'] as const) {
      const image = await renderDocument({ ...holder, documentType }, view, random, cache);
      const meta = await sharp(image).metadata();
      t.match(meta, { format: 'jpeg', width: 800, height: 550 }, `${documentType} ${view}`);
    }
  }
  const [line1, line2] = mrzLines({ ...holder, documentType: 'passport' });
  t.equal(line1, 'P<HNDZELAYA<CACERES<<DANIA'.padEnd(44, '<'));
  t.equal(line2.length, 44);
  t.equal(line2.slice(9, 10), checkDigit(line2.slice(0, 9)), 'document number check digit');
  t.equal(checkDigit('L898902C3'), '6', 'ICAO 9303 example');
});

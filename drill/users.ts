import { createHash } from 'node:crypto';
import { totpCode } from '../server/platform/auth/totp.ts';
import { documentImage, SPECIMEN } from '../test/helpers/specimens.ts';
import { multipart } from '../test/helpers/world.ts';
import type { Sample } from './figures.ts';

/**
 * The drill's client side: sessions of the demo portal's people (`enlace demo` accounts, signed in
 * over HTTP with their TOTP), virtual users that loop over a mix of requests with a think time
 * between them, and the ledger of every write the portal acknowledged (2xx), read back at the end.
 * Every request has a timeout; one that reaches it is "hanging".
 */
export interface Account {
  email: string;
  role: string;
  country: string;
  password: string;
  totpSecret: string;
}

export interface Session {
  email: string;
  country: string;
  userId: string;
  cookie: string;
  csrf: string;
  /** Where it writes specimens and alerts. */
  specimenSpace: string;
  alertSpace: string;
  /** Specimens it may read (found by a first search), its own drafts (which take images), alerts to acknowledge. */
  readable: string[];
  drafts: string[];
  toAcknowledge: string[];
}

export type Write =
  | { kind: 'specimen'; id: string; by: string; series: string }
  | { kind: 'image'; specimenId: string; imageId: string; by: string; byteSize: number; sha256: string }
  | { kind: 'alert'; id: string; by: string; title: string }
  | { kind: 'ack'; alertId: string; by: string };

export interface Client {
  origin: () => string;
  samples: Sample[];
  ledger: Write[];
  timeoutMs: number;
}

interface Reply {
  status: number;
  body: Buffer;
  json<T>(): T;
}

/** One request, recorded as a sample (unless `record` is false); null when it did not get a 2xx. */
export async function call(
  client: Client,
  kind: string,
  session: Pick<Session, 'cookie' | 'csrf'> | null,
  method: string,
  url: string,
  body?: { json: unknown } | { payload: Buffer; headers: Record<string, string> },
  record = true,
): Promise<Reply | null> {
  const headers: Record<string, string> = { 'accept-language': 'en' };
  if (session) {
    headers['cookie'] = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  }
  let payload: string | Buffer | undefined;
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    Object.assign(headers, body.headers);
    payload = body.payload;
  }
  const start = performance.now();
  const note = (outcome: Sample['outcome'], status: string) => {
    if (record) client.samples.push({ kind, start, end: performance.now(), outcome, status });
  };
  try {
    const res = await fetch(`${client.origin()}${url}`, { method, headers, body: payload, signal: AbortSignal.timeout(client.timeoutMs) });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status < 200 || res.status >= 300) {
      note('error', String(res.status));
      return null;
    }
    note('ok', String(res.status));
    return { status: res.status, body: bytes, json: <T>() => JSON.parse(bytes.toString('utf8')) as T };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError') note('hanging', 'timeout');
    else note('error', e.cause?.code ?? e.name);
    return null;
  }
}

/** Signs an account in (password and the current TOTP code) and learns its spaces and what it may read. */
export async function signIn(client: Client, account: Account, spaces: { specimens: string; alerts: string }): Promise<Session | null> {
  const res = await fetch(`${client.origin()}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ email: account.email, password: account.password, otp: totpCode(account.totpSecret, new Date()) }),
    signal: AbortSignal.timeout(client.timeoutMs),
  });
  const body = (await res.json()) as { csrfToken?: string; user?: { id: string } };
  if (res.status !== 200 || !body.csrfToken || !body.user) throw new Error(`sign-in of ${account.email}: ${res.status} ${JSON.stringify(body)}`);
  const partial = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
  const me = await call(client, 'setup', partial, 'GET', '/api/me', undefined, false);
  const mine = me?.json<{ spaces: { id: string; createItems: boolean }[] }>().spaces ?? [];
  const writes = (id: string) => mine.some((s) => s.id === id && s.createItems);
  if (!writes(spaces.specimens) || !writes(spaces.alerts)) return null;
  const found = await call(client, 'setup', partial, 'GET', '/api/specimens?pageSize=100&status=published', undefined, false);
  // A RED item's content needs a purpose stated first (428 before): the mix reads the others.
  const readable =
    found
      ?.json<{ items: { id: string; tlp: string }[] }>()
      .items.filter((i) => i.tlp !== 'RED')
      .map((i) => i.id) ?? [];
  return {
    email: account.email,
    country: account.country,
    userId: body.user.id,
    ...partial,
    specimenSpace: spaces.specimens,
    alertSpace: spaces.alerts,
    readable,
    drafts: [],
    toAcknowledge: [],
  };
}

const WORDS = ['pasaporte', 'falsificado', 'holograma', 'laminado', 'visado', 'sello', 'passport', 'counterfeit'];
const COUNTRIES = ['BLZ', 'CRI', 'DOM', 'GTM', 'HND', 'MEX', 'NIC', 'PAN', 'SLV', 'USA', 'CAN'];

/** The mix, as weights: mostly reads and searches, some writes, a few alerts that fan out. */
export const MIX: [string, number][] = [
  ['read', 30],
  ['search', 20],
  ['inbox', 16],
  ['create', 8],
  ['upload', 8],
  ['ack', 13],
  ['alert', 5],
];

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;

function pickKind(): string {
  const total = MIX.reduce((n, [, w]) => n + w, 0);
  let r = Math.random() * total;
  for (const [kind, weight] of MIX) {
    r -= weight;
    if (r < 0) return kind;
  }
  return MIX[0]![0];
}

let sequence = 0;
/** Something unique the drill writes and looks for when reading back. */
const mark = () => `DRILL-${process.pid}-${++sequence}`;

async function createSpecimen(client: Client, s: Session, kind: string): Promise<string | null> {
  const series = mark();
  const res = await call(client, kind, s, 'POST', `/api/spaces/${s.specimenSpace}/specimens`, {
    json: { ...SPECIMEN, series, documentNumber: `P-${sequence}`, tlp: 'GREEN' },
  });
  if (!res) return null;
  const id = res.json<{ id: string }>().id;
  client.ledger.push({ kind: 'specimen', id, by: s.email, series });
  s.drafts.push(id);
  return id;
}

/** One request of the mix. */
export async function step(client: Client, s: Session, picture: () => Promise<Buffer>): Promise<void> {
  const kind = pickKind();
  switch (kind) {
    case 'read': {
      const id = s.readable.length ? pick(s.readable) : null;
      if (id) await call(client, kind, s, 'GET', `/api/specimens/${id}`);
      return;
    }
    case 'search': {
      await call(client, kind, s, 'GET', `/api/specimens?q=${encodeURIComponent(pick(WORDS))}&pageSize=20`);
      return;
    }
    case 'inbox': {
      const res = await call(client, kind, s, 'GET', '/api/alerts/inbox');
      if (!res) return;
      const items = res.json<{ items: { id: string; tlp: string; recipient: { acknowledgedAt: string | null } | null }[] }>().items;
      const open = items.filter((a) => a.recipient && !a.recipient.acknowledgedAt && a.tlp !== 'RED').map((a) => a.id);
      // Sessions are shared by several virtual users: an alert is queued once.
      for (const id of open) if (!s.toAcknowledge.includes(id)) s.toAcknowledge.push(id);
      return;
    }
    case 'create': {
      await createSpecimen(client, s, kind);
      return;
    }
    case 'upload': {
      // Onto one of this session's drafts (the oldest, which then moves to the end of the queue).
      const id = s.drafts.shift() ?? (await createSpecimen(client, s, 'create'));
      if (!id) return;
      if (!s.drafts.includes(id)) s.drafts.push(id);
      const bytes = await picture();
      const form = multipart([
        { name: 'page', data: 'data_page' },
        { name: 'light', data: 'visible' },
        { name: 'caption', data: 'Drill' },
        { name: 'file', filename: 'drill.png', contentType: 'image/png', data: bytes },
      ]);
      const res = await call(client, kind, s, 'POST', `/api/specimens/${id}/images`, form);
      if (!res) return;
      for (const image of res.json<{ id: string; byteSize: number }[]>()) {
        client.ledger.push({
          kind: 'image',
          specimenId: id,
          imageId: image.id,
          by: s.email,
          byteSize: image.byteSize,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        });
      }
      return;
    }
    case 'ack': {
      const id = s.toAcknowledge.shift();
      if (!id) {
        await call(client, 'inbox', s, 'GET', '/api/alerts/inbox');
        return;
      }
      const res = await call(client, kind, s, 'POST', `/api/alerts/${id}/ack`, { json: {} });
      if (res) client.ledger.push({ kind: 'ack', alertId: id, by: s.email });
      return;
    }
    case 'alert': {
      const title = mark();
      const now = Date.now();
      const targets = [...new Set([pick(COUNTRIES), pick(COUNTRIES), pick(COUNTRIES)])];
      const res = await call(client, kind, s, 'POST', '/api/alerts', {
        json: {
          spaceId: s.alertSpace,
          title,
          body: 'Simulacro de carga: alerta ficticia.',
          severity: 'urgent',
          targetCountries: targets,
          targetOrganisations: [],
          validFrom: new Date(now - 60_000).toISOString(),
          validUntil: new Date(now + 7 * 86_400_000).toISOString(),
          tlp: 'AMBER',
        },
      });
      if (res) client.ledger.push({ kind: 'alert', id: res.json<{ id: string }>().id, by: s.email, title });
      return;
    }
  }
}

/** Pictures for uploads: a few small generated PNGs, made once. */
export function pictures(): () => Promise<Buffer> {
  const made = Promise.all(['#2a5599', '#5a7bb5', '#7a3b3b', '#3b7a4a'].map((colour, i) => documentImage(`SIMULACRO ${i}`, colour)));
  return async () => pick(await made);
}

export interface Readback {
  checked: number;
  lost: { write: Write; why: string }[];
}

/**
 * Every acknowledged write read back through the API, as the session that made it: the specimen
 * with its series, the image's bytes, the alert with its title, the acknowledgement on the alert.
 */
export async function readBack(client: Client, sessions: Map<string, Session>, log: (m: string) => void): Promise<Readback> {
  const lost: Readback['lost'] = [];
  const get = (w: Write, url: string) => call(client, 'readback', sessions.get(w.by)!, 'GET', url, undefined, false);
  const check = async (w: Write): Promise<string | null> => {
    switch (w.kind) {
      case 'specimen': {
        const res = await get(w, `/api/specimens/${w.id}`);
        if (!res) return 'specimen not found';
        return res.json<{ specimen?: { series?: string } }>().specimen?.series === w.series ? null : 'series differs';
      }
      case 'image': {
        const res = await get(w, `/api/specimens/${w.specimenId}/images/${w.imageId}`);
        if (!res) return 'image not found';
        return createHash('sha256').update(res.body).digest('hex') === w.sha256 || res.body.length === w.byteSize ? null : 'image bytes differ';
      }
      case 'alert': {
        const res = await get(w, `/api/alerts/${w.id}`);
        if (!res) return 'alert not found';
        return res.json<{ title?: string }>().title === w.title ? null : 'title differs';
      }
      case 'ack': {
        const res = await get(w, `/api/alerts/${w.alertId}`);
        if (!res) return 'alert not found';
        return res.json<{ recipient?: { acknowledgedAt: string | null } | null }>().recipient?.acknowledgedAt ? null : 'not acknowledged';
      }
    }
  };
  let done = 0;
  const queue = [...client.ledger];
  const worker = async () => {
    for (let w = queue.shift(); w; w = queue.shift()) {
      const why = await check(w);
      if (why) lost.push({ write: w, why });
      if (++done % 2000 === 0) log(`read back ${done} of ${client.ledger.length} writes`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { checked: done, lost };
}

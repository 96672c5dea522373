import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { AuditTrail } from '../server/platform/audit/trail.ts';

/**
 * The floors of `read` and `search`: the same work on the plaintext copy (plain_specimen, seeded
 * beside the real tables), with no session, no policy, no sealing and no audit entry — a bare
 * node:http server and node-postgres, so that both sides pay HTTP and JSON.
 *
 * - `GET /specimens/:id`: the row with its content and images in clear, and the sighting and
 *   open-correction counts (what the real view adds from the same tables).
 * - `GET /audited/specimens/:id`: the same, plus the one thing the design adds to every read — an
 *   entry appended through the portal's own group commit (`AuditTrail.record`, the same instance the
 *   real route uses), durable before the reply leaves. When `audit` is given.
 * - `POST /specimens/search` `{ q, type, issuingCountry, page, pageSize }`: PostgreSQL full-text
 *   search (GIN on a tsvector) with the facets, the exact total, the counts of every facet under
 *   the other facets' filters, and the page of cards — the same queries the real search runs,
 *   concurrently as it does.
 */
export interface Floor {
  origin: string;
  close(): Promise<void>;
}

const asList = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

const FACETS: Record<string, string> = {
  type: 'p.document_type',
  issuingCountry: 'p.issuing_country',
  category: 'p.category',
  feature: 'unnest(p.features)',
  detectionCountry: 'p.detection_country',
  year: 'extract(year from p.detected_on)::int::text',
};

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return parts.length ? (JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>) : {};
}

export interface FloorAudit {
  trail: AuditTrail;
  /** Whose reads the entries record (the floor has no session). */
  actor: { id: string; country: string };
}

export async function startFloor(url: string, poolMax = 10, audit?: FloorAudit): Promise<Floor> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, application_name: 'enlace-bench-floor' });

  async function read(id: string) {
    const { rows } = await pool.query(
      `select p.id, p.space_id, p.status, p.tlp, p.originator_country, p.created_at, p.updated_at, p.content, p.images,
         (select count(*) from sighting g where g.item_id = p.id and g.kind = 'sighting') as sightings,
         (select count(*) from sighting g where g.item_id = p.id and g.kind = 'false_positive') as false_positives,
         (select count(*) from correction c where c.item_id = p.id and c.status = 'proposed') as open_corrections
       from plain_specimen p where p.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      kind: 'specimen',
      spaceId: row.space_id,
      originatorCountry: row.originator_country,
      status: row.status,
      tlp: row.tlp,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      specimen: row.content,
      images: row.images,
      sightingCounts: { sightings: Number(row.sightings), falsePositives: Number(row.false_positives) },
      openCorrections: Number(row.open_corrections),
    };
  }

  async function search(input: Record<string, unknown>) {
    const page = Number(input.page ?? 1);
    const pageSize = Number(input.pageSize ?? 20);
    const types = asList(input.type);
    const issuers = asList(input.issuingCountry);
    /** The conditions (each facet's left out of its own counts) with their parameters. */
    const filtered = (except?: string) => {
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const conditions = [`p.status <> 'withdrawn'`];
      if (input.q) conditions.push(`p.tsv @@ plainto_tsquery('spanish', ${param(input.q)})`);
      if (types.length && except !== 'type') conditions.push(`p.document_type = any(${param(types)}::text[])`);
      if (issuers.length && except !== 'issuingCountry') conditions.push(`p.issuing_country = any(${param(issuers)}::text[])`);
      return { where: conditions.join(' and '), params };
    };
    const all = filtered();
    const [total, cards, ...facets] = await Promise.all([
      pool.query(`select count(*) as n from plain_specimen p where ${all.where}`, all.params),
      pool.query(
        `select p.id, p.space_id, p.status, p.tlp, p.originator_country, p.created_at, p.updated_at, p.document_type, p.issuing_country,
           p.category, p.forgery_kind, p.features, p.detected_on::text as detected_on, p.detection_country, p.series, p.content->>'description' as description,
           (select count(*) from item_attachment a where a.item_id = p.id) as image_count,
           (select a.file_id::text || ' ' || a.light || ' ' || coalesce(a.page, '') from item_attachment a where a.item_id = p.id order by a.seq limit 1) as first_image,
           (select count(*) from sighting g where g.item_id = p.id and g.kind = 'sighting') as sightings
         from plain_specimen p where ${all.where} order by p.created_at desc, p.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`,
        all.params,
      ),
      ...Object.keys(FACETS).map((name) => {
        const { where, params } = filtered(name);
        return pool.query(
          `select v.value, count(*) as count from (select ${FACETS[name]} as value from plain_specimen p where ${where}) v
           where v.value is not null group by v.value order by count desc, v.value`,
          params,
        );
      }),
    ]);
    return {
      total: Number(total.rows[0].n),
      page,
      pageSize,
      items: cards.rows.map((r) => {
        const [imageId, light, page] = r.first_image ? String(r.first_image).split(' ') : [];
        return {
          id: r.id,
          spaceId: r.space_id,
          status: r.status,
          tlp: r.tlp,
          originatorCountry: r.originator_country,
          createdAt: new Date(r.created_at).toISOString(),
          updatedAt: new Date(r.updated_at).toISOString(),
          documentType: r.document_type,
          issuingCountry: r.issuing_country,
          category: r.category,
          forgeryKind: r.forgery_kind,
          features: r.features,
          detectedOn: r.detected_on,
          detectionCountry: r.detection_country,
          series: r.series,
          excerpt: r.description.length > 240 ? `${r.description.slice(0, 239)}…` : r.description,
          imageCount: Number(r.image_count),
          thumbnail: imageId ? { imageId, page: page || null, light } : null,
          sightings: Number(r.sightings),
        };
      }),
      facets: Object.fromEntries(
        Object.keys(FACETS).map((name, k) => [name, facets[k]!.rows.map((r) => ({ value: String(r.value), count: Number(r.count) }))]),
      ),
    };
  }

  let requests = 0;
  const server = createServer((request, response) => {
    const reply = (status: number, payload: unknown) => {
      const text = JSON.stringify(payload);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    const work = async () => {
      const found = /^(\/audited)?\/specimens\/([0-9a-f-]{36})$/.exec(request.url ?? '');
      if (request.method === 'GET' && found && (audit || !found[1])) {
        const row = await read(found[2]!);
        if (!row) return reply(404, { error: { code: 'not_found' } });
        if (audit && found[1]) {
          await audit.trail.record({
            action: 'specimen.read',
            outcome: 'allowed',
            actorId: audit.actor.id,
            actorCountry: audit.actor.country,
            subjectType: 'specimen',
            subjectId: row.id,
            spaceId: row.spaceId,
            requestId: `floor-${++requests}`,
            clientAddress: request.socket.remoteAddress ?? null,
            userAgent: request.headers['user-agent'] ?? null,
            details: { status: 200, tlp: row.tlp, itemKind: 'specimen' },
          });
        }
        return reply(200, row);
      }
      if (request.method === 'POST' && request.url === '/specimens/search') return reply(200, await search(await body(request)));
      return reply(404, { error: { code: 'not_found' } });
    };
    work().catch((err: Error) => reply(500, { error: { code: 'internal', message: err.message } }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

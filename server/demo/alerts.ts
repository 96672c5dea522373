import type { Ability, Actor } from '../../policies/ability.ts';
import { fanOut } from '../features/alerts/delivery.ts';
import { ALERT_JOBS } from '../features/alerts/jobs.ts';
import type { AlertCreate } from '../features/alerts/schemas.ts';
import { AUDIENCE_LABELS, acknowledge, createAlert, markRead, published } from '../features/alerts/service.ts';
import { AuditTrail } from '../platform/audit/trail.ts';
import type { User } from '../platform/auth/sessions.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import { type Item, transitionItem } from '../platform/items/base.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import type { Services } from '../services.ts';
import * as data from './data.ts';
import type { Random } from './random.ts';

/**
 * The demo's early alerts, through the alerts service itself: issued by an officer (`createAlert`;
 * urgent ones are published at once), published by the country's contact point as the `publish`
 * route does (`transitionItem` + `published`), delivered by the fan-out job's own handler
 * (`fanOut`: inbox rows of the space's members who may read each alert and of the targeted
 * authorities' users), and then read or acknowledged by one authority's alert desk.
 */

const HOUR = 3_600_000;

/**
 * The alerts service and the fan-out, run with the demo's services, but for:
 * - clock: the demo's own, set to each moment it replays (a delivery is dated just after its
 *   publication, as a worker would have done it);
 * - jobs: the fan-out job publication sends is kept, and run by the demo with the job's handler
 *   (`fanOut`) once the publishing transaction has committed. The mail jobs the fan-out sends are
 *   dropped — the demo's addresses (an example domain) receive nothing — so no mail is sent, now or
 *   later by a worker, and each inbox row's mail state stays `pending`;
 * - audit: the real trail at the real time (the fan-out's `alert.deliver` entries).
 * Live notices go out as they would (a portal running meanwhile tells its open browsers).
 */
class DemoQueue implements JobQueue {
  #fanOuts: string[] = [];
  async send(_db: unknown, name: string, data: Record<string, unknown>): Promise<void> {
    this.#keep(name, [data]);
  }
  async sendMany(_db: unknown, name: string, data: Record<string, unknown>[]): Promise<void> {
    this.#keep(name, data);
  }
  handle(): void {}
  async drain(): Promise<number> {
    throw new Error('the demo runs its fan-outs itself');
  }
  /** The fan-outs queued since the last call (read after the transaction that queued them committed). */
  take(): string[] {
    const taken = this.#fanOuts;
    this.#fanOuts = [];
    return taken;
  }
  /** Fan-outs are kept; mail (and webhook) jobs are dropped, see above. */
  #keep(name: string, data: Record<string, unknown>[]): void {
    if (name === ALERT_JOBS.fanOut) this.#fanOuts.push(...data.map((d) => d['alertId'] as string));
  }
}

export interface AlertPeople {
  /** A member country's officer or contact point, with the actor and ability the policy sees. */
  personOf(country: string, role: 'officer' | 'contact_point'): { user: User; actor: Actor; ability: Ability };
  /** The alert desk account of a migration authority (by organisation code). */
  deskOf(organisation: string): User;
}

/** What a specimen plan says about linking it, and the id it was created under. */
export interface LinkableSpecimen {
  id: string;
  space: string;
  documentType: string;
  tlp: string;
  /** Where the workflow left it: draft, submitted, published or withdrawn. */
  status: string;
  /** Not narrowed by releasability. */
  releasable: boolean;
  publishedAt: Date;
}

export interface DemoAlertCounts {
  alerts: number;
  alertsPublished: number;
  alertsSubmitted: number;
  alertsExpired: number;
  alertDeliveries: number;
  acknowledgements: number;
}

/** Issues, validates and delivers data.ALERTS; returns what was made. */
export async function fillAlerts(
  services: Services,
  context: {
    now: Date;
    random: Random;
    spaces: Map<string, string>;
    organisations: Map<string, string>;
    people: AlertPeople;
    specimens: LinkableSpecimen[];
  },
): Promise<DemoAlertCounts> {
  const { db } = services;
  const { now, random, spaces, organisations, people } = context;
  let moment = now;
  const clock: Clock = { now: () => moment };
  const jobs = new DemoQueue();
  const app: Services = { ...services, clock, jobs, audit: new AuditTrail(db, systemClock) };
  const counts: DemoAlertCounts = { alerts: 0, alertsPublished: 0, alertsSubmitted: 0, alertsExpired: 0, alertDeliveries: 0, acknowledgements: 0 };
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR);
  const linked = new Set<string>();

  for (const seed of data.ALERTS) {
    const issuer = people.personOf(seed.country, 'officer');
    const validator = people.personOf(seed.country, 'contact_point');
    const issuedAt = hoursAgo(seed.issuedHoursAgo);
    const specimenIds = pickLinks(random, context.specimens, seed, issuedAt, linked);
    const body: AlertCreate = {
      spaceId: spaces.get(seed.space)!,
      title: seed.title,
      body: seed.body,
      severity: seed.severity,
      targetCountries: seed.targetCountries as AlertCreate['targetCountries'],
      targetOrganisations: seed.targetOrganisations.map((code) => organisations.get(code)!),
      ports: seed.ports,
      validFrom: issuedAt.toISOString(),
      validUntil: hoursAgo(-seed.validUntilHours).toISOString(),
      ...(specimenIds.length ? { specimenIds } : {}),
      tlp: seed.tlp,
      sourceEvaluation: seed.sourceEvaluation,
      informationEvaluation: seed.informationEvaluation,
    };
    let item: Item = await db.transaction().execute((trx) => createAlert(app, trx, issuer.actor, issuer.ability, body, issuedAt));
    let publishedAt = issuedAt;
    if (seed.severity !== 'urgent' && seed.fate === 'published') {
      // What the `publish` route does, as the country's contact point.
      publishedAt = hoursAgo(seed.publishedHoursAgo!);
      item = await db.transaction().execute(async (trx) => {
        const moved = await transitionItem(trx, validator.ability, 'alert', item.id, 'publish', publishedAt);
        await published(app, trx, moved, publishedAt, false);
        return moved;
      });
    }
    counts.alerts++;
    if (item.status === 'submitted') counts.alertsSubmitted++;
    if (item.status !== 'published') continue;
    counts.alertsPublished++;
    if (seed.validUntilHours <= 0) counts.alertsExpired++;

    // The fan-out, a minute after publication (what a worker would have done then).
    const deliveredAt = new Date(publishedAt.getTime() + 60_000);
    moment = deliveredAt;
    for (const alertId of jobs.take()) counts.alertDeliveries += await fanOut(app, alertId);

    if (seed.recipient) {
      const desk = people.deskOf(seed.recipient.organisation);
      const at = new Date(Math.min(deliveredAt.getTime() + seed.recipient.hoursAfter * HOUR, now.getTime() - 60_000));
      if (seed.recipient.does === 'acknowledge') {
        await db.transaction().execute((trx) => acknowledge(app, trx, item, desk.id, at));
        counts.acknowledgements++;
      } else {
        await markRead(db, item.id, desk.id, at);
      }
    }
  }
  return counts;
}

/**
 * Specimens an alert may link (published, CLEAR/GREEN/AMBER, not narrowed by releasability, so
 * every targeted authority reads them), published before the alert was issued: first those of the
 * alert's space and preferred document types, each used once across the demo's alerts.
 */
function pickLinks(random: Random, specimens: LinkableSpecimen[], seed: data.AlertSeed, issuedAt: Date, used: Set<string>): string[] {
  if (seed.links.count === 0) return [];
  const candidates = specimens.filter(
    (s) =>
      s.status === 'published' &&
      AUDIENCE_LABELS.includes(s.tlp) &&
      s.releasable &&
      s.publishedAt.getTime() < issuedAt.getTime() - HOUR &&
      !used.has(s.id),
  );
  const rank = (s: LinkableSpecimen) => (s.space === seed.space ? 0 : 2) + (seed.links.documentTypes.includes(s.documentType) ? 0 : 1);
  const chosen = random
    .sample(candidates, candidates.length)
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, seed.links.count)
    .map((s) => s.id);
  for (const id of chosen) used.add(id);
  return chosen;
}

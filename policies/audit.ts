import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import type { Actor } from './actor.ts';

/**
 * The audit trail.
 * - Auditors read it (metadata only: the trail holds no content), export it and verify it.
 * - No one else reads it, the Secretariat included: who watches the administrators must not be
 *   watched by them. No one, auditors included, can change it (the database refuses).
 */
export function auditRules(actor: Actor, { can }: AbilityBuilder<MongoAbility>): void {
  if (actor.roles.includes('auditor')) can(['read', 'export', 'verify'], 'AuditTrail');
}

import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Line } from '../../platform/http/text.ts';

/**
 * Organisations (DOMAIN.md): member-country authorities, migration authorities, observers, partner
 * organisations and the Secretariat, registered by the Secretariat rather than fixed in code.
 */
const Uuid = Type.String({ format: 'uuid' });
const Name = Line(300);
const Instant = Type.String({ format: 'date-time' });

export const ORGANISATION_KINDS = ['member_authority', 'migration_authority', 'observer', 'partner', 'secretariat'] as const;
export const OrganisationKind = Type.Enum([...ORGANISATION_KINDS]);

export const OrganisationView = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    /** A member country's alpha-3 for its authorities; the organisation's own code for the others. */
    country: Type.String(),
    kind: OrganisationKind,
    nameEs: Type.String(),
    nameEn: Type.String(),
    active: Type.Boolean(),
    deactivatedAt: Nullable(Instant),
  },
  { additionalProperties: false },
);

export const OrganisationBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9-]{2,40}$' }),
    /** A member country (authorities) or the organisation's own code of 2 to 5 letters (observers, partners, the Secretariat). */
    country: Type.String({ pattern: '^[A-Z]{2,5}$' }),
    kind: OrganisationKind,
    nameEs: Name,
    nameEn: Name,
  },
  { additionalProperties: false },
);

export const OrganisationChange = Type.Object(
  {
    nameEs: Type.Optional(Name),
    nameEn: Type.Optional(Name),
    kind: Type.Optional(OrganisationKind),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const OrganisationListQuery = Type.Object(
  {
    kind: Type.Optional(OrganisationKind),
    /** Part of the code or of either name. */
    q: Type.Optional(Line(100)),
    status: Type.Enum(['active', 'inactive', 'all'], { default: 'all' }),
  },
  { additionalProperties: false },
);

export const OrganisationParams = Type.Object({ organisationId: Uuid }, { additionalProperties: false });

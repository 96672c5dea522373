import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Line } from '../../platform/http/text.ts';

const Uuid = Type.String({ format: 'uuid' });
const Name = Line(300);
const Instant = Type.String({ format: 'date-time' });

export const NetworkView = Type.Object(
  { id: Uuid, code: Type.String(), nameEs: Type.String(), nameEn: Type.String() },
  { additionalProperties: false },
);
export const NetworkBody = Type.Object(
  { code: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }), nameEs: Name, nameEn: Name },
  { additionalProperties: false },
);

export const WebhookCreate = Type.Object(
  { url: Type.String({ format: 'line', minLength: 8, maxLength: 500, pattern: '^https?://[^\\s]+$' }) },
  { additionalProperties: false },
);
export const WebhookView = Type.Object(
  { id: Uuid, organisationId: Uuid, url: Type.String(), createdAt: Instant, disabledAt: Nullable(Instant) },
  { additionalProperties: false },
);
export const OrganisationParams = Type.Object({ organisationId: Uuid }, { additionalProperties: false });
export const WebhookParams = Type.Object({ webhookId: Uuid }, { additionalProperties: false });

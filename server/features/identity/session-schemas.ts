import { Type } from 'typebox';
import { Line } from '../../platform/http/text.ts';

export const LoginBody = Type.Object(
  {
    email: Line(254),
    password: Line(256, { blank: true, minLength: 1 }),
    /** Six digits from the authenticator app, or a recovery code (XXXX-XXXX-XXXX-XXXX). */
    otp: Type.Optional(Line(32)),
  },
  { additionalProperties: false },
);

export const SessionView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    current: Type.Boolean(),
    stage: Type.Enum(['enrol', 'full']),
    createdAt: Type.String({ format: 'date-time' }),
    lastSeenAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
    clientAddress: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const SessionParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

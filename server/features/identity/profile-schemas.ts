import { Type } from 'typebox';
import { Line, Text } from '../../platform/http/text.ts';
import { Language, Password, UserView } from './schemas.ts';

export const MySpace = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    networkId: Type.String({ format: 'uuid' }),
    nameEs: Type.String(),
    nameEn: Type.String(),
    role: Type.Enum(['officer', 'contact_point', 'substitute', 'observer']),
    /** Whether the policy lets me write items here (specimens, alerts): not as an observer, not from outside the member countries. */
    createItems: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const Me = Type.Object(
  {
    user: UserView,
    spaces: Type.Array(MySpace),
    session: Type.Object(
      {
        id: Type.String({ format: 'uuid' }),
        stage: Type.Enum(['enrol', 'full']),
        expiresAt: Type.String({ format: 'date-time' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const UpdateMeBody = Type.Object(
  {
    displayName: Type.Optional(Line(200)),
    language: Type.Optional(Language),
    /** Armored OpenPGP public key for encrypted alert mail; null removes it. */
    pgpPublicKey: Type.Optional(Type.Union([Text(100_000, { minLength: 50 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Line(256, { blank: true, minLength: 1 }), newPassword: Password },
  { additionalProperties: false },
);

export const CsrfOnly = Type.Object({ csrfToken: Type.String() }, { additionalProperties: false });

export const TotpStart = Type.Object(
  {
    secret: Type.String({ description: 'Base32, for typing into an app that cannot scan' }),
    uri: Type.String({ description: 'otpauth:// URI' }),
    qrCode: Type.String({ description: 'The URI as a QR code, an SVG data URL' }),
  },
  { additionalProperties: false },
);

export const OtpBody = Type.Object({ otp: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false });

export const Enrolled = Type.Object(
  { user: UserView, csrfToken: Type.String(), recoveryCodes: Type.Array(Type.String(), { minItems: 10, maxItems: 10 }) },
  { additionalProperties: false },
);

export const RecoveryCodes = Type.Object(
  { recoveryCodes: Type.Array(Type.String(), { minItems: 10, maxItems: 10 }) },
  { additionalProperties: false },
);

import { Type } from 'typebox';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../platform/auth/password.ts';
import { Line } from '../../platform/http/text.ts';
import { Place } from '../../platform/reference/countries.ts';

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** Any characters a person can type, spaces included (never stored: only its argon2id hash is). */
export const Password = Line(PASSWORD_MAX, { blank: true, minLength: PASSWORD_MIN });
export const Language = Type.Enum(['es', 'en']);
export const GlobalRole = Type.Enum(['secretariat', 'presidency', 'auditor']);

export const UserView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    country: Type.String(),
    organisation: Type.String(),
    /** The registered organisation (member authority, observer…) the policy knows the person by. */
    organisationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    language: Language,
    status: Type.Enum(['invited', 'active', 'locked', 'disabled']),
    roles: Type.Array(GlobalRole),
    twoFactor: Type.Object({ enabled: Type.Boolean(), recoveryCodesLeft: Type.Integer() }),
    pgpFingerprint: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'UserView', additionalProperties: false },
);

export const InvitationBody = Type.Object(
  {
    email: Email,
    displayName: Line(200),
    country: Place,
    organisation: Line(200),
    organisationId: Type.Optional(Type.String({ format: 'uuid' })),
    language: Type.Optional(Language),
    roles: Type.Optional(Type.Array(GlobalRole, { maxItems: 3, uniqueItems: true })),
  },
  { additionalProperties: false },
);

// Tokens travel in the body, never in a URL the server sees (links carry them after '#').
export const Token = Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });

export const AcceptInvitationBody = Type.Object({ token: Token, password: Password }, { additionalProperties: false });
export const ResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });
export const ResetCompleteBody = Type.Object({ token: Token, password: Password }, { additionalProperties: false });

/** The password was right; the same request again with `otp` completes the sign-in. */
export const SecondFactorNext = Type.Object({ next: Type.Literal('second_factor') }, { additionalProperties: false });

export const SignedIn = Type.Object(
  {
    user: UserView,
    csrfToken: Type.String(),
    stage: Type.Enum(['enrol', 'full']),
  },
  { additionalProperties: false },
);

export const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const UserListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(['invited', 'active', 'locked', 'disabled'])),
    country: Type.Optional(Place),
    q: Type.Optional(Line(100)),
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

export const UserList = Type.Object(
  { total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(UserView) },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    status: Type.Optional(Type.Enum(['active', 'locked', 'disabled'])),
    roles: Type.Optional(Type.Array(GlobalRole, { maxItems: 3, uniqueItems: true })),
    organisationId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

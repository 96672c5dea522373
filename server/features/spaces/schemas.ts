import { Type } from 'typebox';
import { Line, Text } from '../../platform/http/text.ts';

const Uuid = Type.String({ format: 'uuid' });
const Name = Line(300);
const Description = Text(5000, { blank: true });
const IsoDate = Type.String({ format: 'date' });
export const SpaceRole = Type.Enum(['officer', 'contact_point', 'substitute', 'observer']);

/** The network a space belongs to, as a space shows it. */
const NetworkView = Type.Object({ id: Uuid, code: Type.String(), nameEs: Type.String(), nameEn: Type.String() }, { additionalProperties: false });

export const SpacePermissions = Type.Object(
  {
    update: Type.Boolean(),
    manageMembers: Type.Boolean(),
    /** The roles I may give in this space (to my own country's people, for a contact point). */
    grantableRoles: Type.Array(SpaceRole),
  },
  { additionalProperties: false },
);

export const SpaceView = Type.Object(
  {
    id: Uuid,
    network: NetworkView,
    nameEs: Type.String(),
    nameEn: Type.String(),
    descriptionEs: Type.String(),
    descriptionEn: Type.String(),
    opensOn: Type.String(),
    loadingDeadline: Type.String(),
    myRole: Type.Union([SpaceRole, Type.Null()]),
    permissions: SpacePermissions,
  },
  { additionalProperties: false },
);

export const SpaceBody = Type.Object(
  {
    networkId: Uuid,
    nameEs: Name,
    nameEn: Name,
    descriptionEs: Type.Optional(Description),
    descriptionEn: Type.Optional(Description),
    opensOn: IsoDate,
    /** Default: four months after opening (the plans' "4 meses"). */
    loadingDeadline: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const SpacePatch = Type.Object(
  {
    nameEs: Type.Optional(Name),
    nameEn: Type.Optional(Name),
    descriptionEs: Type.Optional(Description),
    descriptionEn: Type.Optional(Description),
    opensOn: Type.Optional(IsoDate),
    loadingDeadline: Type.Optional(IsoDate),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SpaceParams = Type.Object({ spaceId: Uuid }, { additionalProperties: false });
export const MemberParams = Type.Object({ spaceId: Uuid, userId: Uuid }, { additionalProperties: false });

export const MemberView = Type.Object(
  {
    userId: Uuid,
    displayName: Type.String(),
    email: Type.String(),
    country: Type.String(),
    role: SpaceRole,
    since: Type.String({ format: 'date-time' }),
    permissions: Type.Object({ remove: Type.Boolean(), changeRole: Type.Boolean() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const MemberBody = Type.Object({ userId: Uuid, role: SpaceRole }, { additionalProperties: false });
export const MemberPatch = Type.Object({ role: SpaceRole }, { additionalProperties: false });

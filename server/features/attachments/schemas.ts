import { Type } from 'typebox';

export const AttachmentParams = Type.Object({ itemId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const AttachmentFileParams = Type.Object(
  { itemId: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export const AttachmentQuery = Type.Object({ size: Type.Optional(Type.Enum(['full', 'thumb'])) }, { additionalProperties: false });

/** The text fields that may accompany files (each `caption` applies to the file part that follows it). */
export const CAPTION_MAX = 500;
export const NAME_MAX = 255;

export const AttachmentView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    caption: Type.Union([Type.String(), Type.Null()]),
    view: Type.Union([Type.String(), Type.Null()]),
    mediaType: Type.String(),
    byteSize: Type.Integer(),
    thumbnail: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

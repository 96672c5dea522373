import { Type } from 'typebox';

export const AttachmentParams = Type.Object({ itemId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const AttachmentFileParams = Type.Object(
  { itemId: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export const AttachmentQuery = Type.Object({ size: Type.Optional(Type.Enum(['full', 'thumb'])) }, { additionalProperties: false });

export { AttachmentView, CAPTION_MAX, NAME_MAX } from '../../platform/items/attachments.ts';

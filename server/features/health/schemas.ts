import { Type } from 'typebox';

export const Liveness = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false });

export const Readiness = Type.Object(
  {
    status: Type.Enum(['ready', 'not_ready']),
    database: Type.Enum(['ok', 'unreachable']),
    migrations: Type.Object({
      applied: Type.Integer({ minimum: 0 }),
      pending: Type.Integer({ minimum: 0 }),
    }),
  },
  { additionalProperties: false },
);

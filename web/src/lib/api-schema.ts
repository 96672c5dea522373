/**
 * The shapes of the API, taken from the generated api-types.ts (`npm run api:types` writes it
 * from the server's OpenAPI document): a feature names what it sends and receives as aliases of
 * these, never by hand, so that a change of a server schema is a type error here.
 *
 *   type SpaceView = Reply<'/api/spaces/{spaceId}', 'get'>;
 *   type NewSpace = RequestBody<'/api/spaces', 'post'>;
 */
import type { paths } from './api-types.ts';

export type ApiPath = keyof paths;

type Operation<P extends ApiPath, M extends keyof paths[P]> = paths[P][M];
type Responses<P extends ApiPath, M extends keyof paths[P]> = Operation<P, M> extends { responses: infer R } ? R : never;
type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type Success<P extends ApiPath, M extends keyof paths[P]> = Extract<keyof Responses<P, M>, 200 | 201 | 202>;

/** The JSON answer of a route, for a status (by default its success: 200, 201 or 202). */
export type Reply<P extends ApiPath, M extends keyof paths[P], S extends keyof Responses<P, M> = Success<P, M>> = Json<Responses<P, M>[S]>;

/** The JSON body a route takes. */
export type RequestBody<P extends ApiPath, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters a route takes. */
export type Query<P extends ApiPath, M extends keyof paths[P]> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/**
 * A body as a form builds it: the names and the structure are the schema's, but a code the server
 * checks against a long vocabulary (a country, a document type) is a plain string here, as it comes
 * from a select or an address.
 */
export type Loose<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer E)[]
        ? Loose<E>[]
        : T extends object
          ? { [K in keyof T]: Loose<T[K]> }
          : T;

/** One element of a list the API answers with. */
export type Item<T> = T extends readonly (infer E)[] ? E : never;

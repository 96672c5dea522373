/**
 * The API's place in the portal's paths, in one place: what is under `/api`, and which of it is the
 * API's own routes rather than its documentation. The web application answers everything else.
 */

/** Where the documentation is served (swagger-ui and the OpenAPI document): public and read-only. */
export const DOCS_PREFIX = '/api/docs';

/** A path under the API's prefix, its documentation included (never the web application's). */
export const underApi = (url: string): boolean => url === '/api' || url.startsWith('/api/');

/**
 * One of the API's own routes, not its documentation: each declares its audit action
 * (audit/plugin.ts), and each takes the session's CSRF check unless public (auth/plugin.ts).
 */
export const isApiRoute = (url: string): boolean => url.startsWith('/api/') && !url.startsWith(DOCS_PREFIX);

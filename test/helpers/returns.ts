import ExcelJS from 'exceljs';
import type { TestApp } from './app.ts';
import type { SignedIn } from './users.ts';
import { multipart, type World } from './world.ts';

/** Calls of the returns' API for the tests (test/api/returns, the browser test's fixtures). */
export function returnCalls(env: TestApp) {
  const { app } = env;
  const json = (who: SignedIn, language = 'en') => ({ ...who.headers, 'accept-language': language });
  return {
    async presets(who: SignedIn) {
      return app.inject({ url: '/api/returns/templates/presets', headers: who.headers });
    },
    /** A template from one of the seeds' presets, for a network. */
    async template(who: SignedIn, networkId: string, preset: string, changes: Record<string, unknown> = {}) {
      const presets = (await app.inject({ url: '/api/returns/templates/presets', headers: who.headers })).json().items as Record<string, unknown>[];
      const { preset: _, ...layout } = presets.find((p) => p['preset'] === preset)!;
      return app.inject({ method: 'POST', url: '/api/returns/templates', headers: who.headers, payload: { ...layout, networkId, ...changes } });
    },
    /** The Secretariat's edit of a template (only the fields given change). */
    async edit(who: SignedIn, id: string, payload: object, language = 'en') {
      return app.inject({ method: 'PATCH', url: `/api/returns/templates/${id}`, headers: json(who, language), payload });
    },
    async open(who: SignedIn, templateId: string, period: string, country?: string) {
      return app.inject({
        method: 'POST',
        url: '/api/returns',
        headers: who.headers,
        payload: { templateId, period, ...(country ? { country } : {}) },
      });
    },
    async get(who: SignedIn, id: string, query = '') {
      return app.inject({ url: `/api/returns/${id}${query}`, headers: who.headers });
    },
    async list(who: SignedIn, query = '') {
      return app.inject({ url: `/api/returns${query}`, headers: who.headers });
    },
    async patch(who: SignedIn, id: string, payload: object, language = 'en') {
      return app.inject({ method: 'PATCH', url: `/api/returns/${id}`, headers: json(who, language), payload });
    },
    async upload(who: SignedIn, id: string, data: Buffer | string, filename = 'return.xlsx', language = 'en') {
      const body = multipart([{ name: 'file', filename, data }]);
      return app.inject({
        method: 'POST',
        url: `/api/returns/${id}/upload`,
        headers: { ...who.headers, ...body.headers, 'accept-language': language },
        payload: body.payload,
      });
    },
    async submit(who: SignedIn, id: string) {
      return app.inject({ method: 'POST', url: `/api/returns/${id}/submit`, headers: who.headers, payload: {} });
    },
    async amend(who: SignedIn, id: string, reason: string) {
      return app.inject({ method: 'POST', url: `/api/returns/${id}/amend`, headers: who.headers, payload: { reason } });
    },
    async history(who: SignedIn, id: string) {
      return app.inject({ url: `/api/returns/${id}/history`, headers: who.headers });
    },
    async rollup(who: SignedIn, query: string) {
      return app.inject({ url: `/api/returns/rollup?${query}`, headers: json(who) });
    },
  };
}

/** The flows matrix's headers (its keys: the reader takes keys or labels). */
export function flowHeaders(template: { dimensions: { key: string }[]; columns: { key: string }[] }): string[] {
  return [...template.dimensions.map((d) => d.key), ...template.columns.map((c) => c.key)];
}

/** An XLSX workbook whose first sheet holds these rows (row 1 the headers). */
export async function xlsx(rows: (string | number | null)[][], sheet = 'Return'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A row of the flows matrix: its nationality and route, then every column the same count unless given. */
export function flowRow(
  template: { columns: { key: string }[] },
  nationality: string,
  route: string,
  counts: Record<string, number> = {},
  fill = 1,
): (string | number | null)[] {
  return [nationality, route, ...template.columns.map((c) => counts[c.key] ?? fill)];
}

export type { World };

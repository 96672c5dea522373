/**
 * The registered organisations that stand in a country's place — observers, partners and the
 * Secretariat, each under its own code — as the server's table has them (not a list in code): what
 * releasability, responsibility and account choices offer beside the member countries.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import type { Item, Reply } from './api-schema.ts';

export type RegisteredOrganisation = Item<Reply<'/api/organisations', 'get'>>;

export const standsForItself = (o: RegisteredOrganisation): boolean =>
  o.code === o.country && o.kind !== 'member_authority' && o.kind !== 'migration_authority';

/** The active ones, fetched when the screen opens (empty until they arrive, or if the request fails). */
export function usePlaceOrganisations(): RegisteredOrganisation[] {
  const [list, setList] = useState<RegisteredOrganisation[]>([]);
  useEffect(() => {
    let live = true;
    api<RegisteredOrganisation[]>('GET', '/api/organisations?status=active').then(
      (all) => {
        if (live) setList(all.filter(standsForItself));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return list;
}

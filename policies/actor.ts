/**
 * What the policy knows of the person asking — attributes, never a database handle — and the one
 * fact of the conference it needs: which countries are its members (ISO 3166-1 alpha-3,
 * DOMAIN.md). The server's reference data (server/platform/reference/countries.ts) builds on this.
 */
export type SpaceRole = 'officer' | 'contact_point' | 'substitute' | 'observer';

export interface Membership {
  spaceId: string;
  networkId: string;
  role: SpaceRole;
}

export interface Actor {
  id: string;
  country: string;
  organisationId: string | null;
  roles: readonly string[];
  memberships: readonly Membership[];
}

/** The conference's member countries. */
export const MEMBER_COUNTRIES = ['BLZ', 'CAN', 'CRI', 'DOM', 'GTM', 'HND', 'MEX', 'NIC', 'PAN', 'SLV', 'USA'] as const;

export const isMemberCountry = (country: string): boolean => (MEMBER_COUNTRIES as readonly string[]).includes(country);

/**
 * The vocabularies of specimens (GET /api/reference/specimens: document types, categories,
 * features, views…), each term in both languages, and the names made from them. Here rather than
 * in features/specimens because other kinds of item link specimens and name them (an alert); with
 * the loader every kind's vocabularies share (`referenceHook`).
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import type { Item, Reply } from '../lib/api-schema.ts';
import { countryName, learnStates } from '../lib/countries.ts';
import type { Language, Translate } from '../lib/i18n/index.tsx';

export type Reference = Reply<'/api/reference/specimens', 'get'>;
export type Term = Item<Reference['documentTypes']>;

/**
 * The hook of one kind's vocabularies: asked once per page load and shared by every screen (asked
 * again after a failure); their list of states teaches lib/countries.ts every state's name.
 */
export function referenceHook<R extends { states: readonly { code: string; alpha2: string }[] }>(
  path: string,
): () => { ref: R | null; error: unknown } {
  let reference: Promise<R> | null = null;
  const load = (): Promise<R> => {
    reference ??= api<R>('GET', path).then(
      (ref) => {
        learnStates(ref.states);
        return ref;
      },
      (err: unknown) => {
        reference = null;
        throw err;
      },
    );
    return reference;
  };
  return function useKindReference() {
    const [state, setState] = useState<{ ref: R | null; error: unknown }>({ ref: null, error: null });
    useEffect(() => {
      let current = true;
      load().then(
        (ref) => current && setState({ ref, error: null }),
        (error: unknown) => current && setState({ ref: null, error }),
      );
      return () => {
        current = false;
      };
    }, []);
    return state;
  };
}

export const useReference = referenceHook<Reference>('/api/reference/specimens');

export const termLabel = (list: readonly Term[] | undefined, code: string, lang: Language): string =>
  list?.find((term) => term.code === code)?.[lang] ?? code;

export const allFeatures = (ref: Reference | null): Term[] => ref?.featureGroups.flatMap((g) => g.features) ?? [];

export const featureLabel = (ref: Reference | null, code: string, lang: Language): string => termLabel(allFeatures(ref), code, lang);

/** An issuer: a state (named by the browser) or an ICAO organisation code (named by the taxonomy). */
export function issuerName(ref: Reference | null, code: string, lang: Language, t: Translate): string {
  const organisation = ref?.issuingOrganisations.find((o) => o.code === code);
  return organisation ? organisation[lang] : countryName(code, lang, t);
}

/** How a specimen is named in a heading or a link: its type and who issued it. */
export function specimenTitle(ref: Reference | null, fields: { documentType: string; issuingCountry: string }, lang: Language, t: Translate): string {
  return t('specimen.titleOf', {
    type: termLabel(ref?.documentTypes, fields.documentType, lang),
    issuer: issuerName(ref, fields.issuingCountry, lang, t),
  });
}

export function categoryLabel(ref: Reference | null, category: string, forgeryKind: string | null, lang: Language): string {
  const name = termLabel(ref?.categories, category, lang);
  return forgeryKind ? `${name} (${termLabel(ref?.forgeryKinds, forgeryKind, lang).toLocaleLowerCase(lang)})` : name;
}

/**
 * How an image is named: its page, and the light when it is not plain visible light ("Data page ·
 * UV (365 nm)"); a light alone when the page was not stated ("UV (365 nm)").
 */
export function imageLabel(ref: Reference | null, image: { page: string | null; light: string }, lang: Language): string {
  const light = termLabel(ref?.lights, image.light, lang);
  if (!image.page) return light;
  const page = termLabel(ref?.pages, image.page, lang);
  return image.light === 'visible' ? page : `${page} · ${light}`;
}

/** The interface languages. Kept apart from the provider so that the API client can name them too. */
export type Language = 'es' | 'en';
export const LANGUAGES: readonly Language[] = ['es', 'en'];

export function isLanguage(value: unknown): value is Language {
  return value === 'es' || value === 'en';
}

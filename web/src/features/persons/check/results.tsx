/**
 * What a person check answers, for one entry: the records and specimens the reader may open (each
 * by its kind and how strongly it matched — a phonetic match is weaker, and said so), and whether
 * something is known under a label they do not read. Never a detail: the ids lead to the pages,
 * where a person record asks for a purpose before it opens.
 */
import { shortId } from '../../../lib/format.ts';
import { pluralKey, useI18n } from '../../../lib/i18n/index.tsx';
import { Notice } from '../../../ui/form.tsx';
import { Badge } from '../../../ui/values.tsx';
import type { CheckMatch, CheckResult } from '../api.ts';

/** How a result is said in one word: known (to the reader), withheld (known, not readable), or not known. */
export type Verdict = 'known' | 'withheld' | 'unknown';
export const verdictOf = (result: CheckResult): Verdict => (result.matches.length ? 'known' : result.withheld ? 'withheld' : 'unknown');

const hrefOf = (m: CheckMatch) => `/${m.kind === 'person' ? 'persons' : 'specimens'}/${m.id}`;

export function MatchList({ matches }: { matches: readonly CheckMatch[] }) {
  const { t } = useI18n();
  if (!matches.length) return null;
  return (
    <ul class="hit-list person-matches">
      {matches.map((m) => (
        <li key={m.id}>
          <a href={hrefOf(m)}>{t(m.kind === 'person' ? 'personCheck.record' : 'personCheck.specimen', { id: shortId(m.id) })}</a>{' '}
          <Badge tone={m.match === 'exact' ? 'match-exact' : 'match-weak'}>{t(`personCheck.match.${m.match}`)}</Badge>
        </li>
      ))}
    </ul>
  );
}

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const { t } = useI18n();
  return <Badge tone={`verdict-${verdict}`}>{t(`personCheck.verdict.${verdict}`)}</Badge>;
}

/** The answer to one person checked alone. */
export function CheckAnswer({ result }: { result: CheckResult }) {
  const { t, lang } = useI18n();
  const verdict = verdictOf(result);
  const weak = result.matches.some((m) => m.match === 'phonetic');
  return (
    <section class={verdict === 'unknown' ? 'panel hit hit-no' : 'panel hit hit-yes'} aria-labelledby="person-check-result">
      <h2 id="person-check-result">{t(`personCheck.title.${verdict}`)}</h2>
      {verdict === 'known' ? <p>{t(pluralKey(lang, 'personCheck.known', result.matches.length), { count: result.matches.length })}</p> : null}
      {verdict === 'unknown' ? <p>{t('personCheck.unknownText')}</p> : null}
      <MatchList matches={result.matches} />
      {weak ? <p class="hint">{t('personCheck.weakHint')}</p> : null}
      {result.withheld ? <Notice tone="warn">{t('personCheck.withheld')}</Notice> : null}
    </section>
  );
}

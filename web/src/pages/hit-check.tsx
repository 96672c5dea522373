import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { type HitCheck, issuerName, type SpecimenView, specimenTitle, useReference } from '../specimens.ts';
import { pluralKey } from '../spaces.ts';
import { ErrorAlert, Notice, Page, Submit, TextField, TlpBadge, useForm } from '../ui.tsx';
import { IssuerSelect } from './specimen.tsx';
import { StatusBadge, useSpecimenRoles } from './specimens.tsx';

type Found = { id: string; view: SpecimenView | null; red: boolean };

/**
 * "Is this document number known to the network?": hit or no hit, links to what I may see, and a
 * word when it is known under a label I cannot read. The number stays in this page's memory:
 * never in the address, never in the history.
 */
export function HitCheckPage() {
  const { t, lang } = useI18n();
  const { ref: reference } = useReference();
  const { member } = useSpecimenRoles();
  const [issuingCountry, setIssuingCountry] = useState('');
  const [number, setNumber] = useState('');
  const [answer, setAnswer] = useState<{ check: HitCheck; issuer: string; found: Found[] } | null>(null);
  const form = useForm(
    async () => {
      setAnswer(null);
      const check = await api<HitCheck>('POST', '/api/checks/document-number', { issuingCountry, number: number.trim() });
      // What I may see, named: each opened as its page would (a RED one waits for its purpose there).
      const found = await Promise.all(
        check.items.slice(0, 20).map((id) =>
          api<SpecimenView>('GET', `/api/specimens/${id}`).then(
            (view): Found => ({ id, view, red: false }),
            (err: unknown): Found => ({ id, view: null, red: err instanceof ApiError && err.status === 428 }),
          ),
        ),
      );
      setAnswer({ check, issuer: issuingCountry, found });
    },
    () => {
      if (!issuingCountry) return { message: t('form.required', { field: t('specimen.issuingCountry') }), field: 'issuingCountry' };
      if (!/[\p{L}\p{N}]/u.test(number)) return { message: t('form.required', { field: t('hitCheck.number') }), field: 'number' };
      return null;
    },
  );
  return (
    <Page title={t('hitCheck.title')} lead={t('hitCheck.lead')}>
      <form class="panel form narrow" noValidate onSubmit={form.onSubmit}>
        <ErrorAlert error={form.error} id={form.errorId} />
        <IssuerSelect label={t('specimen.issuingCountry')} name="issuingCountry" value={issuingCountry} onValue={setIssuingCountry} reference={reference} required {...form.fieldProps('issuingCountry')} />
        <TextField label={t('hitCheck.number')} name="number" code value={number} onValue={setNumber} maxLength={60} required hint={t('hitCheck.numberHint')} {...form.fieldProps('number')} />
        <div class="actions">
          <Submit busy={form.busy}>{t('hitCheck.submit')}</Submit>
        </div>
      </form>
      {!member ? <p class="muted">{t('hitCheck.notMember')}</p> : null}
      <div aria-live="polite">
        {answer ? (
          <section class={answer.check.hit || answer.check.withheld ? 'panel hit hit-yes' : 'panel hit hit-no'} aria-labelledby="hit-result">
            <h2 id="hit-result">
              {answer.check.items.length
                ? t('hitCheck.hit')
                : answer.check.withheld
                  ? t('hitCheck.withheldTitle')
                  : answer.check.hit
                    ? t('hitCheck.hit')
                    : t('hitCheck.noHit')}
            </h2>
            {answer.check.items.length ? (
              <p>{t(pluralKey(lang, 'hitCheck.hitText', answer.check.items.length), { count: answer.check.items.length, issuer: issuerName(reference, answer.issuer, lang, t) })}</p>
            ) : !answer.check.hit && !answer.check.withheld ? (
              <p>{t('hitCheck.noHitText', { issuer: issuerName(reference, answer.issuer, lang, t) })}</p>
            ) : null}
            {answer.found.length ? (
              <ul class="hit-list">
                {answer.found.map(({ id, view, red }) => (
                  <li key={id}>
                    <a href={`/specimens/${id}`}>
                      {view?.specimen ? specimenTitle(reference, view.specimen, lang, t) : red ? t('hitCheck.redItem') : t('hitCheck.item', { id: id.slice(0, 8) })}
                    </a>{' '}
                    {view ? (
                      <>
                        <TlpBadge tlp={view.tlp} /> <StatusBadge status={view.status} />
                      </>
                    ) : red ? (
                      <TlpBadge tlp="RED" />
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {answer.check.withheld ? <Notice tone="warn">{t('hitCheck.withheld')}</Notice> : null}
          </section>
        ) : null}
      </div>
    </Page>
  );
}

import { useState } from 'preact/hooks';
import { useItemRoles } from '../../items/item-roles.ts';
import { issuerName, type Reference, specimenTitle, useReference } from '../../items/reference.ts';
import { StatusBadge } from '../../items/status-badge.tsx';
import { TlpBadge } from '../../items/tlp.tsx';
import { ApiError } from '../../lib/api.ts';
import { pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Form, Notice, useForm } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { checkDocumentNumber, fetchSpecimen, type HitCheck, type SpecimenView } from './api.ts';
import { IssuerSelect } from './selects.tsx';

type Found = { id: string; view: SpecimenView | null; red: boolean };
type Answer = { check: HitCheck; issuer: string; found: Found[] };

/**
 * "Is this document number known to the network?": hit or no hit, links to what I may see, and a
 * word when it is known under a label I cannot read. The number stays in this page's memory:
 * never in the address, never in the history.
 */
export function HitCheckPage() {
  const { t } = useI18n();
  const { ref: reference } = useReference();
  const { member } = useItemRoles();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const form = useForm(
    { issuingCountry: '', number: '' },
    async ({ issuingCountry, number }) => {
      setAnswer(null);
      const check = await checkDocumentNumber({ issuingCountry, number: number.trim() });
      // What I may see, named: each opened as its page would (a RED one waits for its purpose there).
      const found = await Promise.all(
        check.items.slice(0, 20).map((id) =>
          fetchSpecimen(id).then(
            (view): Found => ({ id, view, red: false }),
            (err: unknown): Found => ({ id, view: null, red: err instanceof ApiError && err.status === 428 }),
          ),
        ),
      );
      setAnswer({ check, issuer: issuingCountry, found });
    },
    ({ issuingCountry, number }) => {
      if (!issuingCountry) return { message: t('form.required', { field: t('specimen.issuingCountry') }), field: 'issuingCountry' };
      if (!/[\p{L}\p{N}]/u.test(number)) return { message: t('form.required', { field: t('hitCheck.number') }), field: 'number' };
      return null;
    },
  );
  return (
    <Page title={t('hitCheck.title')} lead={t('hitCheck.lead')}>
      <Form form={form} class="panel form narrow" submit={t('hitCheck.submit')}>
        <IssuerSelect label={t('specimen.issuingCountry')} reference={reference} required {...form.bind('issuingCountry')} />
        <TextField label={t('hitCheck.number')} code maxLength={60} required hint={t('hitCheck.numberHint')} {...form.bind('number')} />
      </Form>
      {!member ? <p class="muted">{t('hitCheck.notMember')}</p> : null}
      <div aria-live="polite">{answer ? <HitAnswer answer={answer} reference={reference} /> : null}</div>
    </Page>
  );
}

function HitAnswer({ answer, reference }: { answer: Answer; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const { check } = answer;
  const issuer = issuerName(reference, answer.issuer, lang, t);
  return (
    <section class={check.hit || check.withheld ? 'panel hit hit-yes' : 'panel hit hit-no'} aria-labelledby="hit-result">
      <h2 id="hit-result">
        {check.items.length ? t('hitCheck.hit') : check.withheld ? t('hitCheck.withheldTitle') : check.hit ? t('hitCheck.hit') : t('hitCheck.noHit')}
      </h2>
      {check.items.length ? (
        <p>{t(pluralKey(lang, 'hitCheck.hitText', check.items.length), { count: check.items.length, issuer })}</p>
      ) : !check.hit && !check.withheld ? (
        <p>{t('hitCheck.noHitText', { issuer })}</p>
      ) : null}
      {answer.found.length ? (
        <ul class="hit-list">
          {answer.found.map(({ id, view, red }) => (
            <li key={id}>
              <a href={`/specimens/${id}`}>
                {view?.specimen
                  ? specimenTitle(reference, view.specimen, lang, t)
                  : red
                    ? t('hitCheck.redItem')
                    : t('hitCheck.item', { id: id.slice(0, 8) })}
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
      {check.withheld ? <Notice tone="warn">{t('hitCheck.withheld')}</Notice> : null}
    </section>
  );
}

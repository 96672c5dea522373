import { useId, useState } from 'preact/hooks';
import { PurposeDialog, useItem } from '../../../items/purpose.tsx';
import { type Reference, useReference } from '../../../items/reference.ts';
import { UUID } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../../lib/router.ts';
import { ErrorAlert } from '../../../ui/form.tsx';
import { Loading, NotFoundPage, Page } from '../../../ui/page.tsx';
import { IDENTITY, type ViewTransform } from '../../../ui/viewer.tsx';
import { fetchSpecimen } from '../api.ts';
import { Chooser, compareAddress } from './chooser.tsx';
import { Pane } from './pane.tsx';

/** Two specimens' images side by side, zoomed and moved together (or not); `?a=` and `?b=` name them. */
export function ComparePage() {
  const { query } = useLocation();
  const a = (query.get('a') ?? '').toLowerCase();
  const b = (query.get('b') ?? '').toLowerCase();
  const { ref: reference } = useReference();
  return <Compare key={`${a}|${b}`} a={a} b={b} reference={reference} />;
}

function Compare({ a, b, reference }: { a: string; b: string; reference: Reference | null }) {
  const { t } = useI18n();
  const left = useItem(UUID.test(a) ? a : '', fetchSpecimen);
  const right = useItem(UUID.test(b) ? b : '', fetchSpecimen);
  const [linked, setLinked] = useState(true);
  const [transforms, setTransforms] = useState<Record<'a' | 'b', ViewTransform>>({ a: IDENTITY, b: IDENTITY });
  // One side moved: the other follows while they are linked.
  const move = (side: 'a' | 'b') => (next: ViewTransform) => setTransforms((now) => (linked ? { a: next, b: next } : { ...now, [side]: next }));
  const linkId = useId();
  const title = t('compare.title');

  if (!UUID.test(a)) return <NotFoundPage title={title} text={t('compare.noFirst')} back={{ href: '/specimens', label: t('specimen.backToList') }} />;
  const purpose = left.needsPurpose ? left : right.needsPurpose ? right : null;
  // Each side says it is loading (a vnode of its own each).
  const loading = () => <Loading text={t('specimen.loading')} panel />;
  return (
    <Page title={title} lead={t('compare.lead')}>
      <p class="page-actions">
        <a href={`/specimens/${a}`}>{t('compare.back')}</a>
      </p>
      <ErrorAlert error={left.error ?? right.error} />
      {purpose ? <PurposeDialog onState={purpose.statePurpose} onCancel={() => navigate(`/specimens/${a}`)} /> : null}
      {left.missing || right.missing ? <p class="alert alert-error">{t('specimen.notFoundText')}</p> : null}
      {left.data && right.data ? (
        <div class="compare-toolbar">
          <input
            id={linkId}
            type="checkbox"
            checked={linked}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setLinked(on);
              if (on) setTransforms((now) => ({ ...now, b: now.a }));
            }}
          />
          <label for={linkId}>{t('compare.sync')}</label>
          <span class="hint">{t('compare.syncHint')}</span>
        </div>
      ) : null}
      <div class={b ? 'compare-grid' : 'compare-grid compare-grid-choose'}>
        {left.data ? <Pane side="a" view={left.data} reference={reference} transform={transforms.a} onTransform={move('a')} /> : loading()}
        {!b ? (
          left.data ? (
            <Chooser a={left.data} reference={reference} />
          ) : null
        ) : right.data ? (
          <Pane
            side="b"
            view={right.data}
            reference={reference}
            transform={transforms.b}
            onTransform={move('b')}
            onChange={() => navigate(compareAddress(a))}
          />
        ) : (
          loading()
        )}
      </div>
    </Page>
  );
}

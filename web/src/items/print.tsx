/**
 * An item on paper (an alert bulletin, a specimen sheet): the "Print / PDF" button, and what only a printed page
 * shows. The page's screen chrome is hidden by the print styles (styles.css, `@media print`); this adds the TLP
 * label with its handling sentence at the head and foot of every printed page (fixed elements, which Chromium
 * repeats on each page; `main` keeps room for them on each page with a cloned padding), and on TLP:RED who printed
 * it and when, across every page. Nothing is fetched for printing: paper carries what the screen already shows.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { formatDateTime } from '../lib/dates.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { useUser } from '../lib/session.tsx';
import { TLPS, type Tlp, TlpBadge } from './tlp.tsx';

/** The browser's print dialog, whose "Save as PDF" destination makes the PDF (said in the button's help). */
export function PrintButton() {
  const { t } = useI18n();
  const helpId = useId();
  return (
    <span class="print-action">
      <button type="button" class="button button-secondary" aria-describedby={helpId} onClick={() => window.print()}>
        {t('print.button')}
      </button>
      <span class="hint" id={helpId}>
        {t('print.help')}
      </span>
    </span>
  );
}

/** The strictest of some labels (TLPS runs from the least to the most restrictive). */
export const strictestTlp = (labels: readonly Tlp[]): Tlp =>
  labels.reduce<Tlp>((strictest, tlp) => (TLPS.indexOf(tlp) > TLPS.indexOf(strictest) ? tlp : strictest), 'CLEAR');

/** The moment of printing: the time the page showed, moved to the moment the print dialog opens. */
function usePrintMoment(): string {
  const [moment, setMoment] = useState(() => new Date().toISOString());
  useEffect(() => {
    const update = () => setMoment(new Date().toISOString());
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, []);
  return moment;
}

/**
 * The head and foot of every printed page of an item. `tlp` is the item's own label; `alsoPrinted`, the labels of
 * other items the page prints (an alert's linked specimens): the page is handled under the strictest of them.
 */
export function PrintFrame({ tlp, kind, alsoPrinted = [] }: { tlp: Tlp; kind: string; alsoPrinted?: readonly Tlp[] }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const moment = formatDateTime(usePrintMoment(), lang);
  const label = strictestTlp([tlp, ...alsoPrinted]);
  const name = <strong class="print-tlp-name">TLP:{label}</strong>;
  const printed = label === 'RED' ? t('print.printedBy', { name: user.displayName, date: moment }) : t('print.printedOn', { date: moment });
  return (
    <div class="print-only">
      <div class="print-head">
        <TlpBadge tlp={label} />
        <p class="print-handling">
          {name} {t(`print.handling.${label}`)}
          {label !== tlp ? <> {t('print.strictest', { label: `TLP:${tlp}` })}</> : null}
        </p>
        <p class="print-kind">
          {t('app.name')} · {kind}
        </p>
      </div>
      <div class="print-foot">
        <TlpBadge tlp={label} />
        <p class="print-handling">
          {name} {printed}
        </p>
      </div>
      {label === 'RED' ? (
        <p class="print-watermark">
          TLP:RED · {user.displayName} · {moment}
        </p>
      ) : null}
    </div>
  );
}

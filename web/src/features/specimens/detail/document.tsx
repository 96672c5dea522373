/** What a specimen is: the document, its detection, its identifiers; then its description and security features. */

import { featureLabel, issuerName, type Reference, termLabel } from '../../../items/reference.ts';
import { countryName } from '../../../lib/countries.ts';
import { formatDay } from '../../../lib/dates.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { Empty } from '../../../ui/values.tsx';
import type { SpecimenContent } from '../api.ts';

const years = (from: number | null, to: number | null) =>
  from && to ? (from === to ? `${from}` : `${from}–${to}`) : from ? `${from}–` : to ? `–${to}` : null;

export function DocumentPanel({ specimen: s, reference }: { specimen: SpecimenContent; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const country = (code: string | null) => (code ? countryName(code, lang, t) : <Empty />);
  const { detection } = s;
  return (
    <Panel id="document-title" title={t('specimen.document')}>
      <dl class="facts">
        <dt>{t('specimen.documentType')}</dt>
        <dd>{termLabel(reference?.documentTypes, s.documentType, lang)}</dd>
        <dt>{t('specimen.issuingCountry')}</dt>
        <dd>
          {issuerName(reference, s.issuingCountry, lang, t)} <span class="code-tag">{s.issuingCountry}</span>
        </dd>
        <dt>{t('specimen.series')}</dt>
        <dd>{s.series ?? <Empty />}</dd>
        <dt>{t('specimen.version')}</dt>
        <dd>{s.version ?? <Empty />}</dd>
        <dt>{t('specimen.issued')}</dt>
        <dd>{years(s.issuedFrom, s.issuedTo) ?? <Empty />}</dd>
        <dt>{t('specimen.category')}</dt>
        <dd>{termLabel(reference?.categories, s.category, lang)}</dd>
        {s.forgeryKind ? (
          <>
            <dt>{t('specimen.forgeryKind')}</dt>
            <dd>{termLabel(reference?.forgeryKinds, s.forgeryKind, lang)}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t('specimen.detection')}</h3>
      <dl class="facts">
        <dt>{t('specimen.detectedOn')}</dt>
        <dd>{detection.date ? formatDay(detection.date, lang) : <Empty />}</dd>
        <dt>{t('specimen.detectionCountry')}</dt>
        <dd>{country(detection.country)}</dd>
        <dt>{t('specimen.port')}</dt>
        <dd>
          {detection.port || detection.portKind ? (
            [detection.port, detection.portKind ? termLabel(reference?.portKinds, detection.portKind, lang) : null].filter(Boolean).join(' · ')
          ) : (
            <Empty />
          )}
        </dd>
        <dt>{t('specimen.holderNationality')}</dt>
        <dd>{country(detection.holderNationality)}</dd>
        <dt>{t('specimen.route')}</dt>
        <dd>{detection.route ?? <Empty />}</dd>
      </dl>
      <h3>{t('specimen.identifiers')}</h3>
      <dl class="facts">
        <dt>{t('specimen.documentNumber')}</dt>
        <dd>{s.documentNumber ? <span class="mono">{s.documentNumber}</span> : <Empty />}</dd>
        <dt>{t('specimen.holderNames')}</dt>
        <dd>{s.holderNames.length ? s.holderNames.join('; ') : <Empty />}</dd>
      </dl>
    </Panel>
  );
}

export function DescriptionPanel({ specimen: s, reference }: { specimen: SpecimenContent; reference: Reference | null }) {
  const { t, lang } = useI18n();
  return (
    <Panel id="description-title" title={t('specimen.description')}>
      {s.description ? <p class="prose">{s.description}</p> : <p class="muted">{t('specimen.noDescription')}</p>}
      <h3>{t('specimen.features')}</h3>
      {s.features.length === 0 ? (
        <p class="muted">{t('specimen.noFeatures')}</p>
      ) : (
        <ul class="feature-list">
          {s.features.map((f) => (
            <li key={f.code}>
              <span class="feature-name">{featureLabel(reference, f.code, lang)}</span>
              {f.note ? <span class="feature-note">{f.note}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

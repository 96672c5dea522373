import { CorrectionsPanel, correctionCalls } from '../../../items/corrections.tsx';
import { featureLabel, issuerName, type Reference, termLabel } from '../../../items/reference.ts';
import { type Language, type Translate, useI18n } from '../../../lib/i18n/index.tsx';
import { fetchSpecimen, type SpecimenView } from '../api.ts';
import { fieldLabel, ProposeCorrection } from './propose-correction.tsx';

/** A proposed change's value in words, for the fields a correction may carry. */
function changeValue(field: string, value: unknown, reference: Reference | null, lang: Language, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('corrections.cleared');
  switch (field) {
    case 'documentType':
      return termLabel(reference?.documentTypes, String(value), lang);
    case 'category':
      return termLabel(reference?.categories, String(value), lang);
    case 'forgeryKind':
      return termLabel(reference?.forgeryKinds, String(value), lang);
    case 'issuingCountry':
      return issuerName(reference, String(value), lang, t);
    case 'features':
      return Array.isArray(value)
        ? value.map((f: { code?: string }) => featureLabel(reference, String(f?.code ?? f), lang)).join(', ')
        : String(value);
    case 'holderNames':
      return Array.isArray(value) ? value.join('; ') : String(value);
    case 'detection':
      return typeof value === 'object'
        ? Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== null && v !== undefined && v !== '')
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(', ')
        : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

const calls = correctionCalls('/api/specimens');

/** Changes others propose to a published specimen; its originator accepts or rejects each. */
export function Corrections({
  view,
  reference,
  onAmended,
}: {
  view: SpecimenView;
  reference: Reference | null;
  onAmended: (view: SpecimenView) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <CorrectionsPanel
      itemId={view.id}
      calls={calls}
      canAmend={view.permissions.amend}
      describe={(field, value) => ({ label: fieldLabel(field, t), value: changeValue(field, value, reference, lang, t) })}
      texts={{ accept: t('corrections.acceptText'), reject: t('corrections.rejectText') }}
      onAccepted={() => fetchSpecimen(view.id).then(onAmended, () => {})}
      propose={
        view.permissions.correct && view.specimen
          ? (onProposed) => <ProposeCorrection view={view} specimen={view.specimen!} reference={reference} onProposed={onProposed} />
          : undefined
      }
    />
  );
}

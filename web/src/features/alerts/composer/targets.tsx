import { useId } from 'preact/hooks';
import { countryName, sortedMembers } from '../../../lib/countries.ts';
import { nameIn, useI18n } from '../../../lib/i18n/index.tsx';
import { useResource } from '../../../lib/use-resource.ts';
import { Checks, TextAreaField, TextField } from '../../../ui/fields.tsx';
import type { Binder } from '../../../ui/form.tsx';
import { fetchOrganisations } from '../api.ts';

export const MAX_PORTS = 20;

/** Ports typed one a line or separated by commas. */
export const portsOf = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((p) => p.trim())
    .filter(Boolean);

/** The values of the targets' fields, by their names. */
export interface TargetValues {
  targetCountries: string[];
  targetOrganisations: string[];
  ports: string;
  validFrom: string;
  validUntil: string;
}

/**
 * Who an alert is for and until when: member countries, the migration authorities of those
 * countries, the ports concerned, the period of validity.
 */
export function Targets({ bind }: { bind: Binder<TargetValues> }) {
  const { t, lang } = useI18n();
  const untilHintId = useId();
  const authorities = useResource(() => fetchOrganisations().then((list) => list.filter((o) => o.kind === 'migration_authority')), []);
  const known = authorities.data ?? (authorities.error ? [] : null);
  const countries = bind('targetCountries');
  const organisations = bind('targetOrganisations');
  const validFrom = bind('validFrom');
  const validUntil = bind('validUntil');
  const offered = known?.filter((o) => countries.value.includes(o.country)) ?? [];

  const chooseCountries = (next: string[]) => {
    countries.onValue(next);
    // An authority of a country no longer targeted is no longer offered, so it is no longer chosen.
    organisations.onValue(organisations.value.filter((id) => next.includes(known?.find((o) => o.id === id)?.country ?? '')));
  };

  return (
    <fieldset class="composer-section">
      <legend>{t('compose.sectionTargets')}</legend>
      <p class="hint">{t('compose.targetsLead')}</p>
      <fieldset class="field checks" aria-describedby={countries.describedBy}>
        <legend>{t('alert.targetCountries')}</legend>
        <div class="check-grid">
          <Checks
            name="targetCountries"
            items={sortedMembers(lang, t)}
            value={(c) => c.code}
            label={(c) => c.name}
            chosen={countries.value}
            onChosen={chooseCountries}
          />
        </div>
      </fieldset>
      <fieldset class="field checks" aria-describedby={organisations.describedBy}>
        <legend>{t('alert.targetOrganisations')}</legend>
        <p class="hint">{t('compose.organisationsHint')}</p>
        {known === null ? (
          <p class="loading">{t('app.loading')}</p>
        ) : countries.value.length === 0 ? (
          <p class="muted">{t('compose.organisationsChooseCountries')}</p>
        ) : offered.length === 0 ? (
          <p class="muted">{t('compose.organisationsNone')}</p>
        ) : (
          <Checks
            name="targetOrganisations"
            items={offered}
            value={(o) => o.id}
            label={(o) => `${nameIn(lang, o)} · ${countryName(o.country, lang, t)}`}
            chosen={organisations.value}
            onChosen={organisations.onValue}
          />
        )}
      </fieldset>
      <TextAreaField label={t('compose.ports')} prose rows={2} hint={t('compose.portsHint', { max: MAX_PORTS })} {...bind('ports')} />
      <div class="field-pair field-pair-narrow composer-validity">
        <TextField label={t('compose.validFrom')} type="datetime-local" required {...validFrom} />
        <TextField
          label={t('compose.validUntil')}
          type="datetime-local"
          required
          min={validFrom.value || undefined}
          {...validUntil}
          describedBy={[untilHintId, validUntil.describedBy].filter(Boolean).join(' ')}
        />
      </div>
      {/* Below the pair, so that both inputs stay on one line; tied to "until" all the same. */}
      <p class="hint composer-validity-hint" id={untilHintId}>
        {t('compose.validUntilHint')}
      </p>
    </fieldset>
  );
}

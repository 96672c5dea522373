import { useId } from 'preact/hooks';
import { countryName, sortedMembers } from '../../../lib/countries.ts';
import { nameIn, useI18n } from '../../../lib/i18n/index.tsx';
import { useResource } from '../../../lib/use-resource.ts';
import { Checks, TextAreaField, TextField } from '../../../ui/fields.tsx';
import type { FieldProps } from '../../../ui/form.tsx';
import { fetchOrganisations } from '../api.ts';

export const MAX_PORTS = 20;

/** Ports typed one a line or separated by commas. */
export const portsOf = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * Who an alert is for and until when: member countries, the migration authorities of those
 * countries, the ports concerned, the period of validity.
 */
export function Targets({
  countries,
  onCountries,
  organisations,
  onOrganisations,
  ports,
  onPorts,
  validity,
  onValidity,
  fieldProps,
  errorId,
}: {
  countries: string[];
  onCountries: (codes: string[]) => void;
  organisations: string[];
  onOrganisations: (ids: string[]) => void;
  ports: string;
  onPorts: (text: string) => void;
  validity: { from: string; until: string };
  onValidity: (validity: { from: string; until: string }) => void;
  fieldProps: (name: string) => FieldProps;
  errorId: string;
}) {
  const { t, lang } = useI18n();
  const untilHintId = useId();
  const authorities = useResource(() => fetchOrganisations().then((list) => list.filter((o) => o.kind === 'migration_authority')), []);
  const known = authorities.data ?? (authorities.error ? [] : null);
  const offered = known?.filter((o) => countries.includes(o.country)) ?? [];
  const groupInvalid = (name: string) => (fieldProps(name).invalid ? { 'aria-describedby': errorId } : {});

  const chooseCountries = (next: string[]) => {
    onCountries(next);
    // An authority of a country no longer targeted is no longer offered, so it is no longer chosen.
    onOrganisations(organisations.filter((id) => next.includes(known?.find((o) => o.id === id)?.country ?? '')));
  };

  return (
    <fieldset class="composer-section">
      <legend>{t('compose.sectionTargets')}</legend>
      <p class="hint">{t('compose.targetsLead')}</p>
      <fieldset class="field checks" {...groupInvalid('targetCountries')}>
        <legend>{t('alert.targetCountries')}</legend>
        <div class="check-grid">
          <Checks
            name="targetCountries"
            items={sortedMembers(lang, t)}
            value={(c) => c.code}
            label={(c) => c.name}
            chosen={countries}
            onChosen={chooseCountries}
          />
        </div>
      </fieldset>
      <fieldset class="field checks" {...groupInvalid('targetOrganisations')}>
        <legend>{t('alert.targetOrganisations')}</legend>
        <p class="hint">{t('compose.organisationsHint')}</p>
        {known === null ? (
          <p class="loading">{t('app.loading')}</p>
        ) : countries.length === 0 ? (
          <p class="muted">{t('compose.organisationsChooseCountries')}</p>
        ) : offered.length === 0 ? (
          <p class="muted">{t('compose.organisationsNone')}</p>
        ) : (
          <Checks
            name="targetOrganisations"
            items={offered}
            value={(o) => o.id}
            label={(o) => `${nameIn(lang, o)} · ${countryName(o.country, lang, t)}`}
            chosen={organisations}
            onChosen={onOrganisations}
          />
        )}
      </fieldset>
      <TextAreaField
        label={t('compose.ports')}
        name="ports"
        prose
        rows={2}
        value={ports}
        onValue={onPorts}
        hint={t('compose.portsHint', { max: MAX_PORTS })}
        {...fieldProps('ports')}
      />
      <div class="field-pair field-pair-narrow composer-validity">
        <TextField
          label={t('compose.validFrom')}
          name="validFrom"
          type="datetime-local"
          value={validity.from}
          onValue={(from) => onValidity({ ...validity, from })}
          required
          {...fieldProps('validFrom')}
        />
        <TextField
          label={t('compose.validUntil')}
          name="validUntil"
          type="datetime-local"
          value={validity.until}
          onValue={(until) => onValidity({ ...validity, until })}
          required
          min={validity.from || undefined}
          invalid={fieldProps('validUntil').invalid}
          describedBy={[untilHintId, fieldProps('validUntil').describedBy].filter(Boolean).join(' ')}
        />
      </div>
      {/* Below the pair, so that both inputs stay on one line; tied to "until" all the same. */}
      <p class="hint composer-validity-hint" id={untilHintId}>
        {t('compose.validUntilHint')}
      </p>
    </fieldset>
  );
}

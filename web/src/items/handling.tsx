/**
 * How an item may be handled, as its writer chooses: the TLP label, the named recipients of a RED
 * one, and the evaluation. Shared by the specimen wizard and the alert composer.
 */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../lib/i18n/index.tsx';
import type { Binder } from '../ui/form.tsx';
import { EvaluationFields, type EvaluationValues } from './evaluation.tsx';
import { RecipientChecks, type SpaceMember } from './recipients.tsx';
import { type Tlp, TlpChoices } from './tlp.tsx';

/** The values of an item's handling, by the names of its fields. */
export interface HandlingValues extends EvaluationValues {
  tlp: string;
  namedRecipients: string[];
}

export function HandlingFields({
  tlps,
  tlpHint,
  members,
  kept,
  bind,
  children,
}: {
  /** The labels offered (an alert to authorities has fewer). */
  tlps: readonly Tlp[];
  tlpHint: string;
  /** The space's members, once the label is RED (null while they load). */
  members: SpaceMember[] | null;
  kept?: { source: boolean; information: boolean };
  bind: Binder<HandlingValues>;
  /** More choices, between the recipients and the evaluation. */
  children?: ComponentChildren;
}) {
  const { t } = useI18n();
  // A group the error names is described by it (the binding's `describedBy`).
  const tlp = bind('tlp');
  const recipients = bind('namedRecipients');
  return (
    <>
      <fieldset class="field checks tlp-choices" aria-describedby={tlp.describedBy}>
        <legend>{t('specimen.tlp')}</legend>
        <p class="hint">{tlpHint}</p>
        <TlpChoices labels={tlps} value={tlp.value} onChoose={tlp.onValue} invalid={tlp.invalid} />
      </fieldset>
      {tlp.value === 'RED' ? (
        <fieldset class="field checks" aria-describedby={recipients.describedBy}>
          <legend>{t('upload.namedRecipients')}</legend>
          <p class="hint">{t('upload.namedRecipientsHint')}</p>
          <RecipientChecks members={members} chosen={recipients.value} onChosen={recipients.onValue} />
        </fieldset>
      ) : null}
      {children}
      <EvaluationFields bind={bind} kept={kept} />
    </>
  );
}

/**
 * How an item may be handled, as its writer chooses: the TLP label, the named recipients of a RED
 * one, and the evaluation. Shared by the specimen wizard and the alert composer.
 */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../lib/i18n/index.tsx';
import type { FieldProps } from '../ui/form.tsx';
import { type EvaluationChoice, EvaluationFields } from './evaluation.tsx';
import { RecipientChecks, type SpaceMember } from './recipients.tsx';
import { type Tlp, TlpChoices } from './tlp.tsx';

export function HandlingFields({
  tlps,
  tlp,
  onTlp,
  tlpHint,
  members,
  recipients,
  onRecipients,
  evaluation,
  onEvaluation,
  kept,
  fieldProps,
  errorId,
  children,
}: {
  /** The labels offered (an alert to authorities has fewer). */
  tlps: readonly Tlp[];
  tlp: string;
  onTlp: (tlp: Tlp) => void;
  tlpHint: string;
  /** The space's members, once the label is RED (null while they load). */
  members: SpaceMember[] | null;
  recipients: string[];
  onRecipients: (ids: string[]) => void;
  evaluation: EvaluationChoice;
  onEvaluation: (value: EvaluationChoice) => void;
  kept?: { source: boolean; information: boolean };
  fieldProps: (name: string) => FieldProps;
  errorId: string;
  /** More choices, between the recipients and the evaluation. */
  children?: ComponentChildren;
}) {
  const { t } = useI18n();
  // A group the error names is described by it.
  const described = (name: string) => (fieldProps(name).invalid ? errorId : undefined);
  return (
    <>
      <fieldset class="field checks tlp-choices" aria-describedby={described('tlp')}>
        <legend>{t('specimen.tlp')}</legend>
        <p class="hint">{tlpHint}</p>
        <TlpChoices labels={tlps} value={tlp} onChoose={onTlp} invalid={fieldProps('tlp').invalid} />
      </fieldset>
      {tlp === 'RED' ? (
        <fieldset class="field checks" aria-describedby={described('namedRecipients')}>
          <legend>{t('upload.namedRecipients')}</legend>
          <p class="hint">{t('upload.namedRecipientsHint')}</p>
          <RecipientChecks members={members} chosen={recipients} onChosen={onRecipients} />
        </fieldset>
      ) : null}
      {children}
      <EvaluationFields value={evaluation} onValue={onEvaluation} fieldProps={fieldProps} kept={kept} />
    </>
  );
}

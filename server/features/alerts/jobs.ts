/**
 * The jobs the alerts feature owns (registered with the queue by its routes plugin): the fan-out
 * of a published alert, a recipient's mail, a national system's webhook, and a contact point's
 * escalation mail (./delivery.ts).
 */
export const ALERT_JOBS = {
  fanOut: 'alert-fanout',
  mail: 'alert-mail',
  webhook: 'alert-webhook',
  escalation: 'alert-escalation',
} as const;

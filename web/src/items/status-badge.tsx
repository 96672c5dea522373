import type { Reply } from '../lib/api-schema.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { Badge } from '../ui/values.tsx';

/** Where an item stands in its workflow. */
export type ItemStatus = Reply<'/api/specimens/{id}', 'get'>['status'];
const STATUSES = ['draft', 'submitted', 'published', 'withdrawn', 'expired'] as const satisfies readonly ItemStatus[];

/** An item's status in words (a status this version does not know is shown as it is). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const known = (STATUSES as readonly string[]).includes(status);
  return <Badge tone={`item-${status}`}>{known ? t(`itemStatus.${status as ItemStatus}`) : status}</Badge>;
}

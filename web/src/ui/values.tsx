/** Small pieces that show a value. */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../lib/i18n/index.tsx';

/** A small label beside a name: a role, a status. */
export function Badge({ children, tone }: { children: ComponentChildren; tone?: string }) {
  return <span class={tone ? `badge badge-${tone}` : 'badge'}>{children}</span>;
}

/** "Not given", for an empty field. */
export function Empty() {
  const { t } = useI18n();
  return <span class="muted">{t('specimens.notGiven')}</span>;
}

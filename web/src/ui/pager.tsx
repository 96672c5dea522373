import { useI18n } from '../lib/i18n/index.tsx';

/** How many pages a list of `total` makes (at least one). */
export const pageCount = (list: { total: number; pageSize: number } | null): number =>
  list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;

/** Previous and next links around "Page 2 of 5"; nothing for a single page. */
export function Pager({ page, pages, address, label }: { page: number; pages: number; address: (page: number) => string; label: string }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      {page > 1 ? (
        <a href={address(page - 1)} rel="prev">
          {t('users.previous')}
        </a>
      ) : null}
      <span>{t('users.pageOf', { page, pages })}</span>
      {page < pages ? (
        <a href={address(page + 1)} rel="next">
          {t('users.next')}
        </a>
      ) : null}
    </nav>
  );
}

/** A screen's frame: the page with its heading, and the screens a page shows before its content is there. */
import type { ComponentChildren } from 'preact';
import { useEffect, useId } from 'preact/hooks';
import { setPageTitle } from '../lib/document-title.ts';
import type { FormError } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { ErrorAlert } from './form.tsx';

/** A page: its title in the tab and in an h1 that route changes move the focus to. */
export function Page({ title, lead, children }: { title: string; lead?: ComponentChildren; children?: ComponentChildren }) {
  const { t } = useI18n();
  const id = useId();
  useEffect(() => {
    const name = t('app.name');
    setPageTitle(title === name ? name : `${title} · ${name}`);
  }, [title, t]);
  return (
    <section class="page" aria-labelledby={id}>
      <h1 id={id} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p class="lead">{lead}</p> : null}
      {children}
    </section>
  );
}

/** "Loading…", said by screen readers once. */
export function Loading({ text, panel = false }: { text: string; panel?: boolean }) {
  return (
    <p class={panel ? 'loading panel' : 'loading'} role="status">
      {text}
    </p>
  );
}

/** A page whose content is on its way: its error if it failed, "loading" until then. */
export function LoadingPage({
  title,
  error,
  text,
  children,
}: {
  title: string;
  error: FormError | null;
  text: string;
  children?: ComponentChildren;
}) {
  return (
    <Page title={title}>
      <ErrorAlert error={error} />
      {children ?? (error ? null : <Loading text={text} />)}
    </Page>
  );
}

/** A page with nothing at its address, and the way back. */
export function NotFoundPage({ title, text, back }: { title: string; text: string; back: { href: string; label: string } }) {
  return (
    <Page title={title} lead={text}>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </Page>
  );
}

/**
 * A page over one thing fetched from the server (a space, a specimen, an alert): nothing at this
 * address, or loading (`pending` instead, when given), until `children` can show it.
 */
export function ResourcePage<T>({
  resource,
  title,
  loadingText,
  notFound,
  pending,
  children,
}: {
  resource: { data: T | null; missing: boolean; error: FormError | null };
  title: string;
  loadingText: string;
  notFound: { title: string; text: string; back: { href: string; label: string } };
  pending?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  if (resource.missing) return <NotFoundPage {...notFound} />;
  if (!resource.data) {
    return (
      <LoadingPage title={title} error={resource.error} text={loadingText}>
        {pending}
      </LoadingPage>
    );
  }
  return <>{children(resource.data)}</>;
}

/** An empty list, said in a panel: what it is, and what to do about it. */
export function EmptyState({ title, text }: { title: string; text: string }) {
  return (
    <div class="panel empty">
      <h2>{title}</h2>
      <p>{text}</p>
    </div>
  );
}

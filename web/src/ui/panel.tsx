import type { ComponentChildren } from 'preact';

/** A section of a page in a panel, named by its heading (`id` ties them). */
export function Panel({
  id,
  title,
  class: className,
  children,
}: {
  id: string;
  title: ComponentChildren;
  class?: string;
  children?: ComponentChildren;
}) {
  return (
    <section class={className ? `panel ${className}` : 'panel'} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

import type { ComponentChildren } from 'preact';

/** One tab: where it leads, its words, and whether it is the page (`page`) or the section of it (`true`). */
export type Tab = readonly [href: string, label: string, current?: 'page' | 'true' | false];

/** The sections of a screen, as links: the current one marked for screen readers. */
export function Tabs({ label, tabs, class: className }: { label: string; tabs: (Tab | null)[]; class?: string }) {
  return (
    <nav class={className ? `tabs ${className}` : 'tabs'} aria-label={label}>
      {tabs.map((tab) =>
        tab ? (
          <a key={tab[0]} href={tab[0]} aria-current={tab[2] || undefined}>
            {tab[1]}
          </a>
        ) : null,
      )}
    </nav>
  );
}

/** Tabs, with the section's main action (a "New …" button) beside them. */
export function SectionBar({ label, tabs, action }: { label: string; tabs: (Tab | null)[]; action?: ComponentChildren }) {
  return (
    <div class="section-bar">
      <Tabs label={label} tabs={tabs} />
      {action}
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../lib/i18n/index.tsx';
import { useLocation } from '../lib/router.ts';

/**
 * The masthead's tools (navigation, space, language, account) behind a "Menu" button on a narrow screen; on a
 * wider one the button is not shown and the tools are always there (styles.css, `.menu-button`, `.site-menu`).
 * A disclosure (aria-expanded, aria-controls): the focus stays on the button when it opens, the next Tab goes
 * into the menu; Escape closes it and gives the focus back to the button; moving to another screen closes it
 * (the app then moves the focus to that screen's heading).
 */
export function CollapsibleMenu({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => setOpen(false), [path]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the menu, whose button is the control
    <div
      class="masthead-menu"
      onKeyDown={(e) => {
        // A menu inside (the space switcher) closes first: it marks the Escape it used.
        if (e.key === 'Escape' && open && !e.defaultPrevented) {
          e.preventDefault();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button ref={button} type="button" class="menu-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span class="menu-icon" aria-hidden="true" />
        {t('nav.menu')}
      </button>
      <div id={id} class={open ? 'site-menu site-menu-open' : 'site-menu'}>
        {children}
      </div>
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useLocation } from '../lib/router.ts';

/**
 * A group of the main navigation's links behind one button (a disclosure: aria-expanded,
 * aria-controls), so the navigation keeps to one row. It opens below the button on a wide screen
 * and in place inside the phone menu; Escape closes it and gives the focus back to the button, as
 * do a click or the focus going elsewhere, and moving to another screen. The button shows it holds
 * the current screen.
 */
export function NavGroup({ label, current, children }: { label: string; current: boolean; children: ComponentChildren }) {
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
    };
  }, [open]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the group, whose button is the control
    <div
      ref={root}
      class="navgroup"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        class={current ? 'navgroup-button navgroup-current' : 'navgroup-button'}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {label}
        <span class="navgroup-caret" aria-hidden="true" />
      </button>
      <div id={id} class="navgroup-links" hidden={!open}>
        {children}
      </div>
    </div>
  );
}

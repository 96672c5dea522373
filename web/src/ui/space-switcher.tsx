import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { nameIn, useI18n } from '../lib/i18n/index.tsx';
import { useLocation } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { setCurrentSpace, useCurrentSpace } from '../lib/spaces.ts';

/**
 * The space I am working in, remembered in this browser: a disclosure button that opens a list of
 * links to my spaces (keyboard: Enter or Space opens it, Tab moves through it, Escape closes it).
 */
export function SpaceSwitcher() {
  const { t, lang } = useI18n();
  const { state, spaces } = useSession();
  const { path } = useLocation();
  const currentSpace = useCurrentSpace();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('click', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('click', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  if (state.status !== 'signedIn' || state.stage !== 'full' || !spaces?.length) return null;
  const current = currentSpace ?? spaces[0]!;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape and a click outside close the menu, whose button is the control
    <div
      class="switcher"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          // Used here: a menu around the switcher (the phone's) stays open.
          e.preventDefault();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button ref={button} type="button" class="switcher-button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        <span class="switcher-caption">{t('switcher.label')}</span>
        <span class="switcher-current">
          <span class="switcher-name">{nameIn(lang, current)}</span>
          <span class="switcher-role">{t(`spaceRole.${current.role}`)}</span>
        </span>
      </button>
      <div id={menuId} class="switcher-menu" hidden={!open}>
        <ul>
          {spaces.map((space) => (
            <li key={space.id}>
              <a href={`/spaces/${space.id}`} aria-current={space.id === current.id ? 'true' : undefined} onClick={() => setCurrentSpace(space.id)}>
                <span class="switcher-name">{nameIn(lang, space)}</span>
                <span class="switcher-role">{t(`spaceRole.${space.role}`)}</span>
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a href="/spaces">{t('switcher.all')}</a>
        </p>
      </div>
    </div>
  );
}

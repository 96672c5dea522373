/**
 * How this browser calls attention to a new urgent alert besides the banner: a short sound and a
 * desktop notification, each only when the person turned it on here (kept in this browser's
 * storage, like the permission the browser itself keeps). The desktop notification says only that
 * an urgent alert arrived — never its title or anything else the alert holds, since notifications
 * show on a locked screen, in a shared screen and in the system's notification history.
 */

import { onStoredChange, readStored, writeStored } from '../../lib/storage.ts';
import { createStore, useStore } from '../../lib/store.ts';

const SOUND_KEY = 'enlace.alerts.sound';
const DESKTOP_KEY = 'enlace.alerts.desktop';

export type DesktopState = 'unsupported' | 'denied' | 'off' | 'on';

const sound = createStore(readStored(SOUND_KEY) === '1');
const desktopWanted = createStore(readStored(DESKTOP_KEY) === '1');
onStoredChange(SOUND_KEY, (value) => sound.set(value === '1'));
onStoredChange(DESKTOP_KEY, (value) => desktopWanted.set(value === '1'));

const supported = () => typeof Notification !== 'undefined';
const permission = createStore<NotificationPermission | 'unsupported'>(supported() ? Notification.permission : 'unsupported');

function desktopState(wanted: boolean, allowed: NotificationPermission | 'unsupported'): DesktopState {
  if (allowed === 'unsupported') return 'unsupported';
  if (allowed === 'denied') return 'denied';
  return wanted && allowed === 'granted' ? 'on' : 'off';
}

export function useAttentionSettings(): { sound: boolean; desktop: DesktopState } {
  return { sound: useStore(sound), desktop: desktopState(useStore(desktopWanted), useStore(permission)) };
}

let audio: AudioContext | null = null;

/** Sound on or off. Turning it on is a click, which lets the page play sound from then on. */
export function setSound(on: boolean): void {
  writeStored(SOUND_KEY, on ? '1' : null);
  sound.set(on);
  if (on) chime();
}

/** Desktop notifications on (asking the browser's permission: call it from a click) or off. */
export async function setDesktop(on: boolean): Promise<void> {
  if (!on || !supported()) {
    writeStored(DESKTOP_KEY, null);
    desktopWanted.set(false);
    return;
  }
  const answer = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  permission.set(answer);
  writeStored(DESKTOP_KEY, answer === 'granted' ? '1' : null);
  desktopWanted.set(answer === 'granted');
}

/** Two short tones (made here: no sound file to fetch). Silently nothing when the browser will not play yet. */
function chime(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    const start = audio.currentTime + 0.02;
    for (const [offset, frequency] of [
      [0, 880],
      [0.22, 660],
    ] as const) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.2);
    }
  } catch {
    // No audio here: the banner is still there.
  }
}

/**
 * A new urgent alert reached this tab: the sound, if on; the desktop notification, if on and the
 * person is not looking at the page. `words` is the notification's fixed text, in their language.
 */
export function callAttention(words: { title: string; body: string }): void {
  if (sound.get()) chime();
  if (desktopState(desktopWanted.get(), supported() ? Notification.permission : 'unsupported') !== 'on') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  try {
    // One notice for every tab of the portal (the tag replaces an earlier one); no content in it.
    const notice = new Notification(words.title, { body: words.body, tag: 'enlace-urgent-alert', lang: document.documentElement.lang });
    notice.onclick = () => {
      window.focus();
      notice.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker: the banner is still there.
  }
}

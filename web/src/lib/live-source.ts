/**
 * Live events as a feature other than alerts takes them: app/ hands the alerts' stream over (no
 * feature imports another), each event by its type only.
 */
export type LiveSource = (callback: (type: string) => void) => () => void;

/**
 * A callback for the events that concern a screen: the first `ready` (the stream just opened) is
 * passed over, since the screen asked when it appeared; a later one (back after a gap) is not.
 */
export function onLive(types: readonly string[], refresh: () => void): (type: string) => void {
  let opened = false;
  return (type) => {
    if (type === 'ready' && !opened) {
      opened = true;
      return;
    }
    if (type === 'ready' || types.includes(type)) refresh();
  };
}

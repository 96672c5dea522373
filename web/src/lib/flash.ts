/** A message to show on the next screen, once (after submitting, publishing…): set before navigating, taken by the screen. */
let flash: string | null = null;

export function setFlash(message: string): void {
  flash = message;
}

export function takeFlash(): string | null {
  const message = flash;
  flash = null;
  return message;
}

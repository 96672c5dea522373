import type { Language } from '../../platform/i18n/language.ts';
import type { Mail } from '../../platform/mail/sender.ts';

// Mail never carries restricted content: who invited whom to what portal, and a link.
const TEXT = {
  invitation: {
    en: {
      subject: 'Your invitation to Enlace',
      body: (name: string, link: string) =>
        `Hello ${name},\n\nThe Virtual Secretariat has invited you to Enlace, the secure exchange portal of the migration authorities.\n\nChoose your password here (the link works once, for 72 hours):\n${link}\n\nYou will then set up a second factor with an authenticator app.\n\nIf you did not expect this message, ignore it.`,
    },
    es: {
      subject: 'Su invitación a Enlace',
      body: (name: string, link: string) =>
        `Hola, ${name}:\n\nLa Secretaría Virtual le ha invitado a Enlace, el portal seguro de intercambio de las autoridades migratorias.\n\nElija su contraseña aquí (el enlace sirve una sola vez, durante 72 horas):\n${link}\n\nDespués configurará un segundo factor con una aplicación de autenticación.\n\nSi no esperaba este mensaje, ignórelo.`,
    },
  },
  reset: {
    en: {
      subject: 'Resetting your Enlace password',
      body: (name: string, link: string) =>
        `Hello ${name},\n\nSomeone asked to reset the password of your Enlace account. If it was you, choose a new password here (the link works once, for one hour):\n${link}\n\nYour second factor stays as it is. If you did not ask for this, ignore this message: your password has not changed.`,
    },
    es: {
      subject: 'Restablecer su contraseña de Enlace',
      body: (name: string, link: string) =>
        `Hola, ${name}:\n\nAlguien pidió restablecer la contraseña de su cuenta de Enlace. Si fue usted, elija una nueva contraseña aquí (el enlace sirve una sola vez, durante una hora):\n${link}\n\nSu segundo factor no cambia. Si no lo pidió, ignore este mensaje: su contraseña no ha cambiado.`,
    },
  },
} as const;

export function tokenMail(kind: 'invitation' | 'reset', to: string, name: string, language: Language, link: string): Mail {
  const text = TEXT[kind][language];
  return { to, subject: text.subject, text: text.body(name, link) };
}

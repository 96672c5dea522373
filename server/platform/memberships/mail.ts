import type { User } from '../auth/sessions.ts';
import type { Mail } from '../mail/sender.ts';

const ROLE = {
  es: { officer: 'oficial de enlace', contact_point: 'punto de contacto', substitute: 'suplente', observer: 'observador' },
  en: { officer: 'liaison officer', contact_point: 'contact point', substitute: 'substitute', observer: 'observer' },
} as const;

/** The member hears of every change to their memberships. The space's name is all it says. */
export function membershipMail(
  change: 'added' | 'role_changed' | 'removed',
  user: Pick<User, 'email' | 'displayName' | 'language'>,
  space: { nameEs: string; nameEn: string },
  role: keyof (typeof ROLE)['es'],
  portalUrl: string,
): Mail {
  const es = user.language === 'es';
  const name = es ? space.nameEs : space.nameEn;
  const roleName = ROLE[user.language][role];
  const subject = es ? 'Cambio en sus espacios de Enlace' : 'A change to your Enlace spaces';
  const line = {
    added: es ? `Se le ha incorporado al espacio «${name}» como ${roleName}.` : `You have been added to the space “${name}” as ${roleName}.`,
    role_changed: es ? `Su función en el espacio «${name}» es ahora: ${roleName}.` : `Your role in the space “${name}” is now: ${roleName}.`,
    removed: es ? `Ya no es miembro del espacio «${name}».` : `You are no longer a member of the space “${name}”.`,
  }[change];
  const greeting = es ? `Hola, ${user.displayName}:` : `Hello ${user.displayName},`;
  const footer = es ? `Enlace: ${portalUrl}` : `Enlace: ${portalUrl}`;
  return { to: user.email, subject, text: `${greeting}\n\n${line}\n\n${footer}\n` };
}

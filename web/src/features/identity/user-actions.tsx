/** What the Secretariat may do to an account, a button each, and the dialog that asks first. */
import { useState } from 'preact/hooks';
import { type Language, type Translate, useI18n } from '../../lib/i18n/index.tsx';
import type { Role, User } from '../../lib/session.tsx';
import { ConfirmDialog, useAction } from '../../ui/dialog.tsx';
import { RoleChecks } from './account-choices.tsx';
import { resendInvitation, updateUser } from './api.ts';

export type Action =
  | { kind: 'status'; user: User; status: 'active' | 'locked' | 'disabled' }
  | { kind: 'roles'; user: User }
  | { kind: 'invite'; user: User };

export function RowActions({ user, onAction }: { user: User; onAction: (action: Action) => void }) {
  const { t } = useI18n();
  const name = user.displayName;
  const button = (label: string, aria: string, action: Action, tone: 'secondary' | 'danger' = 'secondary') => (
    <button type="button" class={`button button-${tone} button-small`} aria-label={aria} onClick={() => onAction(action)}>
      {label}
    </button>
  );
  return (
    <div class="row-actions">
      {user.status === 'invited' ? button(t('users.resend'), t('users.resendOf', { name }), { kind: 'invite', user }) : null}
      {user.status === 'active' ? button(t('users.lock'), t('users.lockOf', { name }), { kind: 'status', user, status: 'locked' }, 'danger') : null}
      {user.status === 'locked' ? button(t('users.unlock'), t('users.unlockOf', { name }), { kind: 'status', user, status: 'active' }) : null}
      {user.status === 'active' || user.status === 'locked'
        ? button(t('users.disable'), t('users.disableOf', { name }), { kind: 'status', user, status: 'disabled' }, 'danger')
        : null}
      {user.status === 'disabled' ? button(t('users.enable'), t('users.enableOf', { name }), { kind: 'status', user, status: 'active' }) : null}
      {button(t('users.editRoles'), t('users.editRolesOf', { name }), { kind: 'roles', user })}
    </div>
  );
}

/** Asks before the action; `onClose` gets the account as it is afterwards and what to say, or nothing if cancelled. */
export function ActionDialog({ action, onClose }: { action: Action; onClose: (user: User | null, message?: string) => void }) {
  const { t, lang } = useI18n();
  const { user } = action;
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const { busy, error, run } = useAction();
  const ask = askFor(action, roles, t, lang);
  return (
    <ConfirmDialog
      title={ask.title}
      confirmLabel={ask.confirm}
      tone={ask.tone}
      busy={busy}
      error={error}
      onCancel={() => onClose(null)}
      onConfirm={() => run(ask.request, (updated) => onClose(updated, ask.done(updated)))}
    >
      {action.kind === 'roles' ? (
        <RoleChecks legend={t('users.roles')} hint={t('users.rolesHint')} roles={roles} onRoles={setRoles} />
      ) : (
        <p>{ask.text}</p>
      )}
    </ConfirmDialog>
  );
}

/** What the dialog asks for an action, the call it makes, and what it says once done. */
function askFor(action: Action, roles: Role[], t: Translate, lang: Language) {
  const { user } = action;
  const name = user.displayName;
  if (action.kind === 'invite') {
    return {
      title: t('users.resendTitle', { name }),
      confirm: t('users.resend'),
      tone: 'primary' as const,
      text: t('users.resendText', { email: user.email }),
      request: () => resendInvitation(user.id),
      done: (u: User) => t('users.resent', { name: u.displayName, email: u.email }),
    };
  }
  if (action.kind === 'roles') {
    return {
      title: t('users.rolesTitle', { name }),
      confirm: t('users.saveRoles'),
      tone: 'primary' as const,
      text: '',
      request: () => updateUser(user.id, { roles }),
      done: (u: User) => t('users.rolesSaved', { name: u.displayName }),
    };
  }
  const { status } = action;
  const verb = status === 'locked' ? 'lock' : status === 'disabled' ? 'disable' : user.status === 'locked' ? 'unlock' : 'enable';
  return {
    title: t(`users.${verb}Title`, { name }),
    confirm: t(`users.${verb}`),
    tone: status === 'active' ? ('primary' as const) : ('danger' as const),
    text: t(`users.${verb}Text`),
    request: () => updateUser(user.id, { status }),
    done: (u: User) => t('users.statusChanged', { name: u.displayName, status: t(`userStatus.${u.status}`).toLocaleLowerCase(lang) }),
  };
}

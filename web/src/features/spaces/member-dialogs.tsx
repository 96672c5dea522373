/** Changing a member's role, and removing a member: each asks first. */
import { useState } from 'preact/hooks';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import type { SpaceRole } from '../../lib/session.tsx';
import { ConfirmDialog, useAction } from '../../ui/dialog.tsx';
import { Options, SelectField } from '../../ui/fields.tsx';
import { changeMemberRole, type Member, removeMember, type SpaceView } from './api.ts';
import { roleWord } from './space-facts.tsx';

/** `onClose` gets the members afterwards and the new role, or nothing (cancelled, or the role is unchanged). */
export function ChangeRole({
  space,
  member,
  onClose,
}: {
  space: SpaceView;
  member: Member;
  onClose: (list: Member[] | null, role?: SpaceRole) => void;
}) {
  const { t } = useI18n();
  const [role, setRole] = useState<SpaceRole>(member.role);
  const { busy, error, run } = useAction();
  const save = () => {
    if (role === member.role) return onClose(null);
    run(
      () => changeMemberRole(space.id, member.userId, { role }),
      (list) => onClose(list, role),
    );
  };
  return (
    <ConfirmDialog
      title={t('members.changeRoleTitle', { name: member.displayName })}
      confirmLabel={t('members.saveRole')}
      tone="primary"
      busy={busy}
      error={error}
      onConfirm={save}
      onCancel={() => onClose(null)}
    >
      <SelectField label={t('members.newRole')} name="role" value={role} onValue={(v) => setRole(v as SpaceRole)} hint={t('members.changeRoleHint')}>
        <Options items={space.permissions.grantableRoles} label={(r) => t(`spaceRole.${r}`)} />
      </SelectField>
    </ConfirmDialog>
  );
}

export function RemoveMember({ space, member, onClose }: { space: SpaceView; member: Member; onClose: (removed: boolean) => void }) {
  const { t, lang } = useI18n();
  const { busy, error, run } = useAction();
  return (
    <ConfirmDialog
      title={t('members.removeTitle', { name: member.displayName })}
      confirmLabel={t('members.removeConfirm')}
      busy={busy}
      error={error}
      onConfirm={() =>
        run(
          () => removeMember(space.id, member.userId),
          () => onClose(true),
        )
      }
      onCancel={() => onClose(false)}
    >
      <p>{t('members.removeText', { name: member.displayName, space: nameIn(lang, space), role: roleWord(member.role, lang, t) })}</p>
    </ConfirmDialog>
  );
}

import { useState } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { formatDate } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useSession, useUser } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { Loading } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { type Column, Table } from '../../ui/table.tsx';
import { Badge } from '../../ui/values.tsx';
import { AddMember } from './add-member.tsx';
import { fetchMembers, type Member, type SpaceView } from './api.ts';
import { ChangeRole, RemoveMember } from './member-dialogs.tsx';
import { roleWord } from './space-facts.tsx';

/** A space's members by country, what may be done to each, and adding one. */
export function Members({ space }: { space: SpaceView }) {
  const { t, lang } = useI18n();
  const { refreshSpaces } = useSession();
  const members = useResource(() => fetchMembers(space.id), [space.id]);
  const [notice, setNotice] = useState<string | null>(null);
  const [changing, setChanging] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);

  const changed = (list: Member[], message: string) => {
    members.setData(list);
    setNotice(message);
    // My own memberships may be among those changed.
    refreshSpaces();
  };

  const list = members.data;
  const groups: { country: string; name: string; members: Member[] }[] = [];
  for (const member of list ?? []) {
    const group = groups.find((g) => g.country === member.country);
    if (group) group.members.push(member);
    else groups.push({ country: member.country, name: countryName(member.country, lang, t), members: [member] });
  }
  groups.sort((a, b) => a.name.localeCompare(b.name, lang));
  const anyActions = (list ?? []).some((m) => m.permissions.remove || m.permissions.changeRole);

  return (
    <>
      <Panel id="members-title" title={t('members.title')}>
        <ErrorAlert error={members.error} />
        {notice ? <Notice>{notice}</Notice> : null}
        {!list ? (
          members.error ? null : (
            <Loading text={t('members.loading')} />
          )
        ) : list.length === 0 ? (
          <p class="muted">{t('members.empty')}</p>
        ) : (
          groups.map((group) => <MemberGroup key={group.country} {...group} anyActions={anyActions} onChange={setChanging} onRemove={setRemoving} />)
        )}
      </Panel>
      {space.permissions.manageMembers && list ? (
        <AddMember
          space={space}
          members={list}
          onAdded={(next, added, role) => changed(next, t('members.added', { name: added.displayName, role: roleWord(role, lang, t) }))}
        />
      ) : null}
      {changing ? (
        <ChangeRole
          space={space}
          member={changing}
          onClose={(next, role) => {
            const member = changing;
            setChanging(null);
            if (next && role) changed(next, t('members.roleChanged', { name: member.displayName, role: roleWord(role, lang, t) }));
          }}
        />
      ) : null}
      {removing ? (
        <RemoveMember
          space={space}
          member={removing}
          onClose={(removed) => {
            const member = removing;
            setRemoving(null);
            // The row goes in the same render as the dialog, so the focus moves to the page's heading.
            if (removed)
              changed(
                (list ?? []).filter((m) => m.userId !== member.userId),
                t('members.removed', { name: member.displayName }),
              );
          }}
        />
      ) : null}
    </>
  );
}

/** The members of one country, as a table. */
function MemberGroup({
  country,
  name,
  members,
  anyActions,
  onChange,
  onRemove,
}: {
  country: string;
  name: string;
  members: Member[];
  anyActions: boolean;
  onChange: (member: Member) => void;
  onRemove: (member: Member) => void;
}) {
  const { t, lang } = useI18n();
  const user = useUser();
  const headingId = `members-${country}`;
  const columns: Column[] = [
    t('members.name'),
    t('members.role'),
    t('members.since'),
    ...(anyActions ? [<span class="visually-hidden">{t('members.actions')}</span>] : []),
  ];
  return (
    <div class="member-group">
      <h3 id={headingId}>
        {name} <span class="code-tag">{country}</span>{' '}
        <span class="muted count">{t(members.length === 1 ? 'members.countOne' : 'members.count', { count: members.length })}</span>
      </h3>
      <Table labelledBy={headingId} columns={columns}>
        {members.map((m) => (
          <tr key={m.userId}>
            <th scope="row" class="cell-person">
              <span class="person-name">
                {m.displayName}
                {m.userId === user.id ? <span class="person-you"> {t('members.you')}</span> : null}
              </span>
              <span class="person-email">{m.email}</span>
            </th>
            <td>
              <Badge tone={`role-${m.role}`}>{t(`spaceRole.${m.role}`)}</Badge>
            </td>
            <td>{formatDate(m.since, lang)}</td>
            {anyActions ? (
              <td class="cell-actions">
                {m.permissions.changeRole ? (
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    aria-label={t('members.changeRoleOf', { name: m.displayName })}
                    onClick={() => onChange(m)}
                  >
                    {t('members.changeRole')}
                  </button>
                ) : null}
                {m.permissions.remove ? (
                  <button
                    type="button"
                    class="button button-danger button-small"
                    aria-label={t('members.removeOf', { name: m.displayName })}
                    onClick={() => onRemove(m)}
                  >
                    {t('members.remove')}
                  </button>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </Table>
    </div>
  );
}

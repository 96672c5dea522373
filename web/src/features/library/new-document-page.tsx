import { useId, useState } from 'preact/hooks';
import { TLPS } from '../../items/tlp.tsx';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { Form, useForm } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { createDocument, type LibraryCreate, uploadVersion } from './api.ts';
import { type Described, DescriptionFields, describedBody, requiredTitles } from './document-fields.tsx';

/**
 * Adding a document to the library: a space I add to (not as an observer), its title and summary
 * in Spanish and English, type, country, year, language, tags and TLP (CLEAR: conference-wide),
 * then a file (PDF or image) or a https link.
 */
export function NewDocumentPage() {
  const { t } = useI18n();
  const { spaces } = useSession();
  const mine = (spaces ?? []).filter((s) => s.role !== 'observer');
  if (mine.length === 0)
    return (
      <Page title={t('library.add')}>
        <EmptyState title={t('library.noSpace')} text={t('library.noSpaceText')} />
      </Page>
    );
  return (
    <Page title={t('library.add')} lead={t('library.addLead')}>
      <NewDocumentForm spaces={mine} />
    </Page>
  );
}

type NewDocument = Described & { spaceId: string; tlp: string };

function NewDocumentForm({ spaces }: { spaces: { id: string; nameEs: string; nameEn: string }[] }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const fileId = useId();
  const form = useForm<NewDocument>(
    {
      spaceId: spaces[0]!.id,
      titleEs: '',
      titleEn: '',
      summaryEs: '',
      summaryEn: '',
      docType: 'manual',
      country: '',
      year: '',
      language: lang,
      tags: '',
      tlp: 'GREEN',
      url: '',
    },
    async (v) => {
      const created = await createDocument({ spaceId: v.spaceId, tlp: v.tlp as LibraryCreate['tlp'], ...describedBody(v) });
      if (file) await uploadVersion(created.id, file, () => {});
      navigate(`/library/${created.id}`);
    },
    (v) => requiredTitles(v, t),
  );
  return (
    <Form form={form} class="form panel" submit={t('library.save')}>
      <SelectField label={t('library.space')} {...form.bind('spaceId')}>
        <Options items={spaces} value={(s) => s.id} label={(s) => nameIn(lang, s)} />
      </SelectField>
      <DescriptionFields bind={form.bind} />
      <SelectField label={t('tlp.label')} {...form.bind('tlp')} hint={t(`tlp.explain.${form.values.tlp as (typeof TLPS)[number]}`)}>
        <Options items={TLPS} value={(x) => x} label={(x) => `TLP:${x}`} />
      </SelectField>
      <TextField label={t('library.url')} {...form.bind('url')} hint={t('library.urlHint')} />
      <div class="field">
        <label for={fileId}>{t('library.file')}</label>
        <input id={fileId} type="file" name="file" accept="application/pdf,image/*" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </div>
    </Form>
  );
}

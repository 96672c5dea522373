import { useEffect, useState } from 'preact/hooks';
import { featureLabel, type Reference } from '../../../items/reference.ts';
import { countryName } from '../../../lib/countries.ts';
import { type FormError, toFormError } from '../../../lib/errors.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields.tsx';
import { ErrorAlert, Form, Notice, useForm } from '../../../ui/form.tsx';
import { type ImageRegion, regionStyle } from '../../../ui/viewer.tsx';
import {
  type Annotation,
  createAnnotation,
  deleteAnnotation,
  fetchAnnotations,
  type ImageView,
  type NewAnnotation,
  type SpecimenView,
} from '../api.ts';

/**
 * The regions marked on an image: drawn over it (an overlay that can be hidden), listed below it,
 * and marked — by drawing on the image or by giving the numbers in a form, which is the keyboard's
 * way — by those who may (the originator, and the readers who contribute: `update`, `amend`, `sight`).
 */
export function useMarks(view: SpecimenView, image: ImageView | null) {
  const { t } = useI18n();
  const [list, setList] = useState<Annotation[] | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [shown, setShown] = useState(true);
  const [drawing, setDrawing] = useState(false);
  const [drawn, setDrawn] = useState<ImageRegion | null>(null);
  const may = view.permissions.update || view.permissions.amend || view.permissions.sight;
  const imageId = image?.id ?? '';
  useEffect(() => {
    if (!imageId) return;
    let live = true;
    setList(null);
    setError(null);
    fetchAnnotations(view.id, imageId).then(
      (found) => live && setList(found),
      (err: unknown) => live && setError(toFormError(err, t)),
    );
    return () => {
      live = false;
    };
  }, [view.id, imageId]);

  const overlay =
    shown && list
      ? list.map((mark, index) => (
          <div key={mark.id} class={mark.mine ? 'viewer-mark viewer-mark-mine' : 'viewer-mark'} style={regionStyle(mark.region)} aria-hidden="true">
            <span class="viewer-mark-number">{index + 1}</span>
          </div>
        ))
      : null;
  const toggle = (pressed: boolean) => (pressed ? 'button button-secondary button-small button-pressed' : 'button button-secondary button-small');
  const tools = (
    <span class="viewer-group" role="group" aria-label={t('marks.title')}>
      <button type="button" class={toggle(shown)} aria-pressed={shown} onClick={() => setShown(!shown)}>
        {t('marks.show')}
      </button>
      {may ? (
        <button type="button" class={toggle(drawing)} aria-pressed={drawing} onClick={() => setDrawing(!drawing)}>
          {t('marks.draw')}
        </button>
      ) : null}
    </span>
  );
  return { list, setList, error, overlay, tools, drawing, onDraw: setDrawn, drawn, may, shown };
}

export type Marks = ReturnType<typeof useMarks>;

const percent = (n: number) => String(Math.round(n * 1000) / 10);
/** A number as typed (a decimal comma too). */
const numberOf = (text: string) => Number(text.trim().replace(',', '.'));

/** The list of an image's marks and the form that adds one. */
export function MarksPanel({ view, image, marks, reference }: { view: SpecimenView; image: ImageView; marks: Marks; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<FormError | null>(null);
  const list = marks.list;
  const remove = async (mark: Annotation) => {
    setNotice(null);
    setRemoveError(null);
    try {
      await deleteAnnotation(view.id, image.id, mark.id);
      marks.setList((list ?? []).filter((m) => m.id !== mark.id));
      setNotice(t('marks.removed'));
    } catch (err) {
      setRemoveError(toFormError(err, t));
    }
  };
  return (
    <section class="marks" aria-labelledby="marks-title">
      <h3 id="marks-title">{t('marks.title')}</h3>
      <ErrorAlert error={marks.error ?? removeError} />
      {notice ? <Notice>{notice}</Notice> : null}
      {list && list.length === 0 ? <p class="muted">{t('marks.none')}</p> : null}
      {list?.length ? (
        <ol class="marks-list">
          {list.map((mark, index) => (
            <li key={mark.id}>
              <strong>{t('marks.number', { number: index + 1, feature: featureLabel(reference, mark.feature, lang) })}</strong>
              {mark.note ? <span class="marks-note"> — {mark.note}</span> : null}{' '}
              <span class="muted">
                {t('marks.by', { country: countryName(mark.creatorCountry, lang, t) })}
                {mark.mine ? ` ${t('marks.mine')}` : ''}
              </span>
              {mark.removable ? (
                <button type="button" class="button-link marks-remove" onClick={() => void remove(mark)}>
                  {t('marks.remove', { number: index + 1 })}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {marks.may ? (
        <MarkForm
          view={view}
          image={image}
          reference={reference}
          drawn={marks.drawn}
          onSaved={(mark) => {
            marks.setList([...(list ?? []), mark]);
            setNotice(t('marks.saved'));
          }}
        />
      ) : null}
    </section>
  );
}

function MarkForm({
  view,
  image,
  reference,
  drawn,
  onSaved,
}: {
  view: SpecimenView;
  image: ImageView;
  reference: Reference | null;
  drawn: ImageRegion | null;
  onSaved: (mark: Annotation) => void;
}) {
  const { t, lang } = useI18n();
  const form = useForm(
    { feature: '', x: '', y: '', width: '', height: '', note: '' },
    async ({ feature, x, y, width, height, note }) => {
      const region = { x: numberOf(x) / 100, y: numberOf(y) / 100, width: numberOf(width) / 100, height: numberOf(height) / 100 };
      const created = await createAnnotation(view.id, image.id, {
        region,
        feature: feature as NewAnnotation['feature'],
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onSaved(created);
      form.reset();
    },
    (values) => {
      if (!values.feature) return { message: t('form.required', { field: t('marks.feature') }), field: 'feature' };
      for (const name of ['x', 'y', 'width', 'height'] as const) {
        const n = numberOf(values[name]);
        if (values[name].trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
          return { message: t('marks.badNumber', { field: t(`marks.${name}`) }), field: name };
        }
      }
      const [x = 0, y = 0, w = 0, h = 0] = (['x', 'y', 'width', 'height'] as const).map((name) => numberOf(values[name]));
      if (!w || !h || x + w > 100.0001 || y + h > 100.0001) return { message: t('marks.outside'), field: 'width' };
      return null;
    },
  );
  // A region drawn on the image fills the numbers.
  useEffect(() => {
    if (drawn) form.setValues({ x: percent(drawn.x), y: percent(drawn.y), width: percent(drawn.width), height: percent(drawn.height) });
  }, [drawn]);
  const groups = reference?.featureGroups ?? [];
  return (
    <Form
      form={form}
      class="form sub-form marks-form"
      labelledBy="mark-form-title"
      submit={t('marks.submit')}
      intro={
        <>
          <h4 id="mark-form-title">{t('marks.new')}</h4>
          <p class="hint">{t('marks.newLead')}</p>
        </>
      }
    >
      <SelectField label={t('marks.feature')} required {...form.bind('feature')}>
        <option value="">{t('invite.choose')}</option>
        {groups.map((group) => (
          <optgroup key={group.code} label={group[lang]}>
            {group.features.map((f) => (
              <option key={f.code} value={f.code}>
                {f[lang]}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      <div class="field-quad">
        <TextField label={t('marks.x')} inputMode="numeric" required maxLength={6} {...form.bind('x')} />
        <TextField label={t('marks.y')} inputMode="numeric" required maxLength={6} {...form.bind('y')} />
        <TextField label={t('marks.width')} inputMode="numeric" required maxLength={6} {...form.bind('width')} />
        <TextField label={t('marks.height')} inputMode="numeric" required maxLength={6} {...form.bind('height')} />
      </div>
      <TextAreaField label={t('marks.note')} prose rows={2} maxLength={2000} {...form.bind('note')} />
    </Form>
  );
}

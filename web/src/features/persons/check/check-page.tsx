import { useId, useState } from 'preact/hooks';
import { useItemRoles } from '../../../items/item-roles.ts';
import { StateSelect } from '../../../items/states.tsx';
import { ApiError } from '../../../lib/api.ts';
import { countryName } from '../../../lib/countries.ts';
import { pluralKey, useI18n } from '../../../lib/i18n/index.tsx';
import { TextAreaField, TextField } from '../../../ui/fields.tsx';
import { Form, useForm } from '../../../ui/form.tsx';
import { Page } from '../../../ui/page.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { Table } from '../../../ui/table.tsx';
import { Empty } from '../../../ui/values.tsx';
import { BATCH_MAX, type CheckBody, type CheckResult, checkPerson, checkPersons } from '../api.ts';
import { BIRTH_DATE, birthDate } from '../form/values.ts';
import { PersonTabs } from '../person-tabs.tsx';
import { usePersonReference } from '../reference.tsx';
import { type BatchEntry, type BatchProblem, parseBatch } from './batch.ts';
import { CheckAnswer, MatchList, VerdictBadge, verdictOf } from './results.tsx';

const MAX_NAMES = 5;
const LETTERS = /\p{L}.*\p{L}/u;

const bodyOf = (names: string[], dateOfBirth: string, nationality: string): CheckBody => ({
  names: names.map((n) => n.trim()).filter(Boolean),
  dateOfBirth: birthDate(dateOfBirth),
  ...(nationality ? { nationality } : {}),
});

/**
 * "Is this person known?" — for someone who already knows whom they look for: names and a date of
 * birth (and a nationality), one person or a list (pasted, or a CSV file read here). The answer
 * names no one: the records and specimens I may open, how strongly each matched, and a word when
 * the person is known under a label I do not read. What is asked stays in this page's memory —
 * never in the address or the history.
 */
export function PersonCheckPage() {
  const { t } = useI18n();
  const { member } = useItemRoles();
  // Its list of states names every nationality (lib/countries.ts learns them from a reference).
  usePersonReference();
  return (
    <Page title={t('personCheck.pageTitle')} lead={t('personCheck.lead')}>
      <PersonTabs current="check" />
      {!member ? <p class="muted">{t('hitCheck.notMember')}</p> : null}
      <SingleCheck />
      <BatchCheck />
    </Page>
  );
}

function SingleCheck() {
  const { t } = useI18n();
  const [result, setResult] = useState<CheckResult | null>(null);
  const form = useForm(
    { names: [''], dateOfBirth: '', nationality: '' },
    async ({ names, dateOfBirth, nationality }) => {
      setResult(null);
      try {
        setResult(await checkPerson(bodyOf(names, dateOfBirth, nationality)));
      } catch (err) {
        // The server names `names` as a whole: the first name's field.
        throw err instanceof ApiError && err.field === 'names' ? new ApiError(err.status, err.code, err.message, 'names.0') : err;
      }
    },
    ({ names, dateOfBirth }) => {
      if (!names.some((n) => LETTERS.test(n))) return { message: t('personCheck.nameRequired'), field: 'names.0' };
      if (!BIRTH_DATE.test(birthDate(dateOfBirth))) return { message: t('personCheck.badDate'), field: 'dateOfBirth' };
      return null;
    },
    { nested: true },
  );
  const { names } = form.values;
  return (
    <Panel id="person-check-one" title={t('personCheck.oneTitle')}>
      <Form form={form} class="form narrow" submit={t('personCheck.submit')}>
        {names.map((name, i) => (
          <TextField
            key={i}
            label={i === 0 ? t('personCheck.name') : t('personForm.otherName', { n: i + 1 })}
            hint={i === 0 ? t('personCheck.nameHint') : undefined}
            required={i === 0}
            maxLength={200}
            name={`names.${i}`}
            value={name}
            onValue={(v) =>
              form.set(
                'names',
                names.map((n, j) => (j === i ? v : n)),
              )
            }
            {...form.fieldProps(`names.${i}`)}
          />
        ))}
        {names.length < MAX_NAMES ? (
          <p>
            <button type="button" class="button button-secondary button-small" onClick={() => form.set('names', [...names, ''])}>
              {t('personForm.addName')}
            </button>
          </p>
        ) : null}
        <TextField label={t('personForm.dateOfBirth')} hint={t('personCheck.dateHint')} required maxLength={10} {...form.bind('dateOfBirth')} />
        <StateSelect label={t('personCheck.nationality')} empty={t('personCheck.anyNationality')} {...form.bind('nationality')} />
      </Form>
      <div aria-live="polite">{result ? <CheckAnswer result={result} /> : null}</div>
    </Panel>
  );
}

type BatchAnswer = { entries: BatchEntry[]; results: CheckResult[] };

function BatchCheck() {
  const { t, lang } = useI18n();
  const fileId = useId();
  const [answer, setAnswer] = useState<BatchAnswer | null>(null);
  const [problems, setProblems] = useState<BatchProblem[]>([]);
  const form = useForm(
    { lines: '' },
    async ({ lines }) => {
      setAnswer(null);
      const { entries } = parseBatch(lines, BATCH_MAX);
      try {
        const { results } = await checkPersons(entries.map((e) => bodyOf(e.names, e.dateOfBirth, e.nationality)));
        setAnswer({ entries, results });
      } catch (err) {
        // An entry the server refuses is named by its place in the list: said by its line here.
        const index = err instanceof ApiError ? /^entries\.(\d+)/.exec(err.field ?? '')?.[1] : undefined;
        const entry = index === undefined ? undefined : entries[Number(index)];
        throw entry && err instanceof ApiError
          ? new ApiError(err.status, err.code, t('personCheck.lineError', { line: entry.line, message: err.message }), 'lines')
          : err;
      }
    },
    ({ lines }) => {
      const parsed = parseBatch(lines, BATCH_MAX);
      setProblems(parsed.problems);
      if (parsed.problems.length) return { message: t('personCheck.fixLines', { count: parsed.problems.length }), field: 'lines' };
      if (parsed.entries.length === 0) return { message: t('personCheck.noLines'), field: 'lines' };
      return null;
    },
  );
  const count = parseBatch(form.values.lines, BATCH_MAX).entries.length;
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    form.set('lines', await file.text());
    setProblems([]);
  };
  return (
    <Panel id="person-check-batch" title={t('personCheck.batchTitle')}>
      <p class="hint">{t('personCheck.batchLead', { max: BATCH_MAX })}</p>
      <Form form={form} class="form" submit={t(pluralKey(lang, 'personCheck.batchSubmit', count), { count })}>
        <div class="field">
          <label for={fileId}>{t('personCheck.file')}</label>
          <p class="hint" id={`${fileId}-hint`}>
            {t('personCheck.fileHint')}
          </p>
          <input
            id={fileId}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby={`${fileId}-hint`}
            onChange={(e) => void readFile(e.currentTarget.files?.[0])}
          />
        </div>
        <TextAreaField label={t('personCheck.lines')} hint={t('personCheck.linesHint')} rows={8} {...form.bind('lines')} />
        {problems.length ? (
          <ul class="person-batch-problems">
            {problems.slice(0, 20).map((p) => (
              <li key={`${p.line}-${p.kind}`}>{t(`personCheck.problem.${p.kind}`, { line: p.line, max: BATCH_MAX })}</li>
            ))}
          </ul>
        ) : null}
      </Form>
      <div aria-live="polite">{answer ? <BatchResults answer={answer} /> : null}</div>
    </Panel>
  );
}

function BatchResults({ answer }: { answer: BatchAnswer }) {
  const { t, lang } = useI18n();
  const verdicts = answer.results.map(verdictOf);
  const counted = (v: string) => verdicts.filter((x) => x === v).length;
  return (
    <section class="person-batch-results" aria-labelledby="person-batch-results">
      <h3 id="person-batch-results">{t('personCheck.batchResults')}</h3>
      <p role="status">
        {t('personCheck.batchSummary', {
          count: answer.results.length,
          known: counted('known'),
          withheld: counted('withheld'),
          unknown: counted('unknown'),
        })}
      </p>
      <Table
        dense
        caption={t('personCheck.batchResults')}
        columns={[t('personCheck.line'), t('personCheck.name'), t('personForm.dateOfBirth'), t('personCheck.nationality'), t('personCheck.result')]}
      >
        {answer.entries.map((entry, i) => {
          const result = answer.results[i];
          return (
            <tr key={entry.line}>
              <td class="cell-num">{entry.line}</td>
              <td>{entry.names.join(' · ')}</td>
              <td>{entry.dateOfBirth}</td>
              <td>{entry.nationality ? countryName(entry.nationality, lang, t) : <Empty />}</td>
              <td>
                {result ? (
                  <>
                    <VerdictBadge verdict={verdictOf(result)} />
                    <MatchList matches={result.matches} />
                    {result.withheld ? <p class="hint">{t('personCheck.withheld')}</p> : null}
                  </>
                ) : null}
              </td>
            </tr>
          );
        })}
      </Table>
    </section>
  );
}

import type { AnyAbility } from '@casl/ability';
import { rulesToCondition } from '@casl/ability/extra';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * The one translation from CASL rules to SQL. `rulesToAST` flattens an ability's rules for an
 * action and subject into a condition tree (an OR of `can` branches, each bounded by the
 * `cannot`s above it); this walks that tree into a Kysely expression, so that every list, count,
 * facet, search and export is filtered by the database with the very rules that guard a single
 * read. Deny by default: no rule gives `false`; a field or operator it does not know throws.
 *
 * Every leaf is made two-valued (`coalesce(…, false)`), because SQL's NULL would otherwise turn
 * NOT(x) into NULL where CASL, evaluating JavaScript objects, says true.
 */
export interface FieldSpec {
  /** Qualified column, e.g. `item.tlp`. */
  column: string;
  /** Element type, for casting literal lists: text, uuid, integer, timestamptz… */
  type: string;
  /** A PostgreSQL array column: equality means "contains", as in MongoDB's query language. */
  array?: boolean;
}

export type FieldMap = Record<string, FieldSpec>;

interface AstNode {
  operator: string;
  value: unknown;
  field?: string;
}

export class PolicyTranslationError extends Error {
  override name = 'PolicyTranslationError';
}

const leaf = (expression: RawBuilder<unknown>): RawBuilder<SqlBool> => sql<SqlBool>`coalesce(${expression}, false)`;

function literalList(values: unknown[], type: string): RawBuilder<unknown> {
  if (values.length === 0) return sql`array[]::${sql.raw(type)}[]`;
  return sql`array[${sql.join(values.map((v) => sql`${v}::${sql.raw(type)}`))}]`;
}

function fieldCondition(node: AstNode, fields: FieldMap): RawBuilder<SqlBool> {
  const spec = node.field ? fields[node.field] : undefined;
  if (!spec) throw new PolicyTranslationError(`policy field ${node.field ?? '(none)'} has no column`);
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(spec.column) || !/^[a-z ]+$/.test(spec.type)) {
    throw new PolicyTranslationError(`bad column spec for ${node.field}`);
  }
  const column = sql.ref(spec.column);
  const type = sql.raw(spec.type);
  const value = node.value;
  const typed = (v: unknown) => sql`${v}::${type}`;

  if (spec.array) {
    switch (node.operator) {
      case 'eq':
        return leaf(sql`${typed(value)} = any(${column})`);
      case 'ne':
        return sql<SqlBool>`not ${leaf(sql`${typed(value)} = any(${column})`)}`;
      case 'in':
        return leaf(sql`${column} && ${literalList(value as unknown[], spec.type)}`);
      case 'nin':
        return sql<SqlBool>`not ${leaf(sql`${column} && ${literalList(value as unknown[], spec.type)}`)}`;
      case 'all':
        return leaf(sql`${column} @> ${literalList(value as unknown[], spec.type)}`);
      case 'size':
        return leaf(sql`coalesce(cardinality(${column}), 0) = ${value}`);
      default:
        throw new PolicyTranslationError(`operator ${node.operator} is not supported on array field ${node.field}`);
    }
  }
  switch (node.operator) {
    case 'eq':
      return value === null ? leaf(sql`${column} is null`) : leaf(sql`${column} = ${typed(value)}`);
    case 'ne':
      return leaf(sql`${column} is distinct from ${value === null ? sql`null` : typed(value)}`);
    case 'in':
      return leaf(sql`${column} = any(${literalList(value as unknown[], spec.type)})`);
    case 'nin':
      return sql<SqlBool>`not ${leaf(sql`${column} = any(${literalList(value as unknown[], spec.type)})`)}`;
    case 'lt':
      return leaf(sql`${column} < ${typed(value)}`);
    case 'lte':
      return leaf(sql`${column} <= ${typed(value)}`);
    case 'gt':
      return leaf(sql`${column} > ${typed(value)}`);
    case 'gte':
      return leaf(sql`${column} >= ${typed(value)}`);
    // `$exists` is left out on purpose: CASL tells a missing property from a null one, SQL cannot.
    default:
      throw new PolicyTranslationError(`operator ${node.operator} is not supported on field ${node.field}`);
  }
}

function walk(node: AstNode, fields: FieldMap): RawBuilder<SqlBool> {
  switch (node.operator) {
    case 'and': {
      const parts = (node.value as AstNode[]).map((n) => walk(n, fields));
      return parts.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
    }
    case 'or': {
      const parts = (node.value as AstNode[]).map((n) => walk(n, fields));
      return parts.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
    }
    case 'not': {
      const inner = Array.isArray(node.value) ? (node.value as AstNode[]) : [node.value as AstNode];
      return sql<SqlBool>`not (${sql.join(
        inner.map((n) => walk(n, fields)),
        sql` and `,
      )})`;
    }
    default:
      return fieldCondition(node, fields);
  }
}

/**
 * The SQL condition under which `ability` may do `action` on rows of `subjectType` — on one of
 * their fields when `field` is given (e.g. `read` of `content`, which metadata-only readers lack).
 * This is `rulesToAST` of CASL's extra module, with the field passed to `rulesFor`.
 */
const translated = new WeakMap<AnyAbility, WeakMap<FieldMap, Map<string, Expression<SqlBool>>>>();

export function permittedCondition(ability: AnyAbility, action: string, subjectType: string, fields: FieldMap, field?: string): Expression<SqlBool> {
  // Kysely's builders are immutable: one translation serves every query of this ability.
  let byFields = translated.get(ability);
  if (!byFields) translated.set(ability, (byFields = new WeakMap()));
  let memo = byFields.get(fields);
  if (!memo) byFields.set(fields, (memo = new Map()));
  const key = `${action}\u0000${subjectType}\u0000${field ?? ''}`;
  let condition = memo.get(key);
  if (!condition) memo.set(key, (condition = translate(ability, action, subjectType, fields, field)));
  return condition;
}

function translate(ability: AnyAbility, action: string, subjectType: string, fields: FieldMap, field?: string): Expression<SqlBool> {
  const ast = rulesToCondition(
    ability.rulesFor(action, subjectType, field),
    (rule): AstNode => {
      if (!rule.ast) throw new PolicyTranslationError('a rule without conditions AST');
      return rule.inverted ? { operator: 'not', value: [rule.ast] } : (rule.ast as AstNode);
    },
    {
      and: (value: AstNode[]): AstNode => ({ operator: 'and', value }),
      or: (value: AstNode[]): AstNode => ({ operator: 'or', value }),
      empty: (): AstNode => ({ operator: 'and', value: [] }),
    },
  );
  return ast === null ? sql<SqlBool>`false` : walk(ast, fields);
}

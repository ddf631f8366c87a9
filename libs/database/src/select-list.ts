/**
 * The SELECT list for columns named in a typed array (`[...] as const satisfies readonly
 * (keyof SomeEntity)[]`), so the statement, its row type (`Pick<SomeEntity, (typeof COLUMNS)[number]>`)
 * and the entity cannot drift apart: a renamed column fails to compile. `expressions` selects a
 * column through an expression of its own (a date as text), still under the column's name.
 */
export function selectList(alias: string, columns: readonly string[], expressions: Readonly<Record<string, string>> = {}): string {
  return columns.map((c) => (expressions[c] ? `${expressions[c]} AS ${c}` : `${alias}.${c}`)).join(', ');
}

/**
 * The columns of a left-joined table, selected as `<prefix><column>` (`r.id AS r_id`): each is
 * null when the join found no row.
 */
export type JoinedColumns<P extends string, T> = { [K in keyof T & string as `${P}${K}`]: T[K] | null };

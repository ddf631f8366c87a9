import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';

/** What a cut-off scenario compares between a deployed model and a possible substitute. */
export interface SubstituteFacts {
  id: string;
  name: string;
  modality: string | null;
  parameterCount: number | null;
  tasks: string[];
  license: string | null;
  access: string;
  releaseDate: string | null;
  publisherId: string;
  /** The publisher's ultimate controlling owner, and that owner's country. */
  vendorId: string | null;
  vendorCountry: string | null;
}

/** One search for substitutes: same modality, near a size (or any size when `at` is null), sharing a task when `tasks` is not empty. */
export interface SubstitutePool {
  modality: string;
  at: number | null;
  lo: number | null;
  hi: number | null;
  tasks: string[];
}

interface Row {
  k?: number;
  node_id?: string;
  id: string;
  name: string;
  modality: string | null;
  parameter_count: string | null;
  tasks: string[];
  license: string | null;
  access: string;
  release_date: string | null;
  publisher_id: string;
  vendor_id: string | null;
  vendor_country: string | null;
}

const COLUMNS = `m.id, m.name, m.modality, m.parameter_count, m.tasks, m.license, m.access::text AS access, m.release_date::text AS release_date,
  m.publisher_id, r.root_id AS vendor_id, r.root_country AS vendor_country`;

const toFacts = (r: Row): SubstituteFacts => ({
  id: String(r.id),
  name: r.name,
  modality: r.modality,
  parameterCount: r.parameter_count === null ? null : Number(r.parameter_count),
  tasks: r.tasks,
  license: r.license,
  access: r.access,
  releaseDate: r.release_date,
  publisherId: String(r.publisher_id),
  vendorId: r.vendor_id === null ? null : String(r.vendor_id),
  vendorCountry: r.vendor_country,
});

/** The filters every branch of the pool search shares; `n` is the pool row. */
const SHARED = `m.modality = n.modality AND NOT m.placeholder
  AND (n.tasks = '' OR m.tasks && string_to_array(n.tasks, ','))
  AND ($3::bigint IS NULL OR m.publisher_id NOT IN (SELECT organization_subtree($3::bigint)))`;

/**
 * Models as possible substitutes in a cut-off scenario. Candidates are found per pool, not per
 * candidate: the nearest models by size on each side of the current one walk the
 * (modality, parameter_count) index and stop after `limit`, so one statement serves every pool.
 */
@Injectable()
export class SubstituteFactsRepository {
  constructor(private readonly db: Db) {}

  /** The model each node is or belongs to (a checkpoint's model), keyed by node id. */
  async modelsOfNodes(nodeIds: readonly string[]): Promise<Map<string, SubstituteFacts>> {
    if (!nodeIds.length) return new Map();
    const rows = await this.db.query<Row>(
      `SELECT n.id AS node_id, ${COLUMNS}
       FROM unnest($1::bigint[]) AS n(id)
       LEFT JOIN checkpoint c ON c.id = n.id
       JOIN model m ON m.id = COALESCE(c.model_id, n.id)
       LEFT JOIN organization_root r ON r.organization_id = m.publisher_id`,
      [[...new Set(nodeIds)]],
    );
    return new Map(rows.map((r) => [String(r.node_id), toFacts(r)]));
  }

  /**
   * Up to `limit` complete models on each side of each pool's size (within [lo, hi]), or the `2 × limit`
   * newest of any size for a pool without one; `limit` null for all. Models of `excludeOrganizationId`
   * (and what it controls) are left out here already: they are the cut-off itself.
   */
  async pools(pools: readonly SubstitutePool[], limit: number | null, excludeOrganizationId: string | null): Promise<SubstituteFacts[][]> {
    if (!pools.length) return [];
    const rows = await this.db.query<Row>(
      `SELECT n.k, ${COLUMNS}
       FROM unnest($1::text[]) WITH ORDINALITY AS u(modality, k)
       -- Bounds as bigint, like parameter_count: compared as float8 the column is cast and the size index goes unused.
       CROSS JOIN LATERAL (SELECT u.modality, u.k::int AS k, round(($4::float8[])[u.k])::bigint AS at, ceil(($5::float8[])[u.k])::bigint AS lo,
         floor(($6::float8[])[u.k])::bigint AS hi,
         ($7::text[])[u.k] AS tasks) n
       CROSS JOIN LATERAL (
         (SELECT m.id FROM model m WHERE ${SHARED} AND m.parameter_count >= n.at AND m.parameter_count <= n.hi
          ORDER BY m.parameter_count, m.id LIMIT $2::int)
         UNION ALL
         (SELECT m.id FROM model m WHERE ${SHARED} AND m.parameter_count < n.at AND m.parameter_count >= n.lo
          ORDER BY m.parameter_count DESC, m.id DESC LIMIT $2::int)
         UNION ALL
         (SELECT m.id FROM model m WHERE ${SHARED} AND n.at IS NULL
          ORDER BY m.release_date DESC NULLS LAST, m.id LIMIT 2 * $2::int)
       ) pick
       JOIN model m ON m.id = pick.id
       LEFT JOIN organization_root r ON r.organization_id = m.publisher_id`,
      [
        pools.map((p) => p.modality),
        limit,
        excludeOrganizationId,
        pools.map((p) => p.at),
        pools.map((p) => p.lo),
        pools.map((p) => p.hi),
        pools.map((p) => p.tasks.join(',')),
      ],
    );
    const out = pools.map((): SubstituteFacts[] => []);
    for (const r of rows) out[Number(r.k) - 1].push(toFacts(r));
    return out;
  }

  /**
   * Models and datasets whose vendor (ultimate controlling owner) is from `country` although their
   * country of origin is not (an override): a country cut-off stops the vendor all the same.
   */
  async nodesOfVendorCountry(country: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT x.id FROM (SELECT id, publisher_id FROM model UNION ALL SELECT id, publisher_id FROM dataset) x
       JOIN organization_root r ON r.organization_id = x.publisher_id
       JOIN node_origin o ON o.node_id = x.id
       WHERE r.root_country = $1 AND o.country IS DISTINCT FROM $1`,
      [country],
    );
    return rows.map((r) => String(r.id));
  }
}

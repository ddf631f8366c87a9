import { Injectable } from '@nestjs/common';
import { NodeKind } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { NodeOrigin } from './node-origin.record';

interface OriginRow {
  node_id: string;
  kind: NodeKind;
  publisher_id: string;
  country: string | null;
  overridden: boolean;
  country_org_id: string | null;
}

const toOrigin = (r: OriginRow): NodeOrigin => ({
  nodeId: String(r.node_id),
  kind: r.kind,
  publisherId: String(r.publisher_id),
  country: r.country,
  overridden: r.overridden,
  countryOrgId: r.country_org_id === null ? null : String(r.country_org_id),
});

@Injectable()
export class NodeOriginRepository {
  constructor(private readonly db: Db) {}

  async findByNodes(ids: readonly string[]): Promise<NodeOrigin[]> {
    const rows = await this.db.query<OriginRow>(
      `SELECT node_id, kind, publisher_id, country, overridden, country_org_id FROM node_origin WHERE node_id = ANY($1::bigint[])`,
      [ids],
    );
    return rows.map(toOrigin);
  }
}

import { CliOutput } from '../cli-output';
import { column, numeric, Report } from '../report-format';
import { RegistryClient } from '../registry-client';
import { FormatOptions, notFoundAs, outputFormat } from './report-options';

const QUERY = `query($of: NodeRefInput, $deployment: String, $perspective: String) {
  exposure(of: $of, deployment: $deployment, perspective: $perspective) {
    subject { name } deployment { name } ancestorCount perspective truncated
    dependencies { kind depth organizationName vendorName country explanation }
    countries { country countryName kinds nearestDepth ancestorCount nearest { name } explanation }
    vendors { vendor { name slug } country kinds nearestDepth ancestorCount unavoidable weightRootVendor explanation }
    distillationSources { name access country channels direct depth teacherSnapshot usedFrom usedTo explanation }
    auxiliaryModels { name country role direct depth explanation }
    licenses { expression kinds known holders { name } }
    licenseDrift { derived { name } declaredLicense ancestorLicense reason explanation }
    foreign { perspective countries { country } vendors { vendor { slug } } }
  }
}`;

interface Exposure {
  subject: { name: string };
  deployment: { name: string } | null;
  dependencies: { kind: string; depth: number; organizationName: string | null; vendorName: string | null; country: string | null; explanation: string }[];
  ancestorCount: number;
  perspective: string | null;
  truncated: boolean;
  countries: {
    country: string | null;
    countryName: string | null;
    kinds: string[];
    nearestDepth: number;
    ancestorCount: number;
    nearest: { name: string };
    explanation: string;
  }[];
  vendors: {
    vendor: { name: string; slug: string };
    country: string | null;
    kinds: string[];
    nearestDepth: number;
    ancestorCount: number;
    unavoidable: boolean;
    weightRootVendor: boolean;
    explanation: string;
  }[];
  distillationSources: {
    name: string;
    access: string | null;
    country: string | null;
    channels: string[];
    direct: boolean;
    depth: number;
    teacherSnapshot: string | null;
    usedFrom: string | null;
    usedTo: string | null;
    explanation: string;
  }[];
  auxiliaryModels: { name: string; country: string | null; role: string; direct: boolean; depth: number; explanation: string }[];
  licenses: { expression: string; kinds: string[]; known: boolean; holders: { name: string }[] }[];
  licenseDrift: { derived: { name: string }; declaredLicense: string | null; ancestorLicense: string | null; reason: string; explanation: string }[];
  foreign: { perspective: string; countries: { country: string | null }[]; vendors: { vendor: { slug: string } }[] } | null;
}

export interface ExposureOptions extends FormatOptions {
  perspective?: string;
  checkpoint?: boolean;
  /** The argument is a deployment name: what it runs, plus who serves it. */
  deployment?: boolean;
}

/** Countries, vendors, teachers, licenses and drift of one model, each row with the chain behind it. */
export function exposureReport(e: Exposure): Report {
  const foreignCountries = new Set(e.foreign?.countries.map((c) => c.country ?? ''));
  const foreignVendors = new Set(e.foreign?.vendors.map((v) => v.vendor.slug));
  const foreign = e.foreign ? [column('foreign', `foreign to ${e.foreign.perspective}`)] : [];
  const summary = [
    `${e.ancestorCount} ancestor${e.ancestorCount === 1 ? '' : 's'}${e.perspective ? `, seen from ${e.perspective}` : ''}${e.truncated ? '; the ancestry is deeper than 100 edges and was cut' : ''}`,
  ];
  return {
    title: e.deployment ? `Exposure of deployment ${e.deployment.name} (runs ${e.subject.name})` : `Exposure of ${e.subject.name}`,
    summary,
    sections: [
      {
        title: 'Countries',
        columns: [column('country'), column('name'), column('kinds', 'through'), numeric('depth'), numeric('ancestors'), ...foreign, column('explanation')],
        rows: e.countries.map((c) => ({
          country: c.country ?? 'unknown',
          name: c.countryName,
          kinds: c.kinds,
          depth: c.nearestDepth,
          ancestors: c.ancestorCount,
          foreign: e.foreign ? foreignCountries.has(c.country ?? '') : undefined,
          explanation: c.explanation,
        })),
      },
      {
        title: 'Vendors',
        columns: [
          column('vendor'),
          column('country'),
          column('kinds', 'through'),
          numeric('depth'),
          numeric('ancestors'),
          column('unavoidable'),
          column('weight_root', 'weight root'),
          ...foreign,
        ],
        rows: e.vendors.map((v) => ({
          vendor: v.vendor.name,
          country: v.country,
          kinds: v.kinds,
          depth: v.nearestDepth,
          ancestors: v.ancestorCount,
          unavoidable: v.unavoidable,
          weight_root: v.weightRootVendor,
          foreign: e.foreign ? foreignVendors.has(v.vendor.slug) : undefined,
        })),
      },
      {
        title: 'Compute, serving and ownership',
        columns: [column('kind'), column('organization'), column('vendor'), column('country'), numeric('depth'), column('explanation')],
        rows: e.dependencies.map((d) => ({
          kind: d.kind,
          organization: d.organizationName,
          vendor: d.vendorName,
          country: d.country ?? 'not stated',
          depth: d.depth,
          explanation: d.explanation,
        })),
      },
      {
        title: 'Teachers (distillation)',
        columns: [
          column('teacher'),
          column('access'),
          column('country'),
          column('channels'),
          column('direct'),
          numeric('depth'),
          column('snapshot'),
          column('used'),
        ],
        rows: e.distillationSources.map((d) => ({
          teacher: d.name,
          access: d.access,
          country: d.country,
          channels: d.channels,
          direct: d.direct,
          depth: d.depth,
          // The snapshot and period the teaching edge states: an API name alone does not say which weights taught.
          snapshot: d.teacherSnapshot,
          used: d.usedFrom || d.usedTo ? `${d.usedFrom ?? '…'} to ${d.usedTo ?? '…'}` : null,
        })),
      },
      {
        title: 'Auxiliary models (reward models, judges, filters)',
        columns: [column('model'), column('role'), column('country'), column('direct'), numeric('depth'), column('explanation')],
        rows: e.auxiliaryModels.map((a) => ({ model: a.name, role: a.role, country: a.country, direct: a.direct, depth: a.depth, explanation: a.explanation })),
      },
      {
        title: 'Licenses',
        columns: [column('license'), column('kinds', 'through'), column('known', 'known terms'), column('holders', 'held by')],
        rows: e.licenses.map((l) => ({ license: l.expression, kinds: l.kinds, known: l.known, holders: l.holders.map((h) => h.name) })),
      },
      {
        title: 'License drift',
        columns: [column('model'), column('declared', 'declares'), column('license', 'ancestor license'), column('reason'), column('explanation')],
        rows: e.licenseDrift.map((d) => ({
          model: d.derived.name,
          declared: d.declaredLicense,
          license: d.ancestorLicense,
          reason: d.reason,
          explanation: d.explanation,
        })),
      },
    ],
  };
}

export async function exposureCommand(client: RegistryClient, output: CliOutput, json: boolean, name: string, opts: ExposureOptions): Promise<void> {
  const format = outputFormat(json, opts);
  const of = opts.deployment ? null : opts.checkpoint ? { checkpoint: name } : { model: name };
  const { exposure } = await notFoundAs(
    client.request<{ exposure: Exposure }>(QUERY, { of, deployment: opts.deployment ? name : null, perspective: opts.perspective ?? null }),
    opts.deployment ? '<deployment>' : opts.checkpoint ? '<checkpoint>' : '<model>',
  );
  output.report(format, exposureReport(exposure), exposure);
}

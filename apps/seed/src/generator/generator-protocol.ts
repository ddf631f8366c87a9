/** Messages between the seeder and its generator worker. */

export interface GeneratorInput {
  seed: number;
  models: number;
  /** Whether the schema has the DERIVED_FROM relation (dataset built from dataset). */
  derivedFrom: boolean;
}

export type GeneratorMessage =
  | { type: 'plan'; expected: Record<string, number>; shape: Record<string, unknown> }
  | { type: 'table'; table: string; columns: readonly string[]; expected: number }
  /** COPY text of whole rows; its buffer is transferred, not copied. */
  | { type: 'chunk'; data: Uint8Array; rows: number }
  | { type: 'end' }
  | { type: 'done' };

/** The seeder returns one credit per chunk it has written, so the worker runs at most this far ahead. */
export const CREDITS = 16;

export type SeederMessage = { type: 'credit' };

/** Chunks of about this many characters: large enough to amortize messaging, small enough to stream. */
export const CHUNK_CHARS = 256 * 1024;
